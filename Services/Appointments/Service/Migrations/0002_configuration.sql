-- What managers configure: the tenant's appointment settings, sites, services ("motifs") and where
-- they are offered, counters with their weekly schedules and dated exceptions, absences, holidays.
-- Every table is tenant-owned: tenant_id first and in every key, partitioned by tenant, row-level
-- security forced, privileges granted on the parent only.

-- One row per tenant (absent: the defaults). time_zone NULL follows the tenant's own zone.
CREATE TABLE settings (
    tenant_id                  uuid NOT NULL,
    time_zone                  text CHECK (time_zone ~ '^[A-Za-z0-9/_+-]{1,64}$'),
    reminder_minutes           integer[] NOT NULL DEFAULT '{2880,120}',
    hold_minutes               integer NOT NULL DEFAULT 10 CHECK (hold_minutes BETWEEN 1 AND 60),
    no_show_grace_minutes      integer NOT NULL DEFAULT 15 CHECK (no_show_grace_minutes BETWEEN 0 AND 240),
    waiting_list_offer_minutes integer NOT NULL DEFAULT 120 CHECK (waiting_list_offer_minutes BETWEEN 5 AND 2880),
    contact_verification       text NOT NULL DEFAULT 'required' CHECK (contact_verification IN ('required', 'optional')),
    version                    integer NOT NULL DEFAULT 1,
    updated_at                 timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('settings');
GRANT SELECT, INSERT, UPDATE ON settings TO guichet_app;

-- Offices. Names and address are {"fr", "ar", "en"}; opening_hours {"monday": ["08:30-12:00", …], …}.
CREATE TABLE sites (
    tenant_id     uuid NOT NULL,
    id            uuid NOT NULL,
    name          jsonb NOT NULL CHECK (jsonb_typeof(name -> 'fr') = 'string'),
    address       jsonb NOT NULL CHECK (jsonb_typeof(address -> 'fr') = 'string'),
    latitude      double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude     double precision CHECK (longitude BETWEEN -180 AND 180),
    phone         text NOT NULL,
    opening_hours jsonb NOT NULL,
    version       integer NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('sites');
GRANT SELECT, INSERT, UPDATE ON sites TO guichet_app;

-- What people book. Durations in minutes, the horizon in minutes too (as the domain validates it).
CREATE TABLE services (
    tenant_id                   uuid NOT NULL,
    id                          uuid NOT NULL,
    name                        jsonb NOT NULL CHECK (jsonb_typeof(name -> 'fr') = 'string'),
    duration_minutes            integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
    buffer_minutes              integer NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 240),
    capacity                    integer NOT NULL CHECK (capacity BETWEEN 1 AND 500),
    required_documents          jsonb,
    minimum_notice_minutes      integer NOT NULL CHECK (minimum_notice_minutes >= 0),
    maximum_horizon_minutes     integer NOT NULL CHECK (maximum_horizon_minutes > minimum_notice_minutes),
    cancellation_cutoff_minutes integer NOT NULL CHECK (cancellation_cutoff_minutes >= 0),
    move_cutoff_minutes         integer NOT NULL CHECK (move_cutoff_minutes >= 0),
    channels                    text[] NOT NULL CHECK (cardinality(channels) > 0
                                    AND channels <@ ARRAY['web', 'mobile', 'phone', 'desk']),
    per_person_cap              integer NOT NULL CHECK (per_person_cap BETWEEN 1 AND 100),
    ticket_prefix               text NOT NULL CHECK (ticket_prefix ~ '^[A-Z]{1,2}$'),
    version                     integer NOT NULL DEFAULT 1,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('services');
GRANT SELECT, INSERT, UPDATE ON services TO guichet_app;

-- Which site offers which service.
CREATE TABLE offers (
    tenant_id  uuid NOT NULL,
    site_id    uuid NOT NULL,
    service_id uuid NOT NULL,
    PRIMARY KEY (tenant_id, site_id, service_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('offers');
SELECT platform.declare_tenant_foreign_key('offers', 'site_fkey', 'tenant_id, site_id', 'sites', 'tenant_id, id');
SELECT platform.declare_tenant_foreign_key(
    'offers', 'service_fkey', 'tenant_id, service_id', 'services', 'tenant_id, id');
GRANT SELECT, INSERT, DELETE ON offers TO guichet_app;
CREATE INDEX offers_service ON offers (tenant_id, service_id);

-- Counters (or agents' desks) of a site. service_ids empty: every service of the site.
CREATE TABLE counters (
    tenant_id   uuid NOT NULL,
    id          uuid NOT NULL,
    site_id     uuid NOT NULL,
    label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    agent_id    uuid,
    service_ids uuid[] NOT NULL DEFAULT '{}',
    schedule    jsonb NOT NULL,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('counters');
SELECT platform.declare_tenant_foreign_key('counters', 'site_fkey', 'tenant_id, site_id', 'sites', 'tenant_id, id');
GRANT SELECT, INSERT, UPDATE ON counters TO guichet_app;
CREATE INDEX counters_site ON counters (tenant_id, site_id);

-- A date on which a counter is closed (hours empty) or keeps other hours.
CREATE TABLE schedule_exceptions (
    tenant_id  uuid NOT NULL,
    counter_id uuid NOT NULL,
    day        date NOT NULL,
    hours      text[] NOT NULL DEFAULT '{}',
    reason     text CHECK (length(reason) <= 500),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, counter_id, day)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('schedule_exceptions');
SELECT platform.declare_tenant_foreign_key(
    'schedule_exceptions', 'counter_fkey', 'tenant_id, counter_id', 'counters', 'tenant_id, id');
GRANT SELECT, INSERT, UPDATE, DELETE ON schedule_exceptions TO guichet_app;

-- A counter's unavailability between two instants.
CREATE TABLE absences (
    tenant_id  uuid NOT NULL,
    id         uuid NOT NULL,
    counter_id uuid NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
    reason     text CHECK (length(reason) <= 500),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('absences');
SELECT platform.declare_tenant_foreign_key(
    'absences', 'counter_fkey', 'tenant_id, counter_id', 'counters', 'tenant_id, id');
GRANT SELECT, INSERT, DELETE ON absences TO guichet_app;
CREATE INDEX absences_counter ON absences (tenant_id, counter_id, starts_at);

-- The tenant's holidays, until the tenant's settings (identity) carry a holidays calendar: the
-- platform's PublicHoliday JSON ({"name", "month", "day"} or {"name", "date", "days"}), and the
-- closed hours of a partial closure (empty: closed all day).
CREATE TABLE holidays (
    tenant_id    uuid NOT NULL,
    id           uuid NOT NULL,
    definition   jsonb NOT NULL,
    closed_hours text[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('holidays');
GRANT SELECT, INSERT, DELETE ON holidays TO guichet_app;
