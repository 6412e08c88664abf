import type { DatabaseRecord } from './catalog';
import { newPassword, type PasswordBox, ROLES, scramVerifier, type Access } from './credentials';
import type { PgServer } from './server';
import { setVerifierSql } from './setup-sql';

/**
 * The environments' passwords: made here, kept sealed in the catalog, and installed in each
 * server as SCRAM verifiers — after every copy (a clone must not keep its source's, a restore
 * must keep its own) and on rotation.
 */
export class EnvironmentKeys {
  constructor(private readonly passwords: PasswordBox) {}

  /** Fresh credentials for a new environment (a creation, a clone, a rotation). */
  fresh(origin?: DatabaseRecord['origin']): DatabaseRecord {
    const seal = () => this.passwords.seal(newPassword());
    return { createdAt: new Date().toISOString(), origin, credentials: { readWrite: seal(), readOnly: seal() } };
  }

  reveal(record: DatabaseRecord, access: 'read-write' | 'read-only'): { user: string; password: string } {
    const key: Access = access === 'read-only' ? 'readOnly' : 'readWrite';
    return { user: ROLES[key], password: this.passwords.open(record.credentials[key]) };
  }

  /** Makes the server accept exactly the record's passwords for both roles. */
  async install(server: PgServer, record: DatabaseRecord): Promise<void> {
    const statements = (['readWrite', 'readOnly'] as const).map((key) =>
      setVerifierSql(ROLES[key], scramVerifier(this.passwords.open(record.credentials[key]))),
    );
    await server.asSuperuser('postgres', (client) => client.query(statements.join(';\n')));
  }
}
