-- The desk: on-site queue tickets and the audit of agents' overrides; and the messages the service
-- must send (confirmations, reminders, verification codes, offers), recorded in the transaction of
-- the change that causes them.

-- Tickets of a site's queue, numbered per local day and prefix (A001, A002, B001…).
CREATE TABLE queue_tickets (
    tenant_id  uuid NOT NULL,
    id         uuid NOT NULL,
    site_id    uuid NOT NULL,
    day        date NOT NULL,
    prefix     text NOT NULL CHECK (prefix ~ '^[A-Z]{1,2}$'),
    number     integer NOT NULL CHECK (number >= 1),
    service_id uuid NOT NULL,
    booking_id uuid,
    status     text NOT NULL CHECK (status IN ('waiting', 'called', 'served', 'no_show')),
    issued_at  timestamptz NOT NULL,
    called_at  timestamptz,
    counter_id uuid,
    closed_at  timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, site_id, day, prefix, number)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('queue_tickets');
SELECT platform.declare_tenant_foreign_key(
    'queue_tickets', 'site_fkey', 'tenant_id, site_id', 'sites', 'tenant_id, id');
SELECT platform.declare_tenant_foreign_key(
    'queue_tickets', 'service_fkey', 'tenant_id, service_id', 'services', 'tenant_id, id');
SELECT platform.declare_tenant_foreign_key(
    'queue_tickets', 'booking_fkey', 'tenant_id, booking_id', 'bookings', 'tenant_id, id');
GRANT SELECT, INSERT, UPDATE ON queue_tickets TO guichet_app;

-- Every rule an agent set aside, with who, why and when.
CREATE TABLE overrides (
    tenant_id     uuid NOT NULL,
    id            uuid NOT NULL,
    booking_id    uuid,
    action        text NOT NULL,
    rules         text[] NOT NULL,
    agent_subject text NOT NULL,
    reason        text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('overrides');
GRANT SELECT, INSERT ON overrides TO guichet_app;
CREATE INDEX overrides_time ON overrides (tenant_id, created_at);

-- What must be sent to people, each with a stable id receivers de-duplicate on. Reminders wait
-- until deliver_after; a move or a cancellation cancels the pending ones. Until the platform's
-- notification outbox delivers them, they wait here (status 'pending').
CREATE TABLE messages (
    tenant_id     uuid NOT NULL,
    id            uuid NOT NULL,
    booking_id    uuid,
    kind          text NOT NULL,
    channel       text NOT NULL CHECK (channel IN ('sms', 'email')),
    destination   text NOT NULL,
    language      text NOT NULL CHECK (language IN ('fr', 'ar', 'en')),
    payload       jsonb NOT NULL,
    deliver_after timestamptz NOT NULL,
    status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'cancelled', 'handed_over')),
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('messages');
GRANT SELECT, INSERT, UPDATE ON messages TO guichet_app;
CREATE INDEX messages_booking ON messages (tenant_id, booking_id) WHERE status = 'pending';
CREATE INDEX messages_due ON messages (tenant_id, deliver_after) WHERE status = 'pending';
