-- The registry: counters, registered entries, their corrections (amendments and the cancellation),
-- and the current state of each item (its amended details, its processing, its search document).
--
-- What is registered is never changed by the service: the runtime role may only SELECT and INSERT
-- registry_entries and registry_corrections (no UPDATE, no DELETE). Corrections are amendment rows,
-- a cancellation is a row, and a purge keeps the entry.

-- One gapless counter per tenant, direction and registry year. A registration takes the next
-- number with INSERT … ON CONFLICT DO UPDATE … RETURNING inside its own transaction, so the row
-- stays locked until it commits (or rolls back, and the number is taken again by the next one).
CREATE TABLE registry_counters (
    tenant_id           uuid NOT NULL,
    direction           text NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'internal')),
    year                integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    last_sequence       bigint NOT NULL CHECK (last_sequence >= 1),
    -- The registration instant of last_sequence: the next one is never earlier.
    last_registered_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, direction, year)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('registry_counters');
GRANT SELECT, INSERT, UPDATE ON registry_counters TO guichet_app;

CREATE TABLE registry_entries (
    tenant_id            uuid NOT NULL,
    id                   uuid NOT NULL,
    direction            text NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'internal')),
    year                 integer NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    sequence             bigint NOT NULL CHECK (sequence >= 1),
    registry_number      text NOT NULL CHECK (length(registry_number) BETWEEN 1 AND 40),
    registered_at        timestamptz NOT NULL,
    registered_by        text NOT NULL,
    subject              text NOT NULL,
    correspondent_id     uuid,
    correspondent_kind   text,
    correspondent_name   text,
    correspondent_email  text,
    document_type        text NOT NULL,
    medium               text NOT NULL,
    priority             text NOT NULL,
    confidentiality      text NOT NULL,
    received_at          timestamptz,
    sent_at              timestamptz,
    reference            text,
    -- The item answered and the related items (checked in the registering transaction).
    in_reply_to          uuid,
    linked_items         uuid[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, direction, year, sequence),
    UNIQUE (tenant_id, registry_number)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('registry_entries');
GRANT SELECT, INSERT ON registry_entries TO guichet_app;

-- Corrections of a registered entry, numbered per item: amendments (each field's old and new
-- value) and at most one cancellation (the reason), which keeps the number.
CREATE TABLE registry_corrections (
    tenant_id    uuid NOT NULL,
    item_id      uuid NOT NULL,
    number       integer NOT NULL CHECK (number >= 1),
    kind         text NOT NULL CHECK (kind IN ('amendment', 'cancellation')),
    -- Amendments: [{"field": …, "old": …, "new": …}].
    changes      jsonb,
    reason       text NOT NULL,
    recorded_by  text NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, item_id, number),
    CHECK ((kind = 'amendment') = (changes IS NOT NULL))
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('registry_corrections');
GRANT SELECT, INSERT ON registry_corrections TO guichet_app;
CREATE UNIQUE INDEX registry_corrections_cancellation ON registry_corrections (tenant_id, item_id) WHERE kind = 'cancellation';

-- Whether a viewer may see an item: the domain's ConfidentialAccess rule, one expression the
-- planner inlines into every list, search and export.
CREATE FUNCTION can_see(
    p_level text, p_units uuid[], p_agents text[], p_roles text[], p_subject text, p_viewer_units uuid[],
    p_viewer_roles text[]
) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT p_level = 'normal'
        OR (p_level = 'confidential'
            AND (p_subject = ANY (p_agents) OR p_units && p_viewer_units OR p_roles && p_viewer_roles))
        OR (p_level = 'secret' AND p_subject = ANY (p_agents))
$$;
GRANT EXECUTE ON FUNCTION can_see(text, uuid[], text[], text[], text, uuid[], text[]) TO guichet_app;

-- The current state of each registered item: a projection of the entry, its corrections and its
-- processing, kept for reads, baskets, alerts and search (the registry rows above remain the
-- record).
CREATE TABLE items (
    tenant_id            uuid NOT NULL,
    id                   uuid NOT NULL,
    direction            text NOT NULL,
    year                 integer NOT NULL,
    sequence             bigint NOT NULL,
    registry_number      text NOT NULL,
    registered_at        timestamptz NOT NULL,
    registered_by        text NOT NULL,
    subject              text NOT NULL,
    correspondent        jsonb,
    document_type        text NOT NULL,
    medium               text NOT NULL,
    priority             text NOT NULL,
    confidentiality      text NOT NULL CHECK (confidentiality IN ('normal', 'confidential', 'secret')),
    received_at          timestamptz,
    sent_at              timestamptz,
    reference            text,
    in_reply_to          uuid,
    -- The items this one answers (as a reply), both ways with the originals' workflows.
    answers              uuid[] NOT NULL DEFAULT '{}',
    access_units         uuid[] NOT NULL DEFAULT '{}',
    access_agents        text[] NOT NULL DEFAULT '{}',
    access_roles         text[] NOT NULL DEFAULT '{}',
    status               text NOT NULL,
    -- The domain's ProcessingWorkflow (routing, circuits, replies, history).
    workflow             jsonb NOT NULL,
    principal_unit       uuid,
    principal_unit_name  jsonb,
    copy_units           uuid[] NOT NULL DEFAULT '{}',
    copy_agents          text[] NOT NULL DEFAULT '{}',
    -- Who owes a decision now: pending opinion participants, the current approval step.
    opinion_units        uuid[] NOT NULL DEFAULT '{}',
    opinion_agents       text[] NOT NULL DEFAULT '{}',
    approval_units       uuid[] NOT NULL DEFAULT '{}',
    approval_agents      text[] NOT NULL DEFAULT '{}',
    -- Deadlines; the reminder and the overdue alert are each raised once (set once, never cleared).
    due_on               date,
    remind_on            date,
    reminded_at          timestamptz,
    overdue_at           timestamptz,
    closed_on            date,
    cancelled_at         timestamptz,
    cancelled_by         text,
    cancellation_reason  text,
    amendment_count      integer NOT NULL DEFAULT 0,
    purged_at            timestamptz,
    -- Search: the normalised text of the item's fields and of its notes and documents, and their
    -- number terms (registry number keys, digit runs joined across spaces).
    search_fields        text NOT NULL DEFAULT '',
    search_extra         text NOT NULL DEFAULT '',
    search_terms         text[] NOT NULL DEFAULT '{}',
    extra_terms          text[] NOT NULL DEFAULT '{}',
    search               tsvector GENERATED ALWAYS AS (
                             to_tsvector('simple'::regconfig, search_fields || ' ' || search_extra)
                             || array_to_tsvector(search_terms || extra_terms)) STORED,
    version              integer NOT NULL DEFAULT 1,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
) PARTITION BY LIST (tenant_id);
SELECT platform.enable_tenant_isolation('items');
GRANT SELECT, INSERT, UPDATE ON items TO guichet_app;
CREATE INDEX items_registered ON items (tenant_id, registered_at, id);
CREATE INDEX items_to_route ON items (tenant_id, registered_at, id) WHERE status = 'registered';
CREATE INDEX items_principal_unit ON items (tenant_id, principal_unit, registered_at, id);
CREATE INDEX items_participants ON items
    USING gin (copy_units, copy_agents, opinion_units, opinion_agents, approval_units, approval_agents, answers);
CREATE INDEX items_search ON items USING gin (search);
CREATE INDEX items_reminders ON items (tenant_id, remind_on) WHERE reminded_at IS NULL;
CREATE INDEX items_overdue ON items (tenant_id, due_on) WHERE overdue_at IS NULL;
