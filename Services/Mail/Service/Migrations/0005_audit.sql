-- The audit chain: one hash chain per tenant, appended in the same transaction as the change it
-- records and serialised per tenant by the lock on the tenant's tip row, so the chain is linear.
-- The runtime role may only SELECT and INSERT audit_events and audit_heads.
--
-- The encoding is the domain's (AuditRecord, AuditChainTip, AuditChainHead), which the verifier
-- recomputes: a record's hash is SHA-256 over
--   field("guichet.mail.audit.record.v1") || u64 sequence || field(previous hash)
--   || i64 microseconds since 1970 || field(actor) || field(event type) || field(item id or empty)
--   || field(canonical JSON payload)
-- where field(x) is x's byte count as a big-endian u32 followed by x; integers are big-endian.

CREATE TABLE audit_events (
    tenant_id      uuid NOT NULL,
    sequence       bigint NOT NULL CHECK (sequence >= 1),
    previous_hash  bytea NOT NULL,
    hash           bytea NOT NULL,
    occurred_at    timestamptz NOT NULL,
    actor          text NOT NULL,
    event_type     text NOT NULL,
    item_id        uuid,
    -- The payload's canonical JSON text, exactly as hashed.
    payload        text NOT NULL,
    PRIMARY KEY (tenant_id, sequence)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('audit_events');
GRANT SELECT, INSERT ON audit_events TO guichet_app;
CREATE INDEX audit_events_item ON audit_events (tenant_id, item_id, sequence);

-- The end of each tenant's chain; its row lock serialises appends.
CREATE TABLE audit_tips (
    tenant_id      uuid NOT NULL,
    last_sequence  bigint NOT NULL CHECK (last_sequence >= 0),
    last_hash      bytea NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('audit_tips');
GRANT SELECT, INSERT, UPDATE ON audit_tips TO guichet_app;

-- Daily chain heads, signed with Ed25519 (AuditChainHead.signingInput): a truncation of the
-- newest records contradicts the last head.
CREATE TABLE audit_heads (
    tenant_id      uuid NOT NULL,
    day            date NOT NULL,
    last_sequence  bigint NOT NULL CHECK (last_sequence >= 0),
    last_hash      bytea NOT NULL,
    key_id         text NOT NULL,
    signature      bytea NOT NULL CHECK (length(signature) = 64),
    signed_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, day)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('audit_heads');
GRANT SELECT, INSERT ON audit_heads TO guichet_app;

-- The public halves of the keys that sign chain heads (the private key stays with the service:
-- MAIL_AUDIT_SIGNING_KEY or a file in GUICHET_KEYS_DIR). Not tenant data: one key signs every
-- tenant's heads.
CREATE TABLE audit_keys (
    key_id      text PRIMARY KEY CHECK (length(key_id) BETWEEN 1 AND 64),
    public_key  bytea NOT NULL CHECK (length(public_key) = 32),
    created_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON audit_keys TO guichet_app;

CREATE FUNCTION audit_field(p_bytes bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT int4send(length(p_bytes)) || p_bytes
$$;

-- The tenant's genesis value (AuditChainTip.genesisHash): the first record's previous hash.
CREATE FUNCTION audit_genesis(p_tenant uuid) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT sha256(mail.audit_field(convert_to('guichet.mail.audit.genesis.v1', 'UTF8'))
                  || mail.audit_field(uuid_send(p_tenant)))
$$;

-- Appends one event to the tenant's chain inside the caller's transaction and returns its
-- sequence. The tip row stays locked until the transaction ends: concurrent writers of a tenant
-- queue here, and each record hashes its predecessor.
CREATE FUNCTION append_audit_event(
    p_tenant uuid, p_at timestamptz, p_actor text, p_event_type text, p_item uuid, p_payload text
) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_sequence  bigint;
    v_previous  bytea;
    v_hash      bytea;
BEGIN
    INSERT INTO mail.audit_tips AS t (tenant_id, last_sequence, last_hash)
    VALUES (p_tenant, 0, mail.audit_genesis(p_tenant))
    ON CONFLICT (tenant_id) DO UPDATE SET last_sequence = t.last_sequence
    RETURNING t.last_sequence, t.last_hash INTO v_sequence, v_previous;
    v_sequence := v_sequence + 1;
    v_hash := sha256(
        mail.audit_field(convert_to('guichet.mail.audit.record.v1', 'UTF8'))
        || int8send(v_sequence)
        || mail.audit_field(v_previous)
        || int8send((extract(epoch FROM p_at) * 1000000)::bigint)
        || mail.audit_field(convert_to(p_actor, 'UTF8'))
        || mail.audit_field(convert_to(p_event_type, 'UTF8'))
        || mail.audit_field(coalesce(uuid_send(p_item), ''::bytea))
        || mail.audit_field(convert_to(p_payload, 'UTF8')));
    INSERT INTO mail.audit_events (tenant_id, sequence, previous_hash, hash, occurred_at, actor, event_type, item_id, payload)
    VALUES (p_tenant, v_sequence, v_previous, v_hash, p_at, p_actor, p_event_type, p_item, p_payload);
    UPDATE mail.audit_tips SET last_sequence = v_sequence, last_hash = v_hash, updated_at = now()
    WHERE tenant_id = p_tenant;
    RETURN v_sequence;
END $$;
GRANT EXECUTE ON FUNCTION append_audit_event(uuid, timestamptz, text, text, uuid, text) TO guichet_app;
