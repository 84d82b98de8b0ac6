-- Guichet: cluster bootstrap, run by a superuser with psql. Idempotent: safe to run on every start.
--
-- It creates what the services cannot create for themselves:
--   * the role guichet_owner: runs the migrations and owns the schemas they create;
--   * the role guichet_app: the runtime role, owns nothing, cannot bypass row-level security;
--   * the database guichet, owned by the superuser, with CREATE for the owner role and CONNECT for both;
--   * the extensions the migrations rely on (untrusted ones need a superuser), in schema public.
-- Everything else (schemas, tables, policies, grants to guichet_app) comes from the services' migrations.
--
-- Passwords come from the environment of the psql process (PostgreSQL 15's \getenv), or a psql
-- variable of the same name set with -v, or else the development defaults:
--   GUICHET_DB_OWNER_PASSWORD (default guichet_owner), GUICHET_DB_APP_PASSWORD (default guichet_app).
--
-- Used by scripts/pg.sh (psql -v ON_ERROR_STOP=1 -f bootstrap.sql, connected to database postgres) and
-- by the PostGIS image's /docker-entrypoint-initdb.d (same psql invocation, first start only).

\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET password_encryption = 'scram-sha-256';

\if :{?owner_password}
\else
\getenv owner_password GUICHET_DB_OWNER_PASSWORD
\endif
\if :{?owner_password}
\else
\set owner_password guichet_owner
\endif

\if :{?app_password}
\else
\getenv app_password GUICHET_DB_APP_PASSWORD
\endif
\if :{?app_password}
\else
\set app_password guichet_app
\endif

-- Roles: created when missing, then their attributes and passwords (re)set every time.
SELECT 'CREATE ROLE guichet_owner'
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'guichet_owner') \gexec
SELECT 'CREATE ROLE guichet_app'
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'guichet_app') \gexec

ALTER ROLE guichet_owner WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT
    PASSWORD :'owner_password';
ALTER ROLE guichet_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT
    PASSWORD :'app_password';

-- The database, owned by the superuser (so neither role holds the owner's implicit rights on it).
SELECT 'CREATE DATABASE guichet TEMPLATE template0 ENCODING ''UTF8'''
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = 'guichet') \gexec

REVOKE ALL ON DATABASE guichet FROM PUBLIC;
GRANT CONNECT, CREATE, TEMPORARY ON DATABASE guichet TO guichet_owner;
GRANT CONNECT ON DATABASE guichet TO guichet_app;

\connect guichet
SET client_min_messages = warning;

-- Schema public holds the extensions only: everybody may use it, nobody but the superuser creates in it.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO guichet_owner, guichet_app;

CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;
CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA public;

-- Row-level security and indexes: every tenant-owned table carries a policy, and PostgreSQL
-- evaluates a query's conditions before the policy's only when their functions are LEAKPROOF (they
-- reveal nothing about rows the policy hides). The operators the services' GIN and GiST indexes
-- serve are not marked so, which keeps those indexes out of every plan the runtime role makes:
-- full-text search, array containment and the map's bounding boxes scan the whole tenant instead.
-- These functions compare their arguments and return a boolean; none raises an error that depends
-- on a row's value (the columns' SRID and element types are fixed by their declarations), so they
-- are marked LEAKPROOF here, which needs a superuser. Run this again after upgrading PostGIS (its
-- update script redefines its functions). Checked by the platform's tests and `make bench`.
ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
ALTER FUNCTION pg_catalog.arrayoverlap(anyarray, anyarray) LEAKPROOF;
ALTER FUNCTION pg_catalog.arraycontains(anyarray, anyarray) LEAKPROOF;
ALTER FUNCTION pg_catalog.arraycontained(anyarray, anyarray) LEAKPROOF;
ALTER FUNCTION public.geometry_overlaps(public.geometry, public.geometry) LEAKPROOF;
ALTER FUNCTION public.geometry_contains(public.geometry, public.geometry) LEAKPROOF;
ALTER FUNCTION public.geometry_within(public.geometry, public.geometry) LEAKPROOF;
ALTER FUNCTION public.geography_overlaps(public.geography, public.geography) LEAKPROOF;
