-- Runs in the `gateway` schema after the kit's tables. Citizens belong to no tenant: the messages
-- the gateway sends them (sign-up codes, "you already have an account") are the platform's own,
-- recorded under the nil tenant, like the platform's audit events. Tenant provisioning never makes
-- a partition for it, so it is made here, for the outbox and its attempts only (no grant on the
-- partitions: the parents' grants and policies cover them). The nil tenant has no templates of its
-- own (no partition of notification_templates): its messages use the gateway's default wordings.
CREATE TABLE outbox_messages_platform PARTITION OF outbox_messages
    FOR VALUES IN ('00000000-0000-0000-0000-000000000000');
CREATE TABLE outbox_attempts_platform PARTITION OF outbox_attempts
    FOR VALUES IN ('00000000-0000-0000-0000-000000000000');
