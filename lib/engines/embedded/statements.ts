import { validation } from '@/lib/errors';
import { assertName } from '../names';
import type { EngineOperation } from '../types';

type Token = { kind: 'word' | 'ident' | 'string' | 'symbol'; text: string };

/**
 * Parses the embedded engine's own statements — exactly what `embeddedDialect.describe`
 * prints, so "Show SQL" output can be pasted into `clonedeck engine exec`:
 *   CREATE DATABASE d;   CREATE DATABASE d CLONE s [{SNAPSHOT = 'x'}];
 *   CREATE SNAPSHOT x FOR DATABASE d;   RESTORE DATABASE d {SNAPSHOT = 'x'};
 *   DROP DATABASE d;   DROP SNAPSHOT x;   CHECKPOINT; (a no-op: the engine checkpoints itself)
 * Comments (-- …) are ignored. Names are validated like everywhere else.
 */
export function parseStatements(script: string): EngineOperation[] {
  const statements = splitStatements(tokenize(script));
  return statements.flatMap((tokens) => {
    const operation = parseStatement(tokens);
    return operation ? [operation] : [];
  });
}

function parseStatement(tokens: Token[]): EngineOperation | null {
  const reader = new Reader(tokens);
  const verb = reader.word();
  if (verb === 'CHECKPOINT') return reader.end(null);
  const noun = reader.word();
  if (verb === 'CREATE' && noun === 'SNAPSHOT') {
    const snapshot = reader.name('snapshot');
    reader.expectWords('FOR', 'DATABASE');
    return reader.end({ kind: 'createSnapshot', snapshot, target: { level: 'database', database: reader.name('database') } });
  }
  if (verb === 'CREATE' && noun === 'DATABASE') {
    const target = reader.name('database');
    if (reader.atEnd()) return { kind: 'createDatabase', database: target };
    reader.expectWords('CLONE');
    const source = reader.name('database');
    const snapshot = reader.atEnd() ? null : reader.snapshotHint();
    const from = snapshot ? { kind: 'snapshot' as const, snapshot } : { kind: 'now' as const };
    return reader.end({ kind: 'cloneDatabase', request: { source, target, from } });
  }
  if (verb === 'RESTORE' && noun === 'DATABASE') {
    const database = reader.name('database');
    return reader.end({ kind: 'restoreDatabase', database, snapshot: reader.snapshotHint() });
  }
  if (verb === 'DROP' && noun === 'DATABASE') return reader.end({ kind: 'dropDatabase', database: reader.name('database') });
  if (verb === 'DROP' && noun === 'SNAPSHOT') return reader.end({ kind: 'dropSnapshot', snapshot: reader.name('snapshot') });
  throw validation(`Unknown statement "${tokens.map((token) => token.text).join(' ')}".`);
}

class Reader {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  atEnd(): boolean {
    return this.at >= this.tokens.length;
  }

  end<T>(value: T): T {
    if (!this.atEnd()) throw validation(`Unexpected "${this.tokens[this.at]!.text}".`);
    return value;
  }

  word(): string {
    const token = this.next('a keyword');
    if (token.kind !== 'word') throw validation(`Expected a keyword, found "${token.text}".`);
    return token.text.toUpperCase();
  }

  expectWords(...words: string[]): void {
    for (const word of words) if (this.word() !== word) throw validation(`Expected ${word}.`);
  }

  name(kind: 'database' | 'snapshot'): string {
    const token = this.next(`a ${kind} name`);
    if (token.kind !== 'word' && token.kind !== 'ident') throw validation(`Expected a ${kind} name, found "${token.text}".`);
    assertName(kind, token.text);
    return token.text;
  }

  /** `{SNAPSHOT = 'name'}`, as MatrixOne writes it. */
  snapshotHint(): string {
    this.symbol('{');
    if (this.word() !== 'SNAPSHOT') throw validation('Expected SNAPSHOT.');
    this.symbol('=');
    const token = this.next('a snapshot name');
    if (token.kind !== 'string') throw validation("Expected the snapshot name as a string, e.g. 'before_upgrade'.");
    assertName('snapshot', token.text);
    this.symbol('}');
    return token.text;
  }

  private symbol(text: string): void {
    const token = this.next(`"${text}"`);
    if (token.kind !== 'symbol' || token.text !== text) throw validation(`Expected "${text}", found "${token.text}".`);
  }

  private next(what: string): Token {
    const token = this.tokens[this.at++];
    if (!token) throw validation(`Expected ${what} at the end of the statement.`);
    return token;
  }
}

function tokenize(script: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|--[^\n]*|"((?:[^"]|"")*)"|'((?:[^']|'')*)'|([A-Za-z_][A-Za-z0-9_]*)|([{}=;])|(.)/gy;
  for (const match of script.matchAll(pattern)) {
    const [, quoted, string, word, symbol, stray] = match;
    if (quoted !== undefined) tokens.push({ kind: 'ident', text: quoted.replace(/""/g, '"') });
    else if (string !== undefined) tokens.push({ kind: 'string', text: string.replace(/''/g, "'") });
    else if (word !== undefined) tokens.push({ kind: 'word', text: word });
    else if (symbol !== undefined) tokens.push({ kind: 'symbol', text: symbol });
    else if (stray !== undefined) throw validation(`Unexpected character "${stray}".`);
  }
  return tokens;
}

function splitStatements(tokens: Token[]): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'symbol' && token.text === ';') statements.push([]);
    else statements[statements.length - 1]!.push(token);
  }
  return statements.filter((statement) => statement.length > 0);
}
