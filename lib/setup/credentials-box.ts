import crypto from 'node:crypto';

// No 0/o, 1/l/i: demo passwords get read off a terminal and typed by hand.
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const PASSWORD_GROUPS = 4;
const GROUP_LENGTH = 4;

/** A random password like `k7pq-x2mz-9hwd-4tcn` (~78 bits). */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let group = 0; group < PASSWORD_GROUPS; group++) {
    let text = '';
    for (let index = 0; index < GROUP_LENGTH; index++) text += PASSWORD_ALPHABET[crypto.randomInt(PASSWORD_ALPHABET.length)];
    groups.push(text);
  }
  return groups.join('-');
}

export interface CredentialsRow {
  email: string;
  role: string;
  password: string;
}

/** The one-time announcement of the demo accounts, framed so it stands out in a log. */
export function formatCredentialsBox(title: string[], rows: CredentialsRow[]): string {
  const emailWidth = Math.max(...rows.map((row) => row.email.length), 'Email'.length);
  const roleWidth = Math.max(...rows.map((row) => row.role.length), 'Role'.length);
  const table = [
    `${'Email'.padEnd(emailWidth)}  ${'Role'.padEnd(roleWidth)}  Password`,
    ...rows.map((row) => `${row.email.padEnd(emailWidth)}  ${row.role.padEnd(roleWidth)}  ${row.password}`),
  ];
  const body = [...title, '', ...table];
  const width = Math.max(...body.map((line) => line.length));
  const frame = '─'.repeat(width + 2);
  return [`┌${frame}┐`, ...body.map((line) => `│ ${line.padEnd(width)} │`), `└${frame}┘`].join('\n');
}
