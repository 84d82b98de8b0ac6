-- A mail registration as MailStore.register sends it (Services/Mail/Service/Store/
-- MailStore+Registration.swift), for the bench's registration figures: an incoming letter from a
-- correspondent of the directory, of a document type with a deadline, registered by an agent of
-- the mail office. Prepared, runtime role, the same three round trips:
--   1. BEGIN, the tenant, the counter's next number (INSERT … ON CONFLICT DO UPDATE … RETURNING:
--      the counter row stays locked until COMMIT, so one counter's registrations queue here);
--   2. the registry entry, the item's state with its search document (StoredItem.insertion), and
--      the audit event appended to the tenant's chain (mail.append_audit_event, which locks the
--      tenant's chain tip);
--   3. COMMIT.
-- Variables: tenant (its uuid), correspondent (a contact's uuid). (pgbench reads `:word` as a variable
-- even inside a string: the JSON texts below never put a letter right after a colon.)
--
-- What differs from the service:
--   - the service reads the number and instant RETURNING gives and binds them into round trip 2;
--     here each statement of round trip 2 reads them back from the counter row (locked by this
--     transaction, a primary-key read), and builds the registry number, the search document and
--     the audit payload's canonical JSON in SQL rather than in Swift;
--   - the id is time-ordered like UUID.timeOrdered() (milliseconds, then random bits), from the
--     transaction's start rather than the service's clock; the instants come from PostgreSQL's clock;
--   - the deadline (due_on, remind_on) is a fixed 28 and 26 days ahead, where the service counts
--     working days on the tenant's calendar;
--   - it leaves out what the service does before the transaction: reading the tenant's settings
--     (cached for 5 s) and the correspondent (one primary-key read in its own transaction).
\set r1 random(0, 65535)
\set r2 random(0, 4294967295)
\set r3 random(0, 4294967295)
\set n random(1, 1000000000)
\startpipeline
BEGIN;
SELECT set_config('app.tenant_id', :tenant, true);
INSERT INTO mail.registry_counters AS c (tenant_id, direction, year, last_sequence, last_registered_at)
VALUES (:tenant, 'incoming', extract(year FROM now() AT TIME ZONE 'Africa/Casablanca')::integer, 1, date_trunc('microseconds', clock_timestamp()))
ON CONFLICT (tenant_id, direction, year) DO UPDATE
    SET last_sequence = c.last_sequence + 1,
        last_registered_at = greatest(c.last_registered_at, excluded.last_registered_at)
RETURNING last_sequence, last_registered_at;
\endpipeline
\startpipeline
INSERT INTO mail.registry_entries (
    tenant_id, id, direction, year, sequence, registry_number, registered_at, registered_by, subject, correspondent_id,
    correspondent_kind, correspondent_name, correspondent_email, document_type, medium, priority, confidentiality,
    received_at, sent_at, reference, in_reply_to, linked_items)
SELECT
    :tenant, (lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') || lpad(to_hex(:r1::integer), 4, '0')
        || lpad(to_hex(:r2::bigint), 8, '0') || lpad(to_hex(:r3::bigint), 8, '0'))::uuid,
    'incoming', c.year, c.last_sequence, c.year || '/A/' || lpad(c.last_sequence::text, 6, '0'), c.last_registered_at,
    'agent:00000000-0000-4000-8000-000000000001', 'Demande de permis de construire, dossier ' || :n::text, :correspondent::uuid,
    'organisation', 'Association Al Amal', 'contact@alamal.example.ma', 'demande', 'paper', 'normal', 'normal',
    NULL, NULL, NULL, NULL, '{}'::uuid[]
FROM mail.registry_counters c
WHERE c.tenant_id = :tenant AND c.direction = 'incoming' AND c.year = extract(year FROM now() AT TIME ZONE 'Africa/Casablanca')::integer;
INSERT INTO mail.items (
    tenant_id, id, direction, year, sequence, registry_number, registered_at, registered_by, subject, correspondent,
    document_type, medium, priority, confidentiality, received_at, sent_at, reference, in_reply_to, answers, access_units,
    access_agents, access_roles, status, workflow, due_on, remind_on, search_fields, search_terms, updated_at)
SELECT
    :tenant, (lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') || lpad(to_hex(:r1::integer), 4, '0')
        || lpad(to_hex(:r2::bigint), 8, '0') || lpad(to_hex(:r3::bigint), 8, '0'))::uuid,
    'incoming', c.year, c.last_sequence, c.year || '/A/' || lpad(c.last_sequence::text, 6, '0'), c.last_registered_at,
    'agent:00000000-0000-4000-8000-000000000001', 'Demande de permis de construire, dossier ' || :n::text,
    jsonb_build_object('contact_id', :correspondent::text, 'kind', 'organisation', 'name', 'Association Al Amal',
                       'email', 'contact@alamal.example.ma'),
    'demande', 'paper', 'normal', 'normal', NULL, NULL, NULL, NULL, '{}'::uuid[], '{}'::uuid[], '{}'::text[], '{}'::text[],
    'registered', jsonb_build_object('status', 'registered', 'replyRequired', true, 'opinionCircuits', '[]'::jsonb,
                                     'approvalCircuits', '[]'::jsonb, 'replies', '[]'::jsonb, 'history', '[]'::jsonb),
    (now() + interval '28 days')::date, (now() + interval '26 days')::date,
    c.year || ' a ' || lpad(c.last_sequence::text, 6, '0') || ' demande de permis de construire dossier ' || :n::text
        || ' demande association al amal contact alamal example ma',
    ARRAY[c.year || 'a' || c.last_sequence, c.last_sequence::text, :n::text], c.last_registered_at
FROM mail.registry_counters c
WHERE c.tenant_id = :tenant AND c.direction = 'incoming' AND c.year = extract(year FROM now() AT TIME ZONE 'Africa/Casablanca')::integer;
SELECT mail.append_audit_event(
    :tenant, c.last_registered_at, 'agent:00000000-0000-4000-8000-000000000001', 'registration',
    (lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') || lpad(to_hex(:r1::integer), 4, '0')
        || lpad(to_hex(:r2::bigint), 8, '0') || lpad(to_hex(:r3::bigint), 8, '0'))::uuid,
    '{"confidentiality":"normal","correspondent":{"contact_id":"' || :correspondent::text
        || '","email":"contact@alamal.example.ma","kind":"organisation","name":"Association Al Amal"},"direction":"incoming",'
        || '"document_type":"demande","medium":"paper","priority":"normal","received_at":' || 'null,"reference":' || 'null,"registered_at":"'
        || replace(to_char(c.last_registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24/MI/SS.US"Z"'), '/', chr(58)) || '","registry_number":"'
        || c.year || '/A/' || lpad(c.last_sequence::text, 6, '0') || '","sent_at":' || 'null,"subject":"Demande de permis de construire, dossier '
        || :n::text || '"}')
FROM mail.registry_counters c
WHERE c.tenant_id = :tenant AND c.direction = 'incoming' AND c.year = extract(year FROM now() AT TIME ZONE 'Africa/Casablanca')::integer;
\endpipeline
COMMIT;
