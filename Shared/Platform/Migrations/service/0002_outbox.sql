-- Runs inside each service's schema (the runner sets search_path): the transactional outbox.
-- A service inserts a message here in the same transaction as the change that causes it; the
-- service's dispatcher delivers it afterwards (email, SMS, webhook…) with retries, so a crash never
-- loses one and a rolled-back change never sends one.
CREATE TABLE outbox_messages (
    tenant_id     uuid NOT NULL,
    -- The message's stable id: the same on every attempt, so receivers can de-duplicate on it.
    id            uuid NOT NULL,
    -- The channel that delivers it (email, sms, webhook…) and what it is (a template or event name).
    channel       text NOT NULL CHECK (channel ~ '^[a-z][a-z0-9_]{0,31}$'),
    topic         text NOT NULL CHECK (length(topic) BETWEEN 1 AND 100),
    -- What the channel needs to deliver it, as the service recorded it.
    payload       jsonb NOT NULL,
    -- Who it goes to within its channel, when deliveries are listed by it (a webhook endpoint's id).
    target        text,
    -- 'cancelled': withdrawn by the service before it was sent (a reminder of a booking since moved
    -- or cancelled); never delivered, never retried, purged like a delivered message.
    state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead', 'cancelled')),
    -- Attempts since the message was recorded or last replayed.
    attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- When the message is due: its first attempt, its next retry, or — while a dispatcher holds it —
    -- the end of that claim, so that a message whose dispatcher died becomes due again by itself.
    -- Once delivered or cancelled, when that happened.
    available_at  timestamptz NOT NULL DEFAULT now(),
    -- The current claim. A dispatcher's outcome counts only while its lease is the message's.
    lease         uuid,
    last_error    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    delivered_at  timestamptz,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('outbox_messages');
GRANT SELECT, INSERT, UPDATE ON outbox_messages TO guichet_app;

-- One index serves the dispatchers' queue across tenants (state 'pending', oldest due first), the
-- purge (states 'delivered' and 'cancelled', by the time that happened: such a message's
-- available_at is when it was delivered or cancelled) and a tenant's dead letters. Listings by target scan the tenant's partition, which the
-- purge keeps small. Every index here is made again for each tenant's partition: few, on purpose.
CREATE INDEX outbox_messages_state ON outbox_messages (state, available_at);

-- Every delivery attempt and how it ended, for administrators (webhook attempts are visible
-- through the API). No foreign key to outbox_messages: between partitioned tables PostgreSQL
-- makes one constraint per referenced partition on every referencing partition — a cost that
-- grows with the square of the tenants and locks every tenant's outbox at each onboarding. The
-- purge removes a message's attempts with it.
CREATE TABLE outbox_attempts (
    tenant_id    uuid NOT NULL,
    message_id   uuid NOT NULL,
    id           uuid NOT NULL,
    started_at   timestamptz NOT NULL,
    duration_ms  integer NOT NULL CHECK (duration_ms >= 0),
    outcome      text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'rejected')),
    -- The HTTP status or SMTP reply code, when the other side answered.
    status_code  integer,
    detail       text CHECK (length(detail) <= 1000),
    PRIMARY KEY (tenant_id, message_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('outbox_attempts');
GRANT SELECT, INSERT ON outbox_attempts TO guichet_app;

-- The dispatcher works across tenants, and the runtime role never bypasses row-level security:
-- claiming and purging go through the two SECURITY DEFINER functions below, owned by the role
-- running this migration. These policies let that role (and only it) see every tenant's messages
-- (selecting, updating, deleting) and attempts (selecting, deleting); its functions do nothing
-- else with them.
DO $outbox$
BEGIN
    EXECUTE format('CREATE POLICY outbox_dispatcher_select ON outbox_messages FOR SELECT TO %I USING (true)', current_user);
    EXECUTE format(
        'CREATE POLICY outbox_dispatcher_update ON outbox_messages FOR UPDATE TO %I USING (true) WITH CHECK (true)', current_user);
    EXECUTE format('CREATE POLICY outbox_dispatcher_delete ON outbox_messages FOR DELETE TO %I USING (true)', current_user);
    EXECUTE format('CREATE POLICY outbox_dispatcher_select ON outbox_attempts FOR SELECT TO %I USING (true)', current_user);
    EXECUTE format('CREATE POLICY outbox_dispatcher_delete ON outbox_attempts FOR DELETE TO %I USING (true)', current_user);

    -- Claims up to p_limit due messages of the given channels, oldest due first, skipping those
    -- another dispatcher holds: each becomes due again after p_lease unless its outcome is recorded
    -- first (with the lease returned). Every claim counts as an attempt.
    EXECUTE format($sql$
        CREATE FUNCTION %1$I.claim_outbox_messages(p_limit integer, p_lease interval, p_channels text[])
        RETURNS TABLE (tenant_id uuid, id uuid, channel text, topic text, payload text, attempts integer,
                       lease uuid, created_at timestamptz)
        LANGUAGE sql SECURITY DEFINER SET search_path = %1$I, pg_catalog, pg_temp AS $body$
            WITH due AS (
                SELECT m.tenant_id, m.id FROM %1$I.outbox_messages m
                WHERE m.state = 'pending' AND m.available_at <= now() AND m.channel = ANY (p_channels)
                ORDER BY m.available_at
                LIMIT greatest(p_limit, 0)
                FOR UPDATE SKIP LOCKED
            )
            UPDATE %1$I.outbox_messages m
            SET available_at = now() + p_lease, attempts = m.attempts + 1, lease = gen_random_uuid(), updated_at = now()
            FROM due
            WHERE m.tenant_id = due.tenant_id AND m.id = due.id
            RETURNING m.tenant_id, m.id, m.channel, m.topic, m.payload::text, m.attempts, m.lease, m.created_at
        $body$
    $sql$, current_schema());
    EXECUTE format('REVOKE ALL ON FUNCTION %I.claim_outbox_messages(integer, interval, text[]) FROM PUBLIC', current_schema());
    EXECUTE format('GRANT EXECUTE ON FUNCTION %I.claim_outbox_messages(integer, interval, text[]) TO guichet_app', current_schema());

    -- Removes up to p_limit messages delivered or cancelled before p_before, and their attempts.
    EXECUTE format($sql$
        CREATE FUNCTION %1$I.purge_outbox_messages(p_before timestamptz, p_limit integer) RETURNS integer
        LANGUAGE sql SECURITY DEFINER SET search_path = %1$I, pg_catalog, pg_temp AS $body$
            WITH old AS (
                SELECT m.tenant_id, m.id FROM %1$I.outbox_messages m
                WHERE m.state IN ('delivered', 'cancelled') AND m.available_at < p_before
                ORDER BY m.available_at
                LIMIT greatest(p_limit, 0)
                FOR UPDATE SKIP LOCKED
            ), attempts AS (
                DELETE FROM %1$I.outbox_attempts a USING old
                WHERE a.tenant_id = old.tenant_id AND a.message_id = old.id
            ), gone AS (
                DELETE FROM %1$I.outbox_messages m USING old
                WHERE m.tenant_id = old.tenant_id AND m.id = old.id
                RETURNING 1
            )
            SELECT count(*)::integer FROM gone
        $body$
    $sql$, current_schema());
    EXECUTE format('REVOKE ALL ON FUNCTION %I.purge_outbox_messages(timestamptz, integer) FROM PUBLIC', current_schema());
    EXECUTE format('GRANT EXECUTE ON FUNCTION %I.purge_outbox_messages(timestamptz, integer) TO guichet_app', current_schema());
END $outbox$;
