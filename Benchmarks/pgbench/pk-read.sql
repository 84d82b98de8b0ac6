-- The kit server's primary-key read (GET /v1/:tenant/items/:id), as pgbench runs it: the same
-- transaction the pool sends — BEGIN, the tenant set for the transaction, the SELECT, COMMIT —
-- in one round trip (pipeline mode), with prepared statements (-M prepared), as the runtime role.
-- Variables: tenant (the tenant's uuid), count (the ids are 1…count).
\set id random(1, :count)
\startpipeline
BEGIN;
SELECT set_config('app.tenant_id', :tenant, true);
SELECT name FROM benchkit.items WHERE tenant_id = :tenant AND id = :id;
COMMIT;
\endpipeline
