-- Runs inside each service's schema (the runner sets search_path): the answers to requests that
-- carried an Idempotency-Key, so that a retry gets the first answer and creates nothing.
CREATE TABLE idempotency_keys (
    tenant_id     uuid NOT NULL,
    -- Who sent the key (an account or client subject, or 'anonymous'), so keys never collide
    -- between callers.
    subject       text NOT NULL,
    key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    -- SHA-256 of method, route and body: the same key with another request is refused.
    request_hash  bytea NOT NULL,
    status        integer NOT NULL,
    content_type  text NOT NULL,
    body          bytea NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, subject, key)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('idempotency_keys');
GRANT SELECT, INSERT, DELETE ON idempotency_keys TO guichet_app;
