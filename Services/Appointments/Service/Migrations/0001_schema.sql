-- The appointments service's schema. Tables come in the next migrations; every tenant-owned table is
-- partitioned by LIST (tenant_id) and declared with platform.enable_tenant_isolation.
CREATE SCHEMA appointments;
GRANT USAGE ON SCHEMA appointments TO guichet_app;
