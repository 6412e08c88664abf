import { newPassword, type PasswordBox, ROLES, scramVerifier, type Access } from './credentials';

/** An environment's two passwords, sealed with the store's key. */
export interface SealedCredentials {
  readWrite: string;
  readOnly: string;
}

export type AccessMode = 'read-write' | 'read-only';

/**
 * The environments' passwords: made here, kept sealed in an engine's catalog, checked by the
 * front door against SCRAM verifiers derived from them (once per password, then kept in
 * memory). Databases hold no passwords at all: they trust the front door on a private socket,
 * so a session that runs ALTER ROLE … PASSWORD changes nothing about who gets in.
 */
export class EnvironmentKeys {
  private readonly verifiers = new Map<string, string>();

  constructor(private readonly passwords: PasswordBox) {}

  /** The verifier for one role of the record (a random salt, fixed for this process). */
  verifier(record: { credentials: SealedCredentials }, access: AccessMode): string {
    const sealed = record.credentials[keyOf(access)];
    let verifier = this.verifiers.get(sealed);
    if (!verifier) {
      verifier = scramVerifier(this.passwords.open(sealed));
      this.verifiers.set(sealed, verifier);
    }
    return verifier;
  }

  /** Fresh passwords (a new environment, a clone, a rotation). */
  freshCredentials(): SealedCredentials {
    return { readWrite: this.passwords.seal(newPassword()), readOnly: this.passwords.seal(newPassword()) };
  }

  reveal(record: { credentials: SealedCredentials }, access: AccessMode): { user: string; password: string } {
    const key = keyOf(access);
    return { user: ROLES[key], password: this.passwords.open(record.credentials[key]) };
  }
}

function keyOf(access: AccessMode): Access {
  return access === 'read-only' ? 'readOnly' : 'readWrite';
}
