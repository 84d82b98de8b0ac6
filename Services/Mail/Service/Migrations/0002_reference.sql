-- The mail office's reference data, per tenant: its settings (registry number format, reminders),
-- its catalogue of document types, and its directory of correspondents. Tenant-owned: tenant_id
-- first and in every key, partitioned by tenant, row-level security forced, grants on parents only.
--
-- Every table and index here is copied onto each tenant's partition when the tenant is onboarded:
-- the mail schema keeps to the tables, keys and indexes its rules and queries need. It declares no
-- foreign keys: the service checks every reference inside the transaction that makes it (the item
-- row locked, the catalogue and directory read), and a foreign key between partitioned tables made
-- each onboarding validate it against every tenant's partitions (over a second per tenant with a
-- few hundred tenants).

CREATE TABLE settings (
    tenant_id                uuid NOT NULL,
    -- The registry number template ({year}, {direction}, {seq:N}), validated by the domain.
    registry_template        text NOT NULL CHECK (length(registry_template) BETWEEN 1 AND 64),
    -- {"incoming": "A", "outgoing": "D", "internal": "I"}
    direction_codes          jsonb NOT NULL,
    -- How many working days before the due date a reminder is raised.
    reminder_working_days    integer NOT NULL CHECK (reminder_working_days BETWEEN 0 AND 60),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    updated_by               text NOT NULL,
    PRIMARY KEY (tenant_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('settings');
GRANT SELECT, INSERT, UPDATE ON settings TO guichet_app;

CREATE TABLE document_types (
    tenant_id             uuid NOT NULL,
    code                  text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
    name_fr               text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 200),
    name_ar               text CHECK (length(name_ar) BETWEEN 1 AND 200),
    name_en               text CHECK (length(name_en) BETWEEN 1 AND 200),
    requires_reply        boolean NOT NULL,
    deadline_days         integer CHECK (deadline_days > 0),
    urgent_deadline_days  integer CHECK (urgent_deadline_days > 0),
    retention_months      integer NOT NULL CHECK (retention_months BETWEEN 0 AND 1200),
    final_action          text NOT NULL CHECK (final_action IN ('archive', 'destroy_after_approval')),
    directions            text[] NOT NULL CHECK (directions <@ ARRAY['incoming', 'outgoing', 'internal'] AND cardinality(directions) > 0),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, code)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('document_types');
-- Types are never deleted: registered mail refers to them.
GRANT SELECT, INSERT, UPDATE ON document_types TO guichet_app;

-- De-duplication: a contact's email (lower case) and its name normalised with its kind are each
-- unique in the tenant, so a second contact sharing either is never created, even by concurrent
-- registrations (INSERT … ON CONFLICT DO NOTHING, then the existing one is read).
CREATE TABLE correspondents (
    tenant_id        uuid NOT NULL,
    id               uuid NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('person', 'organisation')),
    name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email            text,
    phone            text,
    address          text,
    -- The name as SearchNormalizer writes it, for prefix lookups.
    normalized_name  text NOT NULL,
    -- CorrespondentDetails.deduplicationKeys: `email:…` and `name:<kind>:…`.
    email_key        text,
    name_key         text,
    created_at       timestamptz NOT NULL,
    created_by       text NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email_key),
    UNIQUE (tenant_id, name_key)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('correspondents');
GRANT SELECT, INSERT ON correspondents TO guichet_app;
CREATE INDEX correspondents_name ON correspondents (tenant_id, normalized_name text_pattern_ops, id);
