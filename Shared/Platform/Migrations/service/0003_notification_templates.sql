-- Runs inside each service's schema (the runner sets search_path): a tenant's own wording of the
-- service's notification templates (email subject, text and HTML bodies; SMS text), one row per
-- template and language. A template without a row here is sent with the service's default.
-- Variables were checked against the template's declaration when the row was saved.
CREATE TABLE notification_templates (
    tenant_id   uuid NOT NULL,
    name        text NOT NULL CHECK (name ~ '^[a-z][a-z0-9_.-]{0,99}$'),
    language    text NOT NULL CHECK (language IN ('fr', 'ar', 'en')),
    subject     text CHECK (length(subject) BETWEEN 1 AND 300),
    text_body   text NOT NULL CHECK (length(text_body) BETWEEN 1 AND 20000),
    html_body   text CHECK (length(html_body) BETWEEN 1 AND 50000),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- Who saved it (a principal's subject).
    updated_by  text NOT NULL,
    PRIMARY KEY (tenant_id, name, language)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('notification_templates');
GRANT SELECT, INSERT, UPDATE, DELETE ON notification_templates TO guichet_app;
