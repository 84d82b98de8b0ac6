-- Public keys of the Ed25519 key pairs the gateway signs with. Services read the 'context' keys to
-- verify the gateway's context tokens; the gateway publishes the 'access' keys at
-- /.well-known/jwks.json. Private keys never reach the database.
CREATE TABLE platform.signing_keys (
    kid           text PRIMARY KEY CHECK (length(kid) BETWEEN 1 AND 64),
    purpose       text NOT NULL CHECK (purpose IN ('context', 'access')),
    public_key    bytea NOT NULL CHECK (length(public_key) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    -- Tokens signed with this key verify until then; NULL while the key is current.
    verify_until  timestamptz
);
GRANT SELECT, INSERT, UPDATE ON platform.signing_keys TO guichet_app;
