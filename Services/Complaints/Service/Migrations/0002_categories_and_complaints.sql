-- Categories per tenant, and complaints. Both tenant-owned: tenant_id first and in every key,
-- partitioned by tenant, row-level security forced.
CREATE TABLE categories (
    tenant_id   uuid NOT NULL,
    code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    name_fr     text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 200),
    name_ar     text CHECK (length(name_ar) BETWEEN 1 AND 200),
    name_en     text CHECK (length(name_en) BETWEEN 1 AND 200),
    -- The rest of the category as validated by the domain: description (fr/ar/en), group, keywords,
    -- and the acknowledgement and answer deadlines.
    description jsonb,
    group_code  text,
    keywords    text[] NOT NULL DEFAULT '{}',
    deadlines   jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, code)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('categories');
GRANT SELECT, INSERT ON categories TO guichet_app;

CREATE TABLE complaints (
    tenant_id      uuid NOT NULL,
    id             uuid NOT NULL,
    -- The canonical form of the citizen's tracking code (16 Crockford base32 symbols, 80 random bits).
    tracking_code  text NOT NULL CHECK (tracking_code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
    kind           text NOT NULL CHECK (kind IN ('complaint', 'request', 'suggestion')),
    category_code  text NOT NULL,
    subject        text NOT NULL,
    description    text NOT NULL,
    location       public.geography(Point, 4326),
    address        text,
    -- Contact data: never shown publicly.
    contact_name   text,
    contact_email  text,
    contact_phone  text,
    language       text NOT NULL CHECK (language IN ('fr', 'ar', 'en')),
    channel        text NOT NULL,
    status         text NOT NULL DEFAULT 'received',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    version        integer NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, tracking_code)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('complaints');
-- Foreign keys between tenant-partitioned tables are made per tenant (see the platform's function).
SELECT platform.declare_tenant_foreign_key('complaints', 'category_fkey', 'tenant_id, category_code', 'categories', 'tenant_id, code');
GRANT SELECT, INSERT, UPDATE ON complaints TO guichet_app;
