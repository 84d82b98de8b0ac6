-- Documents (scans, attachments) and their versions: the content lives in the document storage,
-- addressed by its SHA-256; the database keeps the fixity facts, which are registered and never
-- change (SELECT and INSERT only). The text extracted for search goes to the item's search
-- document, which a purge empties.
CREATE TABLE document_versions (
    tenant_id    uuid NOT NULL,
    document_id  uuid NOT NULL,
    version      integer NOT NULL CHECK (version >= 1),
    item_id      uuid NOT NULL,
    file_name    text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    byte_count   bigint NOT NULL CHECK (byte_count >= 0),
    media_type   text NOT NULL CHECK (length(media_type) BETWEEN 1 AND 127),
    added_at     timestamptz NOT NULL,
    added_by     text NOT NULL,
    PRIMARY KEY (tenant_id, document_id, version)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('document_versions');
GRANT SELECT, INSERT ON document_versions TO guichet_app;
CREATE INDEX document_versions_item ON document_versions (tenant_id, item_id, added_at);

-- The acknowledgement of receipt, generated once per item and stored with its hashes; sending it
-- again sends the stored document (never a new number, never a new text). Each send is an audit
-- event.
CREATE TABLE acknowledgements (
    tenant_id     uuid NOT NULL,
    item_id       uuid NOT NULL,
    language      text NOT NULL CHECK (language IN ('fr', 'ar', 'en')),
    plain_text    text NOT NULL,
    html          text NOT NULL,
    text_sha256   text NOT NULL CHECK (text_sha256 ~ '^[0-9a-f]{64}$'),
    html_sha256   text NOT NULL CHECK (html_sha256 ~ '^[0-9a-f]{64}$'),
    due_on        date,
    generated_at  timestamptz NOT NULL,
    generated_by  text NOT NULL,
    PRIMARY KEY (tenant_id, item_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('acknowledgements');
GRANT SELECT, INSERT ON acknowledgements TO guichet_app;

-- Retention: the approval a purge needs (by someone else than who purges), then the purge, which
-- deletes the documents' content and search text but keeps the registry entry for ever. One row
-- per item and action.
CREATE TABLE retention_actions (
    tenant_id  uuid NOT NULL,
    item_id    uuid NOT NULL,
    action     text NOT NULL CHECK (action IN ('purge_approval', 'purge')),
    actor      text NOT NULL,
    acted_at   timestamptz NOT NULL,
    comment    text,
    documents  integer,
    PRIMARY KEY (tenant_id, item_id, action)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('retention_actions');
GRANT SELECT, INSERT ON retention_actions TO guichet_app;
