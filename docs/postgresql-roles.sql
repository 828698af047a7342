-- Roles for a shared StreamReach store, with the least rights each needs (docs/POSTGRESQL.md).
-- Run once, as the database's owner or an administrator, in the StreamReach database:
--   psql -d streamreach_db -v ON_ERROR_STOP=1 -f docs/postgresql-roles.sql
-- Replace both passwords first (or set them afterwards with psql's \password).
-- Neither role is a superuser, and neither may create databases or roles.

-- The nightly collectors of every venue (one role for all, or one per venue).
CREATE ROLE streamreach_collector LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'collector-password';
-- Reports, metrics and the board: reading only.
CREATE ROLE streamreach_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'reader-password';

-- The collector's first run creates the schema (migrations) and owns the tables: it needs
-- to connect, to create tables in the schema, and temporary tables (the live poller's
-- audience samples pass through one on the way in).
GRANT CONNECT, TEMPORARY ON DATABASE streamreach_db TO streamreach_collector;
GRANT USAGE, CREATE ON SCHEMA public TO streamreach_collector;

-- The reader connects and reads whatever the collector creates, now and later.
GRANT CONNECT ON DATABASE streamreach_db TO streamreach_reader;
GRANT USAGE ON SCHEMA public TO streamreach_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE streamreach_collector IN SCHEMA public GRANT SELECT ON TABLES TO streamreach_reader;
