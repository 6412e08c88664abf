import type { DatabaseRecord } from './catalog';
import { newPassword, type PasswordBox, ROLES, scramVerifier, type Access } from '../front-door/credentials';
import type { PgServer } from './server';
import { RESET_ROLES_SQL } from './setup-sql';

/**
 * The environments' passwords: made here, kept sealed in the catalog, checked by the front door
 * against SCRAM verifiers derived from them (once per password, then kept in memory). The
 * servers hold no passwords at all: they trust the front door and the engine on their private
 * socket, so a session that runs ALTER ROLE … PASSWORD changes nothing about who gets in.
 */
export class EnvironmentKeys {
  private readonly verifiers = new Map<string, string>();

  constructor(private readonly passwords: PasswordBox) {}

  /** The verifier for one role of the record (a random salt, fixed for this process). */
  verifier(record: DatabaseRecord, access: 'read-write' | 'read-only'): string {
    const sealed = record.credentials[access === 'read-only' ? 'readOnly' : 'readWrite'];
    let verifier = this.verifiers.get(sealed);
    if (!verifier) {
      verifier = scramVerifier(this.passwords.open(sealed));
      this.verifiers.set(sealed, verifier);
    }
    return verifier;
  }

  /** Fresh credentials for a new environment (a creation, a clone, a rotation). */
  fresh(origin?: DatabaseRecord['origin']): DatabaseRecord {
    const seal = () => this.passwords.seal(newPassword());
    return { createdAt: new Date().toISOString(), origin, credentials: { readWrite: seal(), readOnly: seal() } };
  }

  reveal(record: DatabaseRecord, access: 'read-write' | 'read-only'): { user: string; password: string } {
    const key: Access = access === 'read-only' ? 'readOnly' : 'readWrite';
    return { user: ROLES[key], password: this.passwords.open(record.credentials[key]) };
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
