-- The complaints service beyond the first slice: tenant settings, categories' extra fields and
-- default units, zones (PostGIS) and routing rules, the workflow's columns and deadlines, the
-- complaint's history (public replies, internal notes, citizens' messages), attachments, the
-- audit of contact reads, and GeoReport API keys. Every tenant-owned table: tenant_id first and in
-- every key, partitioned by tenant, row-level security forced; grants on parents only.

-- Text search: French without accents (école = ecole) besides Arabic (PostgreSQL's stemmer).
CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;

-- A tenant's settings (ComplaintSettings in the domain, validated there): transitions,
-- reopening period, duplicate radius, retention, points outside zones. No row: the defaults.
CREATE TABLE settings (
    tenant_id   uuid NOT NULL,
    settings    jsonb NOT NULL,
    version     integer NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('settings');
GRANT SELECT, INSERT, UPDATE ON settings TO guichet_app;

-- Categories: extra fields (CategoryField, validated by the domain), the default unit (an id of
-- the identity service's organisation: stored, never joined), a version for If-Match.
ALTER TABLE categories
    ADD COLUMN fields       jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN default_unit uuid,
    ADD COLUMN version      integer NOT NULL DEFAULT 1,
    ADD COLUMN updated_at   timestamptz NOT NULL DEFAULT now();
GRANT UPDATE ON categories TO guichet_app;

-- Zones: regions, provinces, communes, school districts… as multipolygons (a Polygon is stored as
-- a MultiPolygon of one). Validated by the domain (ZoneGeometry) and by PostGIS (ST_IsValid).
-- area_m2 lets routing prefer the most specific zone holding a point.
CREATE TABLE zones (
    tenant_id   uuid NOT NULL,
    code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    name_fr     text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 200),
    name_ar     text CHECK (length(name_ar) BETWEEN 1 AND 200),
    name_en     text CHECK (length(name_en) BETWEEN 1 AND 200),
    kind        text NOT NULL DEFAULT 'area' CHECK (kind ~ '^[a-z][a-z0-9_]{0,39}$'),
    area        public.geometry(MultiPolygon, 4326) NOT NULL CHECK (public.ST_IsValid(area)),
    area_m2     double precision NOT NULL,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, code)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('zones');
CREATE INDEX zones_area_idx ON zones USING gist (area);
GRANT SELECT, INSERT, UPDATE, DELETE ON zones TO guichet_app;

-- Routing: the unit that handles a category in a zone.
CREATE TABLE routing_rules (
    tenant_id      uuid NOT NULL,
    category_code  text NOT NULL,
    zone_code      text NOT NULL,
    unit_id        uuid NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, category_code, zone_code)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('routing_rules');
SELECT platform.declare_tenant_foreign_key('routing_rules', 'category_fkey', 'tenant_id, category_code', 'categories', 'tenant_id, code');
SELECT platform.declare_tenant_foreign_key(
    'routing_rules', 'zone_fkey', 'tenant_id, zone_code', 'zones', 'tenant_id, code', 'ON DELETE CASCADE');
CREATE INDEX routing_rules_zone_idx ON routing_rules (tenant_id, zone_code);
GRANT SELECT, INSERT, UPDATE, DELETE ON routing_rules TO guichet_app;

-- Complaints: routing, the workflow (ComplaintWorkflow's fields), deadlines, the citizen's
-- account, the agent who entered it, extra fields, text search.
ALTER TABLE complaints
    ADD COLUMN attributes            jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN zone_code             text,
    ADD COLUMN assigned_unit         uuid,
    ADD COLUMN assigned_agent        uuid,
    -- How the unit was chosen: a zone rule, the category's default unit, the triage queue (no
    -- unit), or an agent's assignment. Never unassigned: no unit means the triage queue.
    ADD COLUMN routed_by             text NOT NULL DEFAULT 'triage'
                                     CHECK (routed_by IN ('zone', 'category', 'triage', 'manual')),
    ADD COLUMN citizen_subject       text,
    ADD COLUMN entered_by            text,
    ADD COLUMN acknowledged_at       timestamptz,
    ADD COLUMN first_answered_at     timestamptz,
    ADD COLUMN answered_at           timestamptz,
    ADD COLUMN rejected_at           timestamptz,
    ADD COLUMN closed_at             timestamptz,
    ADD COLUMN reopened_at           timestamptz,
    ADD COLUMN reopen_count          integer NOT NULL DEFAULT 0,
    ADD COLUMN has_public_answer     boolean NOT NULL DEFAULT false,
    ADD COLUMN awaiting_information  boolean NOT NULL DEFAULT false,
    ADD COLUMN redirected_to         text,
    ADD COLUMN merged_into           uuid,
    ADD COLUMN satisfied             boolean,
    ADD COLUMN satisfaction_comment  text,
    ADD COLUMN rated_at              timestamptz,
    -- Deadlines on the tenant's calendar: acknowledgement, answer (restarted at a reopening), the
    -- supervisors' alert before it, and the first answer deadline (for statistics).
    ADD COLUMN acknowledgement_due   timestamptz,
    ADD COLUMN answer_due            timestamptz,
    ADD COLUMN answer_alert_at       timestamptz,
    ADD COLUMN first_answer_due      timestamptz,
    ADD COLUMN anonymised_at         timestamptz,
    ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('complaints.french_unaccent'::regconfig, subject || ' ' || description)
        || to_tsvector('pg_catalog.arabic'::regconfig, subject || ' ' || description)) STORED,
    ADD CONSTRAINT complaints_unit_or_triage CHECK (assigned_unit IS NOT NULL OR routed_by = 'triage'),
    ADD CONSTRAINT complaints_status_known CHECK (status IN (
        'received', 'acknowledged', 'assigned', 'in_progress', 'answered', 'closed', 'rejected', 'reopened', 'merged')),
    ADD CONSTRAINT complaints_channel_known CHECK (channel IN ('web', 'mobile', 'phone', 'desk', 'open311'));
SELECT platform.declare_tenant_foreign_key('complaints', 'merged_into', 'tenant_id, merged_into', 'complaints', 'tenant_id, id');

-- Agents' lists: newest first, by unit and status, by status, by category; overdue; map; text;
-- a citizen's own requests; duplicates merged into a complaint; retention.
CREATE INDEX complaints_created_idx ON complaints (tenant_id, created_at DESC, id DESC);
CREATE INDEX complaints_unit_status_idx ON complaints (tenant_id, assigned_unit, status, created_at DESC, id DESC);
CREATE INDEX complaints_status_idx ON complaints (tenant_id, status, created_at DESC, id DESC);
CREATE INDEX complaints_category_idx ON complaints (tenant_id, category_code, created_at DESC, id DESC);
CREATE INDEX complaints_answer_due_idx ON complaints (tenant_id, answer_due)
    WHERE status IN ('received', 'acknowledged', 'assigned', 'in_progress', 'reopened');
CREATE INDEX complaints_location_idx ON complaints USING gist (location);
CREATE INDEX complaints_search_idx ON complaints USING gin (search);
CREATE INDEX complaints_citizen_idx ON complaints (tenant_id, citizen_subject, created_at DESC)
    WHERE citizen_subject IS NOT NULL;
CREATE INDEX complaints_merged_idx ON complaints (tenant_id, merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX complaints_retention_idx ON complaints (tenant_id, updated_at)
    WHERE anonymised_at IS NULL AND status IN ('closed', 'rejected', 'merged');

-- The history of a complaint: status changes, public replies, internal notes (public = false:
-- never shown to citizens, in notifications, exports or GeoReport), citizens' messages,
-- assignments, merges, ratings, alerts. Append-only for the runtime role, except that
-- anonymisation may erase a body (column grant).
CREATE TABLE complaint_events (
    tenant_id     uuid NOT NULL,
    complaint_id  uuid NOT NULL,
    id            uuid NOT NULL,
    kind          text NOT NULL CHECK (kind IN (
                      'status_changed', 'public_reply', 'internal_note', 'citizen_message', 'assigned', 'merged',
                      'duplicate_merged', 'rated', 'attachment_added', 'supervisor_alert', 'anonymised')),
    public        boolean NOT NULL,
    author_kind   text NOT NULL CHECK (author_kind IN ('citizen', 'agent', 'service', 'system')),
    author        text,
    body          text,
    from_status   text,
    to_status     text,
    data          jsonb,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, complaint_id, id),
    CHECK (kind <> 'internal_note' OR NOT public)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('complaint_events');
SELECT platform.declare_tenant_foreign_key('complaint_events', 'complaint_fkey', 'tenant_id, complaint_id', 'complaints', 'tenant_id, id');
GRANT SELECT, INSERT ON complaint_events TO guichet_app;
GRANT UPDATE (body, author, data) ON complaint_events TO guichet_app;

-- Photos and documents, in the database (bytea): one transaction with the complaint, the same
-- row-level security, backups and replicas without a second store. Bounded by the service (size
-- and count), typed from their bytes, with their SHA-256. Stored uncompressed (they are already).
CREATE TABLE attachments (
    tenant_id     uuid NOT NULL,
    complaint_id  uuid NOT NULL,
    id            uuid NOT NULL,
    media_type    text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    byte_size     integer NOT NULL CHECK (byte_size > 0),
    sha256        bytea NOT NULL CHECK (length(sha256) = 32),
    content       bytea NOT NULL,
    uploaded_by   text NOT NULL CHECK (uploaded_by IN ('citizen', 'agent', 'service')),
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, complaint_id, id),
    UNIQUE (tenant_id, complaint_id, sha256)
) PARTITION BY LIST (tenant_id);
SELECT platform.declare_tenant_foreign_key('attachments', 'complaint_fkey', 'tenant_id, complaint_id', 'complaints', 'tenant_id, id');
ALTER TABLE attachments ALTER COLUMN content SET STORAGE EXTERNAL;
SELECT platform.enable_tenant_isolation('attachments');
GRANT SELECT, INSERT, DELETE ON attachments TO guichet_app;

-- Every read of a complaint's contact data by an agent: append-only for the runtime role.
CREATE TABLE contact_reads (
    tenant_id     uuid NOT NULL,
    id            uuid NOT NULL,
    complaint_id  uuid NOT NULL,
    reader        text NOT NULL,
    reader_kind   text NOT NULL,
    purpose       text NOT NULL,
    request_id    text,
    read_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('contact_reads');
CREATE INDEX contact_reads_complaint_idx ON contact_reads (tenant_id, complaint_id, read_at);
GRANT SELECT, INSERT ON contact_reads TO guichet_app;

-- GeoReport v2 API keys of a tenant (until the identity service's service clients carry them):
-- only their SHA-256 is kept; the key is shown once when made.
CREATE TABLE open311_keys (
    tenant_id   uuid NOT NULL,
    id          uuid NOT NULL,
    label       text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
    key_hash    bytea NOT NULL CHECK (length(key_hash) = 32),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, key_hash)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('open311_keys');
GRANT SELECT, INSERT ON open311_keys TO guichet_app;
GRANT UPDATE (revoked_at) ON open311_keys TO guichet_app;
