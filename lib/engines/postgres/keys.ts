import type { DatabaseRecord } from './catalog';
import { EnvironmentKeys as CredentialKeys } from '../front-door/environment-keys';
import type { PgServer } from './server';
import { RESET_ROLES_SQL } from './setup-sql';

/** The PostgreSQL engine's keys: records carry when and where from they were made. */
export class EnvironmentKeys extends CredentialKeys {
  /** Fresh credentials for a new environment (a creation, a clone, a rotation). */
  fresh(origin?: DatabaseRecord['origin']): DatabaseRecord {
    return { createdAt: new Date().toISOString(), origin, credentials: this.freshCredentials() };
  }
}

/**
 * The client roles as the engine defines them, whatever a session did to them (a role may
 * ALTER its own password and settings): no password, no settings but read-only for the
 * read-only role. Run at every server start, so nothing planted survives a restart or reaches
 * a clone.
 */
export async function resetClientRoles(server: PgServer): Promise<void> {
  await server.asSuperuser('postgres', (client) => client.query(RESET_ROLES_SQL));
}
