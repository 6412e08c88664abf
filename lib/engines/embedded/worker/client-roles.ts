import type { PGlite } from '@electric-sql/pglite';
import { ROLES } from '../../front-door/credentials';

/** Who a request runs as inside the database: a client's role, or the engine itself. */
export type SessionRole = 'read-write' | 'read-only' | 'superuser';

/** PostgreSQL's flag for "inside a security-definer function": SET ROLE and SET SESSION AUTHORIZATION are refused. */
const SECURITY_LOCAL_USERID_CHANGE = 1;
const BOOTSTRAP_SUPERUSER_ID = 10;

/**
 * The clients' roles, made once per database (the first time it runs; clones inherit them):
 * `app` owns the schema and every object in it, `app_readonly` may read everything and write
 * nothing (no temporary tables, no large objects). pgvector (which PGlite ships) is there from
 * the start: creating an extension needs the superuser. Objects a superuser made before the
 * roles existed (older stores) are handed to `app`; objects of extensions stay with their owner.
 */
const SETUP_SQL = `
CREATE ROLE ${ROLES.readWrite} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE ${ROLES.readOnly} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
GRANT pg_read_all_data TO ${ROLES.readOnly};
CREATE EXTENSION IF NOT EXISTS vector;
REVOKE EXECUTE ON FUNCTION lo_creat(integer), lo_create(oid), lo_from_bytea(oid, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lo_creat(integer), lo_create(oid), lo_from_bytea(oid, bytea) TO ${ROLES.readWrite};
DO $setup$
DECLARE object record;
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO ${ROLES.readWrite}', current_database());
  FOR object IN SELECT n.oid, n.nspname FROM pg_namespace n
      WHERE n.nspowner IN (${BOOTSTRAP_SUPERUSER_ID}, 'pg_database_owner'::regrole) AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
        AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e') LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO ${ROLES.readWrite}', object.nspname);
  END LOOP;
  FOR object IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relowner = ${BOOTSTRAP_SUPERUSER_ID} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND n.nspname NOT LIKE 'pg_t%' AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e') LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO ${ROLES.readWrite}', object.name);
  END LOOP;
  FOR object IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relowner = ${BOOTSTRAP_SUPERUSER_ID} AND c.relkind = 'S' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i', 'e')) LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO ${ROLES.readWrite}', object.name);
  END LOOP;
  FOR object IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.proowner = ${BOOTSTRAP_SUPERUSER_ID} AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO ${ROLES.readWrite}', object.name);
  END LOOP;
  FOR object IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE t.typowner = ${BOOTSTRAP_SUPERUSER_ID} AND t.typtype IN ('e', 'd', 'r') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e') LOOP
    EXECUTE format(CASE WHEN object.typtype = 'd' THEN 'ALTER DOMAIN %s OWNER TO ${ROLES.readWrite}' ELSE 'ALTER TYPE %s OWNER TO ${ROLES.readWrite}' END, object.name);
  END LOOP;
END
$setup$;`;

interface PostgresExports {
  _SetUserIdAndSecContext(userId: number, context: number): void;
}

/**
 * Switches the one backend between the engine (superuser) and a client's role. A client's turn
 * runs with the role as session user (so `session_user` and `is_superuser` tell the truth) and
 * inside a "security-definer" context, so it can neither SET ROLE nor SET SESSION
 * AUTHORIZATION back to the superuser (PostgreSQL itself refuses, whatever the SQL looks like,
 * including inside functions and DO blocks); the context survives errors and aborted
 * transactions. Files, programs and superuser-only functions are then refused by privilege.
 * The engine's own work runs as the superuser between turns.
 */
export class RoleSwitch {
  /** The session user now (the client role last switched to). */
  private sessionRole: 'read-write' | 'read-only' | null = null;

  private constructor(
    private readonly pg: PGlite,
    private readonly postgres: PostgresExports,
    private readonly ids: Record<'read-write' | 'read-only', number>,
  ) {}

  static async prepare(pg: PGlite): Promise<RoleSwitch> {
    const postgres = (pg as unknown as { mod: PostgresExports }).mod;
    postgres._SetUserIdAndSecContext(BOOTSTRAP_SUPERUSER_ID, 0);
    const existing = await pg.query<{ oid: number }>('SELECT oid FROM pg_roles WHERE rolname = $1', [ROLES.readWrite]);
    if (existing.rows.length === 0) await pg.exec(`BEGIN;${SETUP_SQL}COMMIT;`);
    const roles = await pg.query<{ oid: number; rolname: string }>('SELECT oid, rolname FROM pg_roles WHERE rolname IN ($1, $2)', [
      ROLES.readWrite,
      ROLES.readOnly,
    ]);
    const idOf = (name: string) => roles.rows.find((row) => row.rolname === name)!.oid;
    return new RoleSwitch(pg, postgres, { 'read-write': idOf(ROLES.readWrite), 'read-only': idOf(ROLES.readOnly) });
  }

  async as(role: SessionRole): Promise<void> {
    this.postgres._SetUserIdAndSecContext(BOOTSTRAP_SUPERUSER_ID, 0);
    if (role === 'superuser') return;
    if (this.sessionRole !== role) {
      await this.pg.exec(`SET SESSION AUTHORIZATION ${role === 'read-only' ? ROLES.readOnly : ROLES.readWrite}`);
      this.sessionRole = role;
    }
    this.postgres._SetUserIdAndSecContext(this.ids[role], SECURITY_LOCAL_USERID_CHANGE);
  }
}
