-- The complaints service's submission (POST /v1/:tenant/complaints without Idempotency-Key), as
-- pgbench runs it: the statement of ComplaintStore.insertion(of:tenant:) in the transaction the
-- pool sends — BEGIN, the tenant set for the transaction, the INSERT, COMMIT — in one round trip
-- (pipeline mode), prepared (-M prepared), as the runtime role. The service makes the id (time
-- ordered), the tracking code and the timestamps itself; here they come from pgbench's random
-- numbers, the clock and now() (a tracking code of 16 digits is a valid Crockford base32 code).
-- No location, address or contact, like the bench's wrk submissions. Variable: tenant (its uuid).
\set code random(1000000000000000, 9999999999999999)
\set r1 random(0, 65535)
\set r2 random(0, 4294967295)
\set r3 random(0, 4294967295)
\set n random(1, 1000000000)
\startpipeline
BEGIN;
SELECT set_config('app.tenant_id', :tenant, true);
INSERT INTO complaints.complaints (
    tenant_id, id, tracking_code, kind, category_code, subject, description, location, address,
    contact_name, contact_email, contact_phone, language, channel, status, created_at, updated_at)
VALUES (
    :tenant,
    (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || lpad(to_hex(:r1::integer), 4, '0')
        || lpad(to_hex(:r2::bigint), 8, '0') || lpad(to_hex(:r3::bigint), 8, '0'))::uuid,
    :code, 'complaint', 'roads',
    'Nid-de-poule ' || :n, 'Un trou profond sur la chaussee devant l ecole, signalement ' || :n || '.',
    CASE WHEN NULL::float8 IS NULL THEN NULL
         ELSE public.ST_SetSRID(public.ST_MakePoint(NULL::float8, NULL::float8), 4326)::public.geography END,
    NULL, NULL, NULL, NULL, 'fr', 'web', 'received', now(), now());
COMMIT;
\endpipeline
