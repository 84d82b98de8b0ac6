-- Accounts that sign in at the gateway. For now the platform's administrators; tenants' agents
-- and citizens come with the identity work.
CREATE TABLE platform.accounts (
    id               uuid PRIMARY KEY,
    username         text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{0,63}$'),
    kind             text NOT NULL CHECK (kind IN ('platform_admin')),
    password_hash    text NOT NULL,
    failed_attempts  integer NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON platform.accounts TO guichet_app;
