-- The mail service's schema. Tables come in the next migrations; every tenant-owned table is
-- partitioned by LIST (tenant_id) and declared with platform.enable_tenant_isolation.
CREATE SCHEMA mail;
GRANT USAGE ON SCHEMA mail TO guichet_app;
