-- Identity: the accounts, organisations, clients, sessions and audit trail the gateway keeps.
--
-- Not tenant-owned (one row serves the platform): platform administrators and citizens
-- (platform.accounts: citizens follow their requests across tenants), clients the platform's
-- administrators bind to named tenants, refresh-token sessions (looked up by token hash before
-- any tenant is known). Tenant-owned, following the data rules (tenant_id first and in every
-- key, partitioned by tenant, row-level security forced, grants on the parent only): the
-- accounts of agents and tenant administrators, units, memberships, roles, service clients and
-- settings, and the audit trail.

-- Platform accounts: administrators of the platform, and citizens (an email address or an E.164
-- phone number as username, verified by a one-time code before the account is active).
ALTER TABLE platform.accounts DROP CONSTRAINT accounts_username_check;
ALTER TABLE platform.accounts DROP CONSTRAINT accounts_kind_check;
ALTER TABLE platform.accounts
    ADD CONSTRAINT accounts_username_check CHECK (
        username ~ '^[a-z0-9][a-z0-9._-]{0,63}$'
        OR username ~ '^\+[1-9][0-9]{7,14}$'
        OR (username ~ '^[^@\s]{1,64}@[a-z0-9.-]{1,253}$' AND length(username) <= 254)),
    ADD CONSTRAINT accounts_kind_check CHECK (kind IN ('platform_admin', 'citizen')),
    ADD COLUMN status           text NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'disabled')),
    ADD COLUMN display_name     text CHECK (length(display_name) BETWEEN 1 AND 200),
    ADD COLUMN language         text CHECK (language IN ('fr', 'ar', 'en')),
    ADD COLUMN verified_at      timestamptz,
    -- The sign-up code (SHA-256 of the account id and the code), when one is outstanding.
    ADD COLUMN code_hash        bytea,
    ADD COLUMN code_expires_at  timestamptz,
    ADD COLUMN code_attempts    integer NOT NULL DEFAULT 0;

-- Agents and tenant administrators. Usernames are unique per tenant, ASCII after NFKC and
-- lower-casing (look-alikes from other scripts are refused when created).
CREATE TABLE platform.tenant_accounts (
    tenant_id        uuid NOT NULL,
    id               uuid NOT NULL,
    username         text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._@+-]{0,63}$'),
    kind             text NOT NULL CHECK (kind IN ('agent', 'tenant_admin')),
    display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    email            text CHECK (length(email) <= 254),
    password_hash    text NOT NULL,
    status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    failed_attempts  integer NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    -- RFC 6238: the confirmed secret, the one being enrolled, and the last time step accepted
    -- (a code is good once).
    totp_secret      bytea CHECK (length(totp_secret) = 20),
    totp_pending     bytea CHECK (length(totp_pending) = 20),
    totp_last_step   bigint,
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, username)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('platform.tenant_accounts');
GRANT SELECT, INSERT, UPDATE ON platform.tenant_accounts TO guichet_app;

-- The organisation: a tree of units (directorates, regional academies, provincial directorates,
-- offices).
CREATE TABLE platform.units (
    tenant_id   uuid NOT NULL,
    id          uuid NOT NULL,
    parent_id   uuid,
    code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    kind        text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,29}$'),
    name_fr     text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 200),
    name_ar     text CHECK (length(name_ar) BETWEEN 1 AND 200),
    name_en     text CHECK (length(name_en) BETWEEN 1 AND 200),
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, code),
    CHECK (parent_id IS DISTINCT FROM id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('platform.units');
SELECT platform.declare_tenant_foreign_key('platform.units', 'parent_fkey', 'tenant_id, parent_id', 'units', 'tenant_id, id');
GRANT SELECT, INSERT, UPDATE, DELETE ON platform.units TO guichet_app;

-- Which units an agent acts within.
CREATE TABLE platform.memberships (
    tenant_id   uuid NOT NULL,
    account_id  uuid NOT NULL,
    unit_id     uuid NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, account_id, unit_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('platform.memberships');
SELECT platform.declare_tenant_foreign_key(
    'platform.memberships', 'account_fkey', 'tenant_id, account_id', 'tenant_accounts', 'tenant_id, id', 'ON DELETE CASCADE');
SELECT platform.declare_tenant_foreign_key('platform.memberships', 'unit_fkey', 'tenant_id, unit_id', 'units', 'tenant_id, id');
GRANT SELECT, INSERT, DELETE ON platform.memberships TO guichet_app;

-- The roles an agent holds (GuichetCore's Roles).
CREATE TABLE platform.account_roles (
    tenant_id   uuid NOT NULL,
    account_id  uuid NOT NULL,
    role        text NOT NULL CHECK (role ~ '^[a-z]+\.[a-z_]+$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, account_id, role)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('platform.account_roles');
SELECT platform.declare_tenant_foreign_key(
    'platform.account_roles', 'account_fkey', 'tenant_id, account_id', 'tenant_accounts', 'tenant_id, id', 'ON DELETE CASCADE');
GRANT SELECT, INSERT, DELETE ON platform.account_roles TO guichet_app;

-- OAuth2 clients of one tenant (client credentials). The secret is stored as its SHA-256: it is
-- 256 random bits, so a fast hash is as strong as a slow one, and costs no scrypt per call.
CREATE TABLE platform.service_clients (
    tenant_id    uuid NOT NULL,
    id           uuid NOT NULL,
    client_id    text NOT NULL CHECK (client_id ~ '^gc_[0-9a-f]{32}\.[0-9a-z]{20}$'),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    secret_hash  bytea NOT NULL CHECK (length(secret_hash) = 32),
    scopes       text[] NOT NULL DEFAULT '{}',
    status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, client_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('platform.service_clients');
GRANT SELECT, INSERT, UPDATE ON platform.service_clients TO guichet_app;

-- OAuth2 clients the platform's administrators bind to named tenants (another administration's
-- system serving several ministries). A token names one of them and acts in it alone.
CREATE TABLE platform.platform_clients (
    id           uuid PRIMARY KEY,
    client_id    text NOT NULL UNIQUE CHECK (client_id ~ '^gp_[0-9a-z]{24}$'),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    secret_hash  bytea NOT NULL CHECK (length(secret_hash) = 32),
    scopes       text[] NOT NULL DEFAULT '{}',
    tenant_ids   uuid[] NOT NULL CHECK (cardinality(tenant_ids) BETWEEN 1 AND 1000),
    status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON platform.platform_clients TO guichet_app;

-- A tenant's settings besides its time zone (kept in platform.tenants, which every service reads).
CREATE TABLE platform.tenant_settings (
    tenant_id            uuid NOT NULL,
    languages            text[] NOT NULL DEFAULT '{fr,ar,en}',
    holidays             jsonb NOT NULL DEFAULT '[]',
    agents_require_totp  boolean NOT NULL DEFAULT false,
    cors_origins         text[] NOT NULL DEFAULT '{}',
    version              integer NOT NULL DEFAULT 1,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('platform.tenant_settings');
GRANT SELECT, INSERT, UPDATE ON platform.tenant_settings TO guichet_app;

-- Sign-in sessions: a family of refresh tokens, each good once. Presenting a used token again
-- revokes the family (RFC 6819 §5.2.2.3, OAuth 2.0 Security BCP §4.14).
CREATE TABLE platform.sessions (
    id            uuid PRIMARY KEY,
    subject       text NOT NULL,
    kind          text NOT NULL,
    tenant_id     uuid,
    account_id    uuid NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- The family ends then, however often it is refreshed.
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoked_why   text
);
CREATE INDEX sessions_account ON platform.sessions (account_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_tenant ON platform.sessions (tenant_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_revoked ON platform.sessions (revoked_at) WHERE revoked_at IS NOT NULL;
GRANT SELECT, INSERT, UPDATE ON platform.sessions TO guichet_app;

CREATE TABLE platform.refresh_tokens (
    -- SHA-256 of the token: the token itself is never stored.
    token_hash  bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    session_id  uuid NOT NULL REFERENCES platform.sessions (id) ON DELETE CASCADE,
    issued_at   timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX refresh_tokens_session ON platform.refresh_tokens (session_id);
GRANT SELECT, INSERT, UPDATE ON platform.refresh_tokens TO guichet_app;

-- The audit trail: sign-ins and their failures, lockouts, tokens issued and revoked, changes of
-- roles and accounts, tenants' lifecycle. Append-only for the runtime role (INSERT and SELECT,
-- never UPDATE or DELETE), and a trigger refuses changes from anyone else too. A tenant's events
-- live in its partition; the platform's own in the partition of the nil tenant.
CREATE TABLE platform.audit_events (
    tenant_id   uuid NOT NULL,
    id          uuid NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    action      text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)*$'),
    outcome     text NOT NULL CHECK (outcome IN ('success', 'failure')),
    actor       text NOT NULL,
    actor_kind  text NOT NULL,
    target      text,
    client_ip   text,
    request_id  text,
    details     jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('platform.audit_events');
CREATE TABLE platform.audit_events_platform PARTITION OF platform.audit_events
    FOR VALUES IN ('00000000-0000-0000-0000-000000000000');
CREATE INDEX audit_events_at ON platform.audit_events (tenant_id, at DESC, id DESC);
GRANT SELECT, INSERT ON platform.audit_events TO guichet_app;

CREATE FUNCTION platform.refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON platform.audit_events
    FOR EACH ROW EXECUTE FUNCTION platform.refuse_audit_change();
