-- The platform schema: tenants, and the one function that gives a tenant its partitions.
CREATE SCHEMA IF NOT EXISTS platform;
GRANT USAGE ON SCHEMA platform TO guichet_app;

CREATE TABLE platform.tenants (
    id          uuid PRIMARY KEY,
    -- A short number for partition names (complaints_t12): never reused, never shown.
    seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    slug        text NOT NULL UNIQUE
                CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$'),
    name_fr     text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 200),
    name_ar     text CHECK (length(name_ar) BETWEEN 1 AND 200),
    name_en     text CHECK (length(name_en) BETWEEN 1 AND 200),
    time_zone   text NOT NULL DEFAULT 'Africa/Casablanca',
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'offboarded')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON platform.tenants TO guichet_app;

-- Objects every tenant partition of a table must carry (PostgreSQL 15 cannot put some of them,
-- such as exclusion constraints, on a partitioned parent; foreign keys are better there, see
-- platform.declare_tenant_foreign_key). `definition` is a format() template: %1$I the schema, %2$I
-- the partition, %3$I the object's name on that partition, %4$s the tenant's partition suffix
-- (`_t12`), which names the tenant's partition of another table.
CREATE TABLE platform.partition_objects (
    table_schema text NOT NULL,
    table_name   text NOT NULL,
    object_name  text NOT NULL CHECK (object_name ~ '^[a-z][a-z0-9_]{0,30}$'),
    definition   text NOT NULL,
    PRIMARY KEY (table_schema, table_name, object_name)
);

-- Row-level security for a tenant-owned table, the one way every service declares it: rows are
-- visible and writable only inside a transaction that set app.tenant_id to their tenant. A
-- setting once used in a session reads back as '' afterwards, and NULLIF makes that fail closed.
CREATE FUNCTION platform.enable_tenant_isolation(p_table regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', p_table);
    EXECUTE format(
        'CREATE POLICY tenant_isolation ON %s '
        'USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid) '
        'WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)',
        p_table);
END $$;
REVOKE ALL ON FUNCTION platform.enable_tenant_isolation(regclass) FROM PUBLIC;

-- Creates the tenant's partition of every table partitioned by LIST (tenant_id), in every schema,
-- with the per-partition objects registered for it. Idempotent; safe under concurrent calls.
CREATE FUNCTION platform.provision_tenant(p_tenant uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_seq       bigint;
    v_table     record;
    v_object    record;
    v_partition text;
    v_name      text;
    v_created   integer := 0;
BEGIN
    SELECT seq INTO v_seq FROM platform.tenants WHERE id = p_tenant;
    IF v_seq IS NULL THEN
        RAISE EXCEPTION 'unknown tenant %', p_tenant USING ERRCODE = 'no_data_found';
    END IF;
    -- One provisioning at a time; never wait long behind a transaction holding a parent.
    PERFORM pg_advisory_xact_lock(727001);
    SET LOCAL lock_timeout = '10s';
    -- First every partition, then the objects on them: a foreign key names the tenant's partition
    -- of another table, which must exist by then.
    FOR v_table IN
        SELECT n.nspname AS table_schema, c.relname AS table_name
        FROM pg_partitioned_table p
        JOIN pg_class c ON c.oid = p.partrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0]
        WHERE p.partstrat = 'l' AND p.partnatts = 1 AND a.attname = 'tenant_id' AND NOT c.relispartition
        ORDER BY n.nspname, c.relname
    LOOP
        v_partition := v_table.table_name || '_t' || v_seq;
        IF length(v_partition) > 63 THEN
            RAISE EXCEPTION 'partition name % is too long', v_partition;
        END IF;
        IF to_regclass(format('%I.%I', v_table.table_schema, v_partition)) IS NULL THEN
            -- Made apart, then attached: ATTACH PARTITION takes only a SHARE UPDATE EXCLUSIVE lock
            -- on the parent, so the requests of other tenants go on (CREATE TABLE … PARTITION OF
            -- would lock the parent exclusively). Indexes are cloned on attach.
            EXECUTE format(
                'CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED '
                'INCLUDING STORAGE INCLUDING COMPRESSION)',
                v_table.table_schema, v_partition, v_table.table_schema, v_table.table_name);
            EXECUTE format('ALTER TABLE %I.%I ATTACH PARTITION %I.%I FOR VALUES IN (%L)',
                           v_table.table_schema, v_table.table_name, v_table.table_schema, v_partition, p_tenant);
            v_created := v_created + 1;
        END IF;
    END LOOP;
    FOR v_object IN
        SELECT o.table_schema, o.table_name, o.object_name, o.definition
        FROM platform.partition_objects o
        WHERE to_regclass(format('%I.%I', o.table_schema, o.table_name || '_t' || v_seq)) IS NOT NULL
        ORDER BY o.table_schema, o.table_name, o.object_name
    LOOP
        v_partition := v_object.table_name || '_t' || v_seq;
        v_name := v_partition || '_' || v_object.object_name;
        IF NOT EXISTS (
            SELECT 1 FROM pg_constraint
            WHERE conname = v_name
              AND conrelid = format('%I.%I', v_object.table_schema, v_partition)::regclass
        ) AND to_regclass(format('%I.%I', v_object.table_schema, v_name)) IS NULL THEN
            EXECUTE format(v_object.definition, v_object.table_schema, v_partition, v_name, '_t' || v_seq);
        END IF;
    END LOOP;
    RETURN v_created;
END $$;
REVOKE ALL ON FUNCTION platform.provision_tenant(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform.provision_tenant(uuid) TO guichet_app;

-- Declares a foreign key between two tables partitioned by tenant, in the current schema, the one
-- way services declare one (p_table may name its schema). It is made between each tenant's pair of partitions (complaints_t12 to
-- categories_t12) when the tenant is provisioned, never between the parents: a key between
-- partitioned parents makes PostgreSQL add a constraint per referenced partition to every
-- referencing partition (a cost growing with the square of the tenants), and each onboarding then
-- locks every tenant's referencing partition. A tenant's rows only ever refer to its own, so the
-- per-tenant key checks the same thing. `p_columns` and `p_referenced_columns` list columns (a
-- migration's constants, never input), tenant_id first; `p_action` is '' or an ON DELETE clause.
CREATE FUNCTION platform.declare_tenant_foreign_key(
    p_table text, p_name text, p_columns text, p_referenced_table text, p_referenced_columns text, p_action text DEFAULT '')
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    -- The referencing table, in the current schema unless qualified (platform.units).
    v_name text[] := parse_ident(p_table);
BEGIN
    IF p_referenced_table !~ '^[a-z][a-z0-9_]*$' OR p_columns !~ '^tenant_id(, [a-z][a-z0-9_]*)+$'
        OR p_referenced_columns !~ '^tenant_id(, [a-z][a-z0-9_]*)+$' OR p_action !~ '^(ON DELETE (CASCADE|SET NULL|RESTRICT))?$' THEN
        RAISE EXCEPTION 'declare_tenant_foreign_key: malformed declaration of % on %', p_name, p_table;
    END IF;
    INSERT INTO platform.partition_objects (table_schema, table_name, object_name, definition)
    VALUES (CASE WHEN cardinality(v_name) = 2 THEN v_name[1] ELSE current_schema() END, v_name[cardinality(v_name)], p_name,
            format('ALTER TABLE %%1$I.%%2$I ADD CONSTRAINT %%3$I FOREIGN KEY (%s) REFERENCES %%1$I.%s%%4$s (%s) %s',
                   p_columns, p_referenced_table, p_referenced_columns, p_action));
END $$;
REVOKE ALL ON FUNCTION platform.declare_tenant_foreign_key(text, text, text, text, text, text) FROM PUBLIC;

-- Brings every tenant's partitions up to date: run after each service's migrations, so a table
-- added later gets its partitions for the tenants that already exist.
CREATE FUNCTION platform.provision_all_tenants() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_tenant  uuid;
    v_created integer := 0;
BEGIN
    -- Only the tenants missing a partition or a per-partition object, found from the catalogs in one
    -- query without a lock: every service runs this at start, and provisioning takes the lock that
    -- onboarding waits for (a start with nothing to do must not hold it for every tenant in turn).
    FOR v_tenant IN
        WITH parents AS (
            SELECT n.nspname AS table_schema, c.relname AS table_name
            FROM pg_partitioned_table p
            JOIN pg_class c ON c.oid = p.partrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0]
            WHERE p.partstrat = 'l' AND p.partnatts = 1 AND a.attname = 'tenant_id' AND NOT c.relispartition
        ), live AS (
            SELECT id, seq FROM platform.tenants WHERE status <> 'offboarded'
        )
        SELECT t.id FROM live t
        WHERE EXISTS (
            SELECT 1 FROM parents p
            WHERE NOT EXISTS (
                SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = p.table_schema AND c.relname = p.table_name || '_t' || t.seq))
        OR EXISTS (
            SELECT 1 FROM platform.partition_objects o
            JOIN pg_namespace n ON n.nspname = o.table_schema
            JOIN pg_class pc ON pc.relnamespace = n.oid AND pc.relname = o.table_name || '_t' || t.seq
            WHERE NOT EXISTS (
                SELECT 1 FROM pg_constraint k
                WHERE k.conrelid = pc.oid AND k.conname = o.table_name || '_t' || t.seq || '_' || o.object_name)
              AND NOT EXISTS (
                SELECT 1 FROM pg_class i
                WHERE i.relnamespace = n.oid AND i.relname = o.table_name || '_t' || t.seq || '_' || o.object_name))
        ORDER BY t.seq
    LOOP
        v_created := v_created + platform.provision_tenant(v_tenant);
    END LOOP;
    RETURN v_created;
END $$;
REVOKE ALL ON FUNCTION platform.provision_all_tenants() FROM PUBLIC;

-- What breaks the data rules, one row per finding: a check for tests and operators.
CREATE FUNCTION platform.tenant_table_violations()
RETURNS TABLE (table_name text, problem text)
LANGUAGE sql STABLE AS $$
    WITH tenant_tables AS (
        SELECT c.oid, format('%I.%I', n.nspname, c.relname) AS name, c.relrowsecurity, c.relforcerowsecurity
        FROM pg_partitioned_table p
        JOIN pg_class c ON c.oid = p.partrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0]
        WHERE p.partstrat = 'l' AND p.partnatts = 1 AND a.attname = 'tenant_id' AND NOT c.relispartition
    ),
    partitions AS (
        SELECT i.inhrelid AS oid, t.name AS parent
        FROM pg_inherits i JOIN tenant_tables t ON t.oid = i.inhparent
    )
    SELECT name, 'row level security is not enabled and forced' FROM tenant_tables
    WHERE NOT (relrowsecurity AND relforcerowsecurity)
    UNION ALL
    SELECT name, 'no tenant_isolation policy' FROM tenant_tables t
    WHERE NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = t.oid AND polname = 'tenant_isolation')
    UNION ALL
    SELECT t.name, 'a primary key or unique constraint does not start with tenant_id'
    FROM tenant_tables t JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype IN ('p', 'u')
    WHERE (SELECT attname FROM pg_attribute WHERE attrelid = t.oid AND attnum = k.conkey[1]) <> 'tenant_id'
    UNION ALL
    SELECT t.name, 'a foreign key does not include tenant_id'
    FROM tenant_tables t JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'f'
    WHERE NOT EXISTS (
        SELECT 1 FROM unnest(k.conkey) AS key(attnum)
        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = key.attnum
        WHERE a.attname = 'tenant_id')
    UNION ALL
    SELECT t.name, 'a foreign key between partitioned parents (declare it with platform.declare_tenant_foreign_key)'
    FROM tenant_tables t JOIN pg_constraint k ON k.conrelid = t.oid AND k.contype = 'f' AND k.conparentid = 0
    WHERE k.confrelid IN (SELECT oid FROM tenant_tables)
    UNION ALL
    SELECT t.name, 'tenant_id is not the first column'
    FROM tenant_tables t
    WHERE (SELECT attname FROM pg_attribute WHERE attrelid = t.oid AND attnum = 1) <> 'tenant_id'
    UNION ALL
    SELECT format('%s (partition of %s)', p.oid::regclass, p.parent), 'privileges granted on a partition'
    FROM partitions p JOIN pg_class c ON c.oid = p.oid
    WHERE EXISTS (
        SELECT 1 FROM aclexplode(c.relacl) AS acl
        WHERE acl.grantee <> c.relowner)
    UNION ALL
    SELECT t.name, 'a default partition exists'
    FROM tenant_tables t JOIN pg_partitioned_table p ON p.partrelid = t.oid
    WHERE p.partdefid <> 0
$$;
GRANT EXECUTE ON FUNCTION platform.tenant_table_violations() TO guichet_app;
