-- The gateway's own tables live in `platform` (every name above is qualified). The kit's tables
-- (idempotency keys, outbox, templates, webhook endpoints) go in a schema of the gateway's own,
-- made here: the kit creates them in it right after this stream.
CREATE SCHEMA IF NOT EXISTS gateway;
GRANT USAGE ON SCHEMA gateway TO guichet_app;
