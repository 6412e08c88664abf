import { quotePgIdent } from '../names';
import { ROLES } from '../front-door/credentials';

/**
 * The statements that make a copied cluster into an environment's server. Names come
 * validated (assertName) and are quoted; passwords arrive as SCRAM verifiers only.
 */

/** In the `postgres` database of a fresh template copy: the environment's database, owned by its role. */
export const createDatabaseSql = (database: string) => `CREATE DATABASE ${quotePgIdent(database)} OWNER ${ROLES.readWrite}`;

/** In the new database: its schema belongs to the environment's role; nobody else connects. */
export const ownDatabaseSql = (database: string) => `
ALTER SCHEMA public OWNER TO ${ROLES.readWrite};
REVOKE ALL ON DATABASE ${quotePgIdent(database)} FROM PUBLIC;
GRANT CONNECT ON DATABASE ${quotePgIdent(database)} TO ${ROLES.readOnly};
`;

/** A copy of another environment's server carries that environment's database name. */
export const renameDatabaseSql = (from: string, to: string) => `ALTER DATABASE ${quotePgIdent(from)} RENAME TO ${quotePgIdent(to)}`;

/** The client roles as the engine defines them, undoing whatever a session altered. */
export const RESET_ROLES_SQL = `
ALTER ROLE ${ROLES.readWrite} PASSWORD NULL NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT -1 VALID UNTIL 'infinity';
ALTER ROLE ${ROLES.readOnly} PASSWORD NULL NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT -1 VALID UNTIL 'infinity';
DELETE FROM pg_db_role_setting WHERE setrole IN (SELECT oid FROM pg_roles WHERE rolname IN ('${ROLES.readWrite}', '${ROLES.readOnly}'));
ALTER ROLE ${ROLES.readOnly} SET default_transaction_read_only = on;
`;

/** After a bulk load: hint bits set and rows frozen now, so reads on clones write nothing. */
export const SETTLE_SQL = 'VACUUM (FREEZE, ANALYZE)';
