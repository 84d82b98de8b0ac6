-- Bookings and holds, the seats of group sessions, contact verifications and the waiting list.
--
-- The guarantee: a counter is never booked twice for overlapping times. A hold is a booking row in
-- status 'held' (until hold_expires_at), so holds, bookings and checked-in visitors all take part in
-- one exclusion constraint per tenant partition:
--
--   EXCLUDE USING gist (counter_id WITH =, tstzrange(starts_at, occupied_until) WITH &&,
--                       occupancy_key WITH <>) WHERE (status IN ('held', 'confirmed', 'checked_in'))
--
-- occupied_until is the end plus the service's buffer. occupancy_key is the booking's own id for a
-- one-to-one appointment, so any overlap on the counter conflicts; the bookings of one group session
-- share the session's id and may overlap each other only, their number held by sessions.seats_taken
-- under a CHECK. PostgreSQL 15 cannot put an exclusion constraint on a partitioned parent: it is
-- registered in platform.partition_objects, and platform.provision_tenant creates it on each
-- tenant's partition (existing tenants get it through provision_all_tenants after the migrations).

CREATE TABLE bookings (
    tenant_id        uuid NOT NULL,
    id               uuid NOT NULL,
    -- The canonical booking code (10 Crockford base-32 symbols); none while held.
    code             text CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
    site_id          uuid NOT NULL,
    service_id       uuid NOT NULL,
    counter_id       uuid NOT NULL,
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    occupied_until   timestamptz NOT NULL,
    occupancy_key    uuid NOT NULL,
    seats            integer NOT NULL DEFAULT 1 CHECK (seats BETWEEN 1 AND 500),
    status           text NOT NULL CHECK (status IN (
                         'held', 'expired', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show')),
    hold_expires_at  timestamptz,
    contact_name     text,
    contact_email    text,
    contact_phone    text,
    language         text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'ar', 'en')),
    channel          text NOT NULL CHECK (channel IN ('web', 'mobile', 'phone', 'desk')),
    -- The agent who booked (phone, desk) or the citizen's account, if any.
    booked_by        text,
    -- The waiting-list entry a hold was offered to.
    waiting_entry_id uuid,
    -- Incremented on every change people see (move, cancel): the .ics SEQUENCE.
    sequence         integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    confirmed_at     timestamptz,
    checked_in_at    timestamptz,
    closed_at        timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, code),
    CHECK (starts_at < ends_at AND ends_at <= occupied_until),
    CHECK (status <> 'held' OR hold_expires_at IS NOT NULL),
    CHECK (status IN ('held', 'expired') OR code IS NOT NULL)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('bookings');
SELECT platform.declare_tenant_foreign_key('bookings', 'site_fkey', 'tenant_id, site_id', 'sites', 'tenant_id, id');
SELECT platform.declare_tenant_foreign_key(
    'bookings', 'service_fkey', 'tenant_id, service_id', 'services', 'tenant_id, id');
SELECT platform.declare_tenant_foreign_key(
    'bookings', 'counter_fkey', 'tenant_id, counter_id', 'counters', 'tenant_id, id');
GRANT SELECT, INSERT, UPDATE ON bookings TO guichet_app;
CREATE INDEX bookings_site_time ON bookings (tenant_id, site_id, starts_at);
CREATE INDEX bookings_counter_time ON bookings (tenant_id, counter_id, starts_at);
CREATE INDEX bookings_phone ON bookings (tenant_id, contact_phone) WHERE contact_phone IS NOT NULL;
CREATE INDEX bookings_email ON bookings (tenant_id, contact_email) WHERE contact_email IS NOT NULL;
CREATE INDEX bookings_held ON bookings (tenant_id, hold_expires_at) WHERE status = 'held';

INSERT INTO platform.partition_objects (table_schema, table_name, object_name, definition)
VALUES ('appointments', 'bookings', 'no_overlap',
        'ALTER TABLE %1$I.%2$I ADD CONSTRAINT %3$I EXCLUDE USING gist ('
        'counter_id WITH =, tstzrange(starts_at, occupied_until) WITH &&, occupancy_key WITH <>) '
        'WHERE (status IN (''held'', ''confirmed'', ''checked_in''))');

-- The seats of a group session (one row per counter, service and start), taken and given back in
-- the transaction of each booking, hold, cancellation or expiry.
CREATE TABLE sessions (
    tenant_id   uuid NOT NULL,
    id          uuid NOT NULL,
    counter_id  uuid NOT NULL,
    service_id  uuid NOT NULL,
    starts_at   timestamptz NOT NULL,
    capacity    integer NOT NULL CHECK (capacity >= 1),
    seats_taken integer NOT NULL CHECK (seats_taken >= 0 AND seats_taken <= capacity),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, counter_id, service_id, starts_at)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('sessions');
SELECT platform.declare_tenant_foreign_key(
    'sessions', 'counter_fkey', 'tenant_id, counter_id', 'counters', 'tenant_id, id');
GRANT SELECT, INSERT, UPDATE ON sessions TO guichet_app;

-- One-time codes that prove a person holds a phone number or an email address. The code is stored
-- as HMAC-SHA-256 (keyed by the row's salt), never in clear; a verified row stays usable for
-- booking until verified_until.
CREATE TABLE verifications (
    tenant_id      uuid NOT NULL,
    id             uuid NOT NULL,
    channel        text NOT NULL CHECK (channel IN ('sms', 'email')),
    destination    text NOT NULL,
    salt           bytea NOT NULL,
    code_digest    bytea NOT NULL,
    attempts       integer NOT NULL DEFAULT 0,
    expires_at     timestamptz NOT NULL,
    verified_at    timestamptz,
    verified_until timestamptz,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('verifications');
GRANT SELECT, INSERT, UPDATE ON verifications TO guichet_app;
CREATE INDEX verifications_destination ON verifications (tenant_id, destination, created_at);

-- People waiting for a slot on a full day, offered freed slots first come, first served.
CREATE TABLE waiting_list (
    tenant_id        uuid NOT NULL,
    id               uuid NOT NULL,
    seq              bigint GENERATED ALWAYS AS IDENTITY,
    site_id          uuid NOT NULL,
    service_id       uuid NOT NULL,
    day              date NOT NULL,
    contact_name     text,
    contact_email    text,
    contact_phone    text,
    language         text NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'ar', 'en')),
    status           text NOT NULL CHECK (status IN ('waiting', 'offered', 'accepted', 'lapsed', 'withdrawn')),
    joined_at        timestamptz NOT NULL,
    offer_expires_at timestamptz,
    offered_hold_id  uuid,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('waiting_list');
SELECT platform.declare_tenant_foreign_key('waiting_list', 'site_fkey', 'tenant_id, site_id', 'sites', 'tenant_id, id');
SELECT platform.declare_tenant_foreign_key(
    'waiting_list', 'service_fkey', 'tenant_id, service_id', 'services', 'tenant_id, id');
GRANT SELECT, INSERT, UPDATE ON waiting_list TO guichet_app;
CREATE INDEX waiting_list_day ON waiting_list (tenant_id, site_id, service_id, day, seq);

-- Refuses a unit of work from inside a batch of statements: the batch stops and rolls back, and the
-- service reads the reason from the error (SQLSTATE GA001, the reason as the message's detail).
CREATE FUNCTION refuse(p_reason text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'appointments: refused (%)', p_reason USING ERRCODE = 'GA001', DETAIL = p_reason;
END $$;
REVOKE ALL ON FUNCTION refuse(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refuse(text) TO guichet_app;
