-- The complaints service's schema. Tables come in the next migrations; every tenant-owned table is
-- partitioned by LIST (tenant_id) and declared with platform.enable_tenant_isolation.
CREATE SCHEMA complaints;
GRANT USAGE ON SCHEMA complaints TO guichet_app;
