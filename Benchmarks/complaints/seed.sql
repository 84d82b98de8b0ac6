-- Seeds complaints for `make bench` (scripts/bench.sh), as the owner role, with the tenant set as
-- the service sets it (row-level security is forced on the owner too). psql variables:
--   tenant      the tenant's uuid
--   count       how many complaints
--   prefix      one Crockford base32 letter starting every tracking code (the rest: 15 digits)
--   categories  a PostgreSQL text array of the tenant's category codes ('{roads,water}')
--   units       how many units the complaints are spread over (ids 00000000-0000-4000-8000-0000000000NN)
-- The complaints are spread over two years, five cities (Casablanca, Rabat, Marrakech, Fès,
-- Tanger; about ±11 km around each centre), the categories and the units; statuses: received 5 %,
-- acknowledged 3 %, assigned 6 %, in progress 6 %, answered 8 %, closed 69 %, rejected 3 %.
\set ON_ERROR_STOP on
BEGIN;
SELECT set_config('app.tenant_id', :'tenant', true);
INSERT INTO complaints.complaints (
    tenant_id, id, tracking_code, kind, category_code, subject, description, location, language, channel, status,
    created_at, updated_at, assigned_unit, routed_by, acknowledged_at, first_answered_at, answered_at, closed_at, rejected_at,
    has_public_answer, acknowledgement_due, answer_due, answer_alert_at, first_answer_due)
SELECT
    :'tenant'::uuid, gen_random_uuid(), :'prefix' || lpad(g::text, 15, '0'), 'complaint',
    k.codes[1 + g % array_length(k.codes, 1)],
    'Signalement ' || g, 'Signalement numéro ' || g || ' : dégradation constatée sur la voie publique.',
    public.ST_SetSRID(public.ST_MakePoint(c.lon + (x.dx - 0.5) * 0.2, c.lat + (x.dy - 0.5) * 0.2), 4326)::public.geography,
    'fr', 'web', s.status, x.created, x.created + interval '1 day',
    ('00000000-0000-4000-8000-' || lpad((g % :units)::text, 12, '0'))::uuid, 'zone',
    CASE WHEN s.status <> 'received' THEN x.created + interval '2 days' END,
    CASE WHEN s.status IN ('answered', 'closed') THEN x.created + x.delay END,
    CASE WHEN s.status IN ('answered', 'closed') THEN x.created + x.delay END,
    CASE WHEN s.status = 'closed' THEN x.created + x.delay + interval '3 days' END,
    CASE WHEN s.status = 'rejected' THEN x.created + interval '5 days' END,
    s.status IN ('answered', 'closed'),
    x.created + interval '15 days', x.created + interval '60 days', x.created + interval '48 days', x.created + interval '60 days'
FROM generate_series(1, :count) AS g
CROSS JOIN (SELECT :'categories'::text[] AS codes) k
CROSS JOIN LATERAL (
    SELECT now() - random() * interval '730 days' AS created, random() AS r, random() AS dx, random() AS dy,
           random() * interval '70 days' AS delay, g AS row_number) x
CROSS JOIN LATERAL (
    SELECT CASE WHEN x.r < 0.05 THEN 'received' WHEN x.r < 0.08 THEN 'acknowledged' WHEN x.r < 0.14 THEN 'assigned'
                WHEN x.r < 0.20 THEN 'in_progress' WHEN x.r < 0.28 THEN 'answered' WHEN x.r < 0.97 THEN 'closed'
                ELSE 'rejected' END AS status) s
CROSS JOIN LATERAL (
    SELECT (ARRAY[33.57, 34.02, 31.63, 34.03, 35.76])[1 + (g / 5) % 5] AS lat,
           (ARRAY[-7.59, -6.84, -7.99, -5.00, -5.83])[1 + (g / 5) % 5] AS lon) c;
COMMIT;
