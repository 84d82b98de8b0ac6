-- What the outbox adds to a submission, for the bench's outbox figure: complaint-insert-located.sql
-- (the complaint with its location, zone, unit and deadlines) plus, in the same transaction and the
-- same round trip, the two statements ComplaintNotifications records — the acknowledgement email
-- (Outbox.recording) and the complaint.submitted event fanned out to the tenant's subscribed webhook
-- endpoints (WebhookStore.recording; the bench registers one). Prepared, pipelined, runtime role.
-- Variable: tenant (its uuid).
\set code random(1000000000000000, 9999999999999999)
\set r1 random(0, 65535)
\set r2 random(0, 4294967295)
\set r3 random(0, 4294967295)
\set n random(1, 1000000000)
\set lat random(335000, 336500)
\set lon random(-77000, -75000)
\startpipeline
BEGIN;
SELECT set_config('app.tenant_id', :tenant, true);
WITH point AS (
    SELECT CASE WHEN (:lat / 10000.0)::float8 IS NULL THEN NULL
                ELSE public.ST_SetSRID(public.ST_MakePoint((:lon / 10000.0)::float8, (:lat / 10000.0)::float8), 4326) END AS geom
), zone AS (
    SELECT z.code FROM complaints.zones z, point p
    WHERE z.tenant_id = :tenant AND p.geom IS NOT NULL AND public.ST_Contains(z.area, p.geom)
    ORDER BY z.area_m2, z.code LIMIT 1
), rule AS (
    SELECT r.unit_id FROM complaints.routing_rules r
    JOIN complaints.zones z ON z.tenant_id = r.tenant_id AND z.code = r.zone_code, point p
    WHERE r.tenant_id = :tenant AND z.tenant_id = :tenant AND r.category_code = 'roads'
      AND p.geom IS NOT NULL AND public.ST_Contains(z.area, p.geom)
    ORDER BY z.area_m2, z.code LIMIT 1
), fallback AS (
    SELECT default_unit FROM complaints.categories WHERE tenant_id = :tenant AND code = 'roads'
)
INSERT INTO complaints.complaints (
    tenant_id, id, tracking_code, kind, category_code, subject, description, location, address,
    contact_name, contact_email, contact_phone, language, channel, status, created_at, updated_at,
    attributes, zone_code, assigned_unit, routed_by, citizen_subject, entered_by,
    acknowledgement_due, answer_due, answer_alert_at, first_answer_due)
SELECT
    :tenant::uuid,
    (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || lpad(to_hex(:r1::integer), 4, '0')
        || lpad(to_hex(:r2::bigint), 8, '0') || lpad(to_hex(:r3::bigint), 8, '0'))::uuid,
    :code, 'complaint', 'roads',
    'Nid-de-poule ' || :n, 'Un trou profond sur la chaussee devant l ecole, signalement ' || :n || '.', p.geom::public.geography,
    NULL, NULL, NULL, NULL, 'fr', 'web', 'received', now(), now(),
    coalesce(NULL::jsonb, '{}'::jsonb), (SELECT code FROM zone),
    coalesce((SELECT unit_id FROM rule), (SELECT default_unit FROM fallback)),
    CASE WHEN (SELECT unit_id FROM rule) IS NOT NULL THEN 'zone'
         WHEN (SELECT default_unit FROM fallback) IS NOT NULL THEN 'category' ELSE 'triage' END,
    NULL, NULL,
    now() + interval '15 days', now() + interval '60 days', now() + interval '48 days', now() + interval '60 days'
FROM point p;
INSERT INTO complaints.outbox_messages (tenant_id, id, channel, topic, payload, target, available_at)
VALUES (:tenant, gen_random_uuid(), 'email', 'complaint.acknowledgement',
        jsonb_build_object('to', 'citoyen' || :n || '@example.org', 'language', 'fr', 'template', 'complaint.acknowledgement',
                           'variables', jsonb_build_object('tracking_code', :code::text, 'subject', 'Nid-de-poule ' || :n,
                                                           'category', 'roads', 'submitted_at', '04/12/2026 20:05')),
        NULL, coalesce(NULL::timestamptz, now()));
INSERT INTO complaints.outbox_messages (tenant_id, id, channel, topic, target, payload)
SELECT e.tenant_id, gen_random_uuid(), 'webhook', 'complaint.submitted', e.id::text,
       jsonb_build_object('endpoint_id', e.id, 'tenant', 'bench'::text,
                          'body', ('{"type":"complaint.submitted","data":{"tracking_code":"' || :code || '"}}')::text)
FROM complaints.webhook_endpoints e
WHERE e.tenant_id = :tenant AND 'complaint.submitted'::text = ANY (e.event_types) AND e.disabled_at IS NULL;
COMMIT;
\endpipeline
