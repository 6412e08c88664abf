import { cstring, type Message, readCString } from './frames';

/**
 * What one client owns in the shared backend session: its named prepared statements and
 * portals (renamed with the client's prefix, so two clients' `S_1` never meet) and its session
 * settings. The Parse messages of its statements are kept, so a backend that had to restart
 * (a cancel, a statement timeout) gets them again before the client's next turn.
 */
export class ClientNames {
  /** Renamed statement name → the renamed Parse message that made it. */
  readonly statements = new Map<string, Buffer>();

  constructor(private readonly prefix: string) {}

  /** The SQL of the client's named statement, or null when it has none of that name. */
  statementSql(name: string): string | null {
    const parse = this.statements.get(this.rename(name));
    if (!parse) return null;
    return readCString(parse, readCString(parse, 5)[1])[0];
  }

  private rename(name: string): string {
    return name === '' ? '' : `${this.prefix}${name}`;
  }

  /** The message as the backend must see it (names renamed); notes statements made and closed. */
  translate(message: Message): Buffer {
    const { body } = message;
    switch (message.type) {
      case 'P': {
        const [name, afterName] = readCString(body, 0);
        const renamed = rebuild('P', [this.rename(name)], body.subarray(afterName));
        if (name !== '') this.statements.set(this.rename(name), renamed);
        return renamed;
      }
      case 'B': {
        const [portal, afterPortal] = readCString(body, 0);
        const [statement, afterStatement] = readCString(body, afterPortal);
        return rebuild('B', [this.rename(portal), this.rename(statement)], body.subarray(afterStatement));
      }
      case 'E': {
        const [portal, afterPortal] = readCString(body, 0);
        return rebuild('E', [this.rename(portal)], body.subarray(afterPortal));
      }
      case 'D':
      case 'C': {
        const kind = String.fromCharCode(body[0]!);
        const [name, afterName] = readCString(body, 1);
        if (message.type === 'C' && kind === 'S') this.statements.delete(this.rename(name));
        return rebuild(message.type, [kind, this.rename(name)], body.subarray(afterName), true);
      }
      default:
        return message.raw;
    }
  }
}

function rebuild(type: string, fields: string[], rest: Buffer, firstIsByte = false): Buffer {
  const parts = fields.map((field, index) => (firstIsByte && index === 0 ? Buffer.from(field, 'latin1') : cstring(field)));
  const body = Buffer.concat([...parts, rest]);
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** The SQL a Query or Parse message carries (for the settings and COPY checks), or null. */
export function sqlOf(message: Message): string | null {
  if (message.type === 'Q') return readCString(message.body, 0)[0];
  if (message.type === 'P') return readCString(message.body, readCString(message.body, 0)[1])[0];
  return null;
}

/** SQL that may change session settings: they are read back after the client's turn. */
export function mayChangeSettings(sql: string): boolean {
  return /(^|;)\s*(set|reset)\s/i.test(stripComments(sql)) || /set_config\s*\(/i.test(sql);
}

/** A simple-query COPY … FROM STDIN: its data must reach the backend in the same call as the query. */
export function isCopyFromStdin(sql: string): boolean {
  return /^\s*copy\b[\s\S]*\bfrom\s+stdin\b/i.test(stripComments(sql));
}

function stripComments(sql: string): string {
  return sql.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/--[^\n]*/g, ' ');
}

/** Settings a client may hold but the backend must not run with (PGlite cannot time out a session itself). */
export const VIRTUAL_SETTINGS = new Set(['idle_in_transaction_session_timeout', 'idle_session_timeout', 'transaction_timeout']);

/** Transaction-scoped and identity settings: never carried between turns. */
const NOT_CARRIED = new Set(['transaction_isolation', 'transaction_read_only', 'transaction_deferrable', 'role', 'session_authorization']);

const SETTING_NAME = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/i;

/** Start-up parameters (and `options=-c name=value`) as settings; refuses names that are not setting names. */
export function startupSettings(parameters: ReadonlyMap<string, string>): Map<string, string> {
  const settings = new Map<string, string>();
  for (const [name, value] of parameters) {
    if (['user', 'database', 'replication', 'options'].includes(name) || name.startsWith('_pq_.')) continue;
    settings.set(name, value);
  }
  const options = parameters.get('options') ?? '';
  for (const match of options.matchAll(/(?:-c\s*|--)([^=\s]+)=((?:\\.|[^\s\\])*)/g)) {
    settings.set(match[1]!.replace(/-/g, '_'), match[2]!.replace(/\\(.)/g, '$1'));
  }
  for (const name of settings.keys()) {
    if (!SETTING_NAME.test(name)) throw new Error(`invalid setting name "${name}"`);
  }
  return settings;
}

/** Keeps only settings carried between turns. */
export function carried(settings: Map<string, string>): Map<string, string> {
  return new Map([...settings].filter(([name]) => !NOT_CARRIED.has(name.toLowerCase())));
}

export function settingsKey(settings: Map<string, string>): string {
  return JSON.stringify([...settings].sort(([left], [right]) => left.localeCompare(right)));
}

/** A literal that means the same whatever standard_conforming_strings says. */
export function literal(value: string): string {
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** SQL that takes the backend from `current` settings to `wanted` (the backend must never hold a virtual one). */
export function switchSettingsSql(current: Map<string, string>, wanted: Map<string, string>): string {
  const statements: string[] = [];
  for (const name of current.keys()) if (!wanted.has(name)) statements.push(`RESET ${quoteSetting(name)}`);
  const sets = [...wanted]
    .filter(([name, value]) => current.get(name) !== value && !VIRTUAL_SETTINGS.has(name.toLowerCase()))
    .map(([name, value]) => `set_config(${literal(name)}, ${literal(value)}, false)`);
  if (sets.length) statements.push(`SELECT ${sets.join(', ')}`);
  return statements.join(';');
}

function quoteSetting(name: string): string {
  if (!SETTING_NAME.test(name)) throw new Error(`invalid setting name "${name}"`);
  return name
    .split('.')
    .map((part) => `"${part}"`)
    .join('.');
}
