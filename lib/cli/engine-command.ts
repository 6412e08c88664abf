import fs from 'node:fs';
import { notFound, validation } from '@/lib/errors';
import { defaultDataDir } from '@/lib/engines/registry';
import type { EmbeddedEngine } from '@/lib/engines/embedded';
import type { EngineOperation } from '@/lib/engines/types';
import { parseArgs, type ParsedArgs, rejectExtraPositionals, requirePositional } from './args';
import { urlWithPassword } from '@/lib/engines/front-door/credentials';
import { EXIT } from './exit-codes';
import type { CliCommand, CliIO } from './io';
import { printList, printQuery, printUsage } from './engine-output';

const USAGE = `Usage: clonedeck engine <command> [--data-dir DIR] [--json]

  create NAME [--from-sql FILE]       a new database (optionally loaded from a SQL file)
  sql NAME "SQL" [--read-only]        run SQL in a database and print the rows
  snapshot NAME SNAPSHOT              freeze the database's current state under a name
  clone SOURCE TARGET [--snapshot S]  a copy-on-write clone, of now or of a snapshot
  restore NAME --snapshot S           put the database back to a snapshot, in place
  drop NAME                           drop a database (frees what nothing else holds)
  drop-snapshot SNAPSHOT              drop a snapshot (clones standing on it keep its data)
  url NAME [--read-only]              the database's connection string, password included (the
                                      front door at CLONEDECK_ENGINE_LISTEN, where serve listens)
  list                                databases and snapshots
  usage                               logical, own and shared bytes; physical bytes on disk
  serve [--quiet] [--service-dir DIR] the engine service: owns the store, serves each database to its
                                      clients (URLs printed unless --quiet) and dashboards on its
                                      control socket ($CLONEDECK_ENGINE_SERVICE, else
                                      $CLONEDECK_HOME/engine-service); Ctrl+C stops
  exec "STATEMENTS"                   run the engine's own statements, as "Show SQL" prints them
                                      (CREATE SNAPSHOT s FOR DATABASE d; CREATE DATABASE c CLONE d …)

The store defaults to $CLONEDECK_DATA_DIR, else $CLONEDECK_HOME/engine (.clonedeck/engine). One process owns a store at a time.`;

type Handler = (engine: EmbeddedEngine, args: ParsedArgs, io: CliIO, json: boolean) => Promise<number>;

const HANDLERS: Record<string, { arity: number; handler: Handler }> = {
  create: { arity: 1, handler: createCommand },
  sql: { arity: 2, handler: sqlCommand },
  snapshot: { arity: 2, handler: snapshotCommand },
  clone: { arity: 2, handler: cloneCommand },
  restore: { arity: 1, handler: restoreCommand },
  drop: { arity: 1, handler: dropCommand },
  'drop-snapshot': { arity: 1, handler: dropSnapshotCommand },
  url: { arity: 1, handler: urlCommand },
  list: { arity: 0, handler: async (engine, _args, io, json) => printList(engine, io, json) },
  usage: { arity: 0, handler: async (engine, _args, io, json) => printUsage(await engine.usage(), io, json) },
  exec: { arity: 1, handler: execCommand },
};

export const runEngineCommand: CliCommand = async (argv, io) => {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    io.out(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === 'serve') return (await import('./service-command')).runServiceCommand(rest, io);
  const command = HANDLERS[name];
  if (!command) throw validation(`Unknown engine command "${name}". Run "clonedeck engine help".`);
  const args = parseArgs(rest, { flags: ['json', 'read-only'], options: ['data-dir', 'from-sql', 'snapshot'] });
  rejectExtraPositionals(args, command.arity);
  for (let index = 0; index < command.arity; index++) requirePositional(args, index, 'argument');
  const { openEmbeddedEngine } = await import('@/lib/engines/embedded');
  const engine = await openEmbeddedEngine({ dataDir: args.options.get('data-dir') ?? defaultDataDir(), door: false });
  try {
    return await command.handler(engine, args, io, args.flags.has('json'));
  } finally {
    await engine.close();
  }
};

function done(io: CliIO, json: boolean, document: object, text: string): number {
  io.out(json ? JSON.stringify({ ok: true, ...document }) : text);
  return EXIT.ok;
}

async function urlCommand(engine: EmbeddedEngine, args: ParsedArgs, io: CliIO, json: boolean) {
  const name = args.positionals[0]!;
  const access = args.flags.has('read-only') ? 'read-only' : 'read-write';
  const info = await engine.connectionInfo(name);
  const url = urlWithPassword(info.url, await engine.abilities.credentials!.reveal(name, access));
  return done(io, json, { database: name, access, url }, url);
}

async function createCommand(engine: EmbeddedEngine, args: ParsedArgs, io: CliIO, json: boolean) {
  const name = args.positionals[0]!;
  const file = args.options.get('from-sql');
  if (file && !fs.existsSync(file)) throw notFound(`SQL file ${file} does not exist.`);
  const initialSql = file ? fs.readFileSync(file, 'utf8') : undefined;
  const database = await engine.createDatabase(name, { initialSql });
  return done(io, json, { database }, `created database ${name}${file ? ` from ${file}` : ''}`);
}

async function sqlCommand(engine: EmbeddedEngine, args: ParsedArgs, io: CliIO, json: boolean) {
  const [name, sql] = args.positionals as [string, string];
  const result = await engine.query(name, sql, { readOnly: args.flags.has('read-only'), maxRows: 10_000 });
  return printQuery(result, io, json);
}

async function snapshotCommand(engine: EmbeddedEngine, args: ParsedArgs, io: CliIO, json: boolean) {
  const [database, snapshot] = args.positionals as [string, string];
  const info = await engine.createSnapshot(snapshot, { level: 'database', database });
  return done(io, json, { snapshot: info }, `snapshot ${snapshot} of ${database} created`);
}

async function cloneCommand(engine: EmbeddedEngine, args: ParsedArgs, io: CliIO, json: boolean) {
  const [source, target] = args.positionals as [string, string];
  const snapshot = args.options.get('snapshot');
  const database = await engine.cloneDatabase({
    source,
    target,
    from: snapshot ? { kind: 'snapshot', snapshot } : { kind: 'now' },
  });
  return done(io, json, { database }, `cloned ${source}${snapshot ? ` at snapshot ${snapshot}` : ''} into ${target}`);
}

async function restoreCommand(engine: EmbeddedEngine, args: ParsedArgs, io: CliIO, json: boolean) {
  const database = args.positionals[0]!;
  const snapshot = args.options.get('snapshot');
  if (!snapshot) throw validation('restore needs --snapshot SNAPSHOT.');
  await engine.restoreDatabase(database, snapshot);
  return done(io, json, { database, snapshot }, `restored ${database} to snapshot ${snapshot}`);
}

async function dropCommand(engine: EmbeddedEngine, args: ParsedArgs, io: CliIO, json: boolean) {
  const database = args.positionals[0]!;
  const result = await engine.dropDatabase(database);
  return done(io, json, { database, ...result }, `dropped ${database}, freed ${result.freedBytes} bytes`);
}

async function dropSnapshotCommand(engine: EmbeddedEngine, args: ParsedArgs, io: CliIO, json: boolean) {
  const snapshot = args.positionals[0]!;
  const result = await engine.dropSnapshot(snapshot);
  const pinned = result.pinnedBy.length ? `; its data stays for ${result.pinnedBy.join(', ')}` : '';
  return done(io, json, { snapshot, ...result }, `dropped snapshot ${snapshot}, freed ${result.freedBytes} bytes${pinned}`);
}

/** Runs statements of the engine's own dialect, one at a time, stopping at the first failure. */
async function execCommand(engine: EmbeddedEngine, args: ParsedArgs, io: CliIO, json: boolean) {
  const { parseStatements } = await import('@/lib/engines/embedded/statements');
  const operations = parseStatements(args.positionals[0]!);
  const done: string[] = [];
  const { executeEngineOperation } = await import('@/lib/engines/execute');
  for (const operation of operations) {
    await executeEngineOperation(engine, operation);
    done.push(doneLine(operation));
  }
  if (json) io.out(JSON.stringify({ ok: true, done }));
  else for (const line of done) io.out(line);
  return EXIT.ok;
}

/** A line saying what was done, in the statement's own words. */
function doneLine(operation: EngineOperation): string {
  switch (operation.kind) {
    case 'createDatabase':
      return `created database ${operation.database}`;
    case 'cloneDatabase':
      return `cloned ${operation.request.source} into ${operation.request.target}`;
    case 'createSnapshot':
      return `snapshot ${operation.snapshot} created`;
    case 'restoreDatabase':
      return `restored ${operation.database} to snapshot ${operation.snapshot}`;
    case 'dropDatabase':
      return `dropped ${operation.database}`;
    case 'dropSnapshot':
      return `dropped snapshot ${operation.snapshot}`;
    default:
      return `${operation.kind} done`;
  }
}
