-- Documents (scans, attachments) and their versions: the content lives in the document storage,
-- addressed by its SHA-256; the database keeps the fixity facts, which are registered and never
-- change (SELECT and INSERT only). The text extracted for search is content: a purge deletes it.

CREATE TABLE documents (
    tenant_id   uuid NOT NULL,
    id          uuid NOT NULL,
    item_id     uuid NOT NULL,
    file_name   text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, item_id) REFERENCES registry_entries (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('documents');
GRANT SELECT, INSERT ON documents TO guichet_app;
CREATE INDEX documents_item ON documents (tenant_id, item_id, created_at);

CREATE TABLE document_versions (
    tenant_id    uuid NOT NULL,
    document_id  uuid NOT NULL,
    version      integer NOT NULL CHECK (version >= 1),
    sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    byte_count   bigint NOT NULL CHECK (byte_count >= 0),
    media_type   text NOT NULL CHECK (length(media_type) BETWEEN 1 AND 127),
    added_at     timestamptz NOT NULL,
    added_by     text NOT NULL,
    PRIMARY KEY (tenant_id, document_id, version),
    FOREIGN KEY (tenant_id, document_id) REFERENCES documents (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('document_versions');
GRANT SELECT, INSERT ON document_versions TO guichet_app;
CREATE INDEX document_versions_content ON document_versions (tenant_id, sha256);

CREATE TABLE document_texts (
    tenant_id    uuid NOT NULL,
    document_id  uuid NOT NULL,
    version      integer NOT NULL,
    text         text NOT NULL,
    PRIMARY KEY (tenant_id, document_id, version),
    FOREIGN KEY (tenant_id, document_id, version) REFERENCES document_versions (tenant_id, document_id, version)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('document_texts');
GRANT SELECT, INSERT, DELETE ON document_texts TO guichet_app;

-- The acknowledgement of receipt, generated once per item and stored with its hashes; sending it
-- again sends the stored document (never a new number, never a new text).
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
    PRIMARY KEY (tenant_id, item_id),
    FOREIGN KEY (tenant_id, item_id) REFERENCES registry_entries (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('acknowledgements');
GRANT SELECT, INSERT ON acknowledgements TO guichet_app;

-- Every request to send the acknowledgement to the correspondent, in order.
CREATE TABLE acknowledgement_sends (
    tenant_id     uuid NOT NULL,
    item_id       uuid NOT NULL,
    send_no       integer NOT NULL CHECK (send_no >= 1),
    recipient     text NOT NULL,
    requested_at  timestamptz NOT NULL,
    requested_by  text NOT NULL,
    PRIMARY KEY (tenant_id, item_id, send_no),
    FOREIGN KEY (tenant_id, item_id) REFERENCES acknowledgements (tenant_id, item_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('acknowledgement_sends');
GRANT SELECT, INSERT ON acknowledgement_sends TO guichet_app;

-- Retention: the approval a purge needs (by someone else than who purges), and the purge itself,
-- which deletes the documents' content and extracted text but keeps the registry entry for ever.
CREATE TABLE purge_approvals (
    tenant_id    uuid NOT NULL,
    item_id      uuid NOT NULL,
    approved_by  text NOT NULL,
    approved_at  timestamptz NOT NULL,
    comment      text,
    PRIMARY KEY (tenant_id, item_id),
    FOREIGN KEY (tenant_id, item_id) REFERENCES registry_entries (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('purge_approvals');
GRANT SELECT, INSERT ON purge_approvals TO guichet_app;

CREATE TABLE purges (
    tenant_id   uuid NOT NULL,
    item_id     uuid NOT NULL,
    purged_by   text NOT NULL,
    purged_at   timestamptz NOT NULL,
    documents   integer NOT NULL,
    PRIMARY KEY (tenant_id, item_id),
    FOREIGN KEY (tenant_id, item_id) REFERENCES purge_approvals (tenant_id, item_id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('purges');
GRANT SELECT, INSERT ON purges TO guichet_app;
