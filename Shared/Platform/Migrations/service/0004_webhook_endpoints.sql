-- Runs inside each service's schema (the runner sets search_path): the endpoints of other systems
-- that a tenant's administrators registered for the service's events. Each event is fanned out
-- into one outbox message per subscribed endpoint, in the transaction that records the event.
CREATE TABLE webhook_endpoints (
    tenant_id        uuid NOT NULL,
    id               uuid NOT NULL,
    url              text NOT NULL CHECK (length(url) BETWEEN 10 AND 2000),
    event_types      text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 100),
    description      text CHECK (length(description) <= 500),
    -- The HMAC-SHA256 key deliveries are signed with (shown once, as whsec_<base64>, when made).
    secret           bytea NOT NULL CHECK (length(secret) BETWEEN 24 AND 64),
    -- After a rotation, the previous key keeps signing (both signatures are sent) until then.
    previous_secret  bytea CHECK (length(previous_secret) BETWEEN 24 AND 64),
    previous_secret_expires_at timestamptz,
    -- Set when deliveries stop: the endpoint answered 410 Gone, or an administrator disabled it.
    disabled_at      timestamptz,
    disabled_reason  text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('webhook_endpoints');
GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO guichet_app;
