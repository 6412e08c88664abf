import { validation } from '@/lib/errors';
import { newPassword, type PasswordBox, ROLES, scramVerifier, unmatchableVerifier, type Access } from './credentials';

/** An environment's two passwords, sealed with the store's key. */
export interface SealedCredentials {
  readWrite: string;
  readOnly: string;
  /**
   * PostgreSQL's VALID UNTIL, for both roles: the instant (ISO 8601) from which neither
   * password lets anyone in. Absent: valid with no end.
   */
  validUntil?: string;
}

/** Whether the credentials are past their valid-until instant at `now`; one that cannot be read counts as past. */
export function credentialsExpired(credentials: SealedCredentials, now: Date): boolean {
  if (credentials.validUntil === undefined) return false;
  const until = Date.parse(credentials.validUntil);
  return Number.isNaN(until) || until <= now.getTime();
}

/** What setting the validity does, as the local engines' dialects show it (Show SQL). */
export function validUntilStep(database: string, until: string | null): string {
  const roles = `${ROLES.readWrite} and ${ROLES.readOnly}`;
  if (until === null)
    return `${database}'s roles ${roles} valid with no end in the engine's catalog (as ALTER ROLE … VALID UNTIL 'infinity')`;
  const instant = new Date(until);
  if (Number.isNaN(instant.getTime())) throw validation('The valid-until instant is not a date.');
  return `${database}'s roles ${roles} valid until ${instant.toISOString()} in the engine's catalog (as ALTER ROLE … VALID UNTIL): from then on the front door refuses them as a wrong password`;
}

/** The same passwords, valid until `until` (null: with no end). */
export function withValidUntil(credentials: SealedCredentials, until: Date | null): SealedCredentials {
  const { validUntil: _previous, ...passwords } = credentials;
  if (until === null) return passwords;
  if (!(until instanceof Date) || Number.isNaN(until.getTime())) throw validation('The valid-until instant is not a date.');
  return { ...passwords, validUntil: until.toISOString() };
}

/** Whether two records hold the same passwords and validity (a change that changes nothing is not written). */
export function sameCredentials(a: SealedCredentials, b: SealedCredentials): boolean {
  return a.readWrite === b.readWrite && a.readOnly === b.readOnly && a.validUntil === b.validUntil;
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

  /**
   * What the front door checks a client of `database` against: the role's verifier, or, once
   * the credentials are past their valid-until instant, one with the same salt and iteration
   * count that no password matches. The client then gets exactly the wrong-password refusal
   * (28P01, as PostgreSQL answers a role past its VALID UNTIL) and learns nothing more; the
   * server log says why.
   */
  admission(database: string, record: { credentials: SealedCredentials }, access: AccessMode, now = new Date()): string {
    const verifier = this.verifier(record, access);
    if (!credentialsExpired(record.credentials, now)) return verifier;
    console.warn(
      `[clonedeck] front door: ${ROLES[keyOf(access)]} on ${database} refused: the environment expired (its credentials were valid until ${record.credentials.validUntil})`,
    );
    return unmatchableVerifier(verifier);
  }

  /** Fresh passwords (a new environment, a clone), valid with no end. */
  freshCredentials(): SealedCredentials {
    return { readWrite: this.passwords.seal(newPassword()), readOnly: this.passwords.seal(newPassword()) };
  }

  /** New passwords for a rotation: the validity stays (a rotation does not lengthen an environment's life). */
  rotated(credentials: SealedCredentials): SealedCredentials {
    const fresh = this.freshCredentials();
    return credentials.validUntil === undefined ? fresh : { ...fresh, validUntil: credentials.validUntil };
  }

  reveal(record: { credentials: SealedCredentials }, access: AccessMode): { user: string; password: string } {
    const key = keyOf(access);
    return { user: ROLES[key], password: this.passwords.open(record.credentials[key]) };
  }
}

function keyOf(access: AccessMode): Access {
  return access === 'read-only' ? 'readOnly' : 'readWrite';
}
