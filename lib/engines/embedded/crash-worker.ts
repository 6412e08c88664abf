/**
 * The crash test's workload (run as its own process, killed with SIGKILL at random moments):
 * opens the embedded engine on the store given as the first argument and runs random
 * operations forever, starting from the state in the JSON file given as the second. Before
 * each operation it writes `B <operation>` to stdout, after it returned `D`, synchronously,
 * so the parent knows what surely happened. It waits for a line on stdin before reading the
 * state and opening the store, so it can load its modules while the parent still checks the store.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import type { EmbeddedEngine } from './engine';
import { applyOperation, type CrashOperation, type ModelState } from './crash-model';
import { openEmbeddedEngine } from './index';

const [dataDir, stateFile] = process.argv.slice(2);
if (!dataDir || !stateFile) throw new Error('usage: crash-worker.ts STORE_DIR STATE_FILE');

/** Synchronous, so a line is in the pipe before the next step starts, whenever the kill comes. */
function report(line: string): void {
  fs.writeSync(1, `${line}\n`);
}

const random = (below: number) => Math.floor(Math.random() * below);
const pick = <T>(items: readonly T[]): T | undefined => items[random(items.length)];

/** The next operation, chosen from the current state; inserts are the common case. */
function chooseOperation(state: ModelState): CrashOperation {
  const take = () => state.nextId++;
  const databases = Object.keys(state.databases);
  const snapshots = Object.keys(state.snapshots);
  const database = pick(databases);
  const roll = Math.random();
  if (!database) return { op: 'createDatabase', database: `d${take()}` };
  const tables = Object.keys(state.databases[database]!);
  const table = pick(tables);
  if (roll < 0.45 && table) return { op: 'insert', database, table, seqs: Array.from({ length: 1 + random(5) }, take) };
  if (roll < 0.55 && tables.length < 3) return { op: 'createTable', database, table: `t${take()}` };
  if (roll < 0.62 && databases.length < 3) return { op: 'createDatabase', database: `d${take()}` };
  if (roll < 0.7) return { op: 'snapshot', database, snapshot: `s${take()}` };
  const ownSnapshots = snapshots.filter((name) => state.snapshots[name]!.database === database);
  if (roll < 0.78 && databases.length < 4) {
    const snapshot = Math.random() < 0.5 ? pick(ownSnapshots) : undefined;
    return { op: 'clone', source: database, target: `d${take()}`, ...(snapshot ? { snapshot } : {}) };
  }
  if (roll < 0.86 && ownSnapshots.length) return { op: 'restore', database, snapshot: pick(ownSnapshots)! };
  if (roll < 0.93 && snapshots.length) return { op: 'dropSnapshot', snapshot: pick(snapshots)! };
  if (databases.length > 2) return { op: 'drop', database };
  return { op: 'snapshot', database, snapshot: `s${take()}` };
}

async function perform(engine: EmbeddedEngine, operation: CrashOperation): Promise<void> {
  switch (operation.op) {
    case 'createDatabase':
      return void (await engine.createDatabase(operation.database));
    case 'createTable':
      return void (await engine.query(operation.database, `CREATE TABLE ${operation.table} (seq INT PRIMARY KEY, payload TEXT)`));
    case 'insert': {
      const values = operation.seqs.map((seq) => `(${seq}, repeat('p', ${200 + random(2000)}))`).join(', ');
      return void (await engine.query(operation.database, `INSERT INTO ${operation.table} VALUES ${values}`));
    }
    case 'snapshot':
      return void (await engine.createSnapshot(operation.snapshot, { level: 'database', database: operation.database }));
    case 'clone': {
      const from = operation.snapshot ? { kind: 'snapshot' as const, snapshot: operation.snapshot } : { kind: 'now' as const };
      return void (await engine.cloneDatabase({ source: operation.source, target: operation.target, from }));
    }
    case 'drop':
      return void (await engine.dropDatabase(operation.database));
    case 'restore':
      return void (await engine.restoreDatabase(operation.database, operation.snapshot));
    case 'dropSnapshot':
      return void (await engine.dropSnapshot(operation.snapshot));
  }
}

async function main(): Promise<void> {
  const go = await readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]().next();
  // stdin closed without a word: the parent is gone, so the store is not ours to touch.
  if (go.done) process.exit(0);
  let state = JSON.parse(fs.readFileSync(stateFile!, 'utf8')) as ModelState;
  // A small chain depth, so compaction runs (and gets killed) often.
  const engine = await openEmbeddedEngine({ dataDir: dataDir!, idleMs: 600_000, maxChainDepth: 3 });
  report('R');
  for (;;) {
    const operation = chooseOperation(state);
    report(`B ${JSON.stringify(operation)}`);
    await perform(engine, operation);
    report('D');
    state = applyOperation(state, operation);
  }
}

await main();
