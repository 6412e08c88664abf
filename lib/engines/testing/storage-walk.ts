import fs from 'node:fs';
import path from 'node:path';
import type { Engine } from '../types';
import type { SeededRandom } from '../embedded/store/testing/temp-dir';

/**
 * A seeded random walk of clone / snapshot / write / restore / drop over one engine, for the
 * storage property tests: before every drop it reads the engine's frees-if-dropped figure
 * for the object, measures the store on disk, drops, measures again, and records both. The
 * walk only changes objects it created; the base database is cloned from, never written.
 */
export interface DropCheck {
  step: number;
  what: string;
  predictedBytes: number;
  freedBytes: number;
}

export interface WalkOptions {
  engine: Engine;
  random: SeededRandom;
  base: string;
  prefix: string;
  steps: number;
  /** The store's bytes on disk, measured independently of the engine's own figures. */
  measure: () => number | Promise<number>;
  /**
   * Before each prediction: brings the store to rest, so nothing but the drop changes it
   * between the two measures (a running PostgreSQL server makes or removes a 16 MB WAL
   * segment on its own schedule; an embedded worker following a compaction lets go of the
   * merged layers when it answers).
   */
  settle?: () => Promise<void>;
  log: (line: string) => void;
}

/** The base's rows: 2 000 of ~330 bytes (a few hundred KiB of heap and index). */
export const BASE_SQL = `CREATE TABLE items (id INT PRIMARY KEY, payload TEXT NOT NULL);
INSERT INTO items SELECT g, repeat(md5(g::text), 10) FROM generate_series(1, 2000) g;`;

interface WalkState {
  environments: string[];
  /** Snapshot name → the database it was taken of. */
  snapshots: Map<string, string>;
  counter: number;
}

type Step = (options: WalkOptions, state: WalkState, checks: DropCheck[], step: number) => Promise<void>;

const MAX_ENVIRONMENTS = 5;

export async function runStorageWalk(options: WalkOptions): Promise<DropCheck[]> {
  const state: WalkState = { environments: [], snapshots: new Map(), counter: 0 };
  const checks: DropCheck[] = [];
  for (let step = 0; step < options.steps; step++) await pickStep(options.random, state)(options, state, checks, step);
  return checks;
}

/** Drops every environment (with its snapshots) and then every snapshot left, checking each drop. */
export async function dropEverything(options: WalkOptions, checks: DropCheck[]): Promise<void> {
  const state = await stateOf(options);
  for (const database of [...state.environments]) await dropEnvironment(options, state, checks, -1, database);
  for (const snapshot of [...state.snapshots.keys()]) await dropSnapshot(options, state, checks, -1, snapshot);
}

function pickStep(random: SeededRandom, state: WalkState): Step {
  const have = state.environments.length;
  const choices: Array<[number, Step]> = [
    [have < MAX_ENVIRONMENTS ? 3 : 0, clone],
    [have ? 5 : 0, write],
    [have ? 3 : 0, snapshot],
    [restorable(state).length ? 2 : 0, restore],
    [state.snapshots.size ? 2 : 0, (options, current, checks, step) => dropSnapshot(options, current, checks, step)],
    [have ? 2 : 0, (options, current, checks, step) => dropEnvironment(options, current, checks, step)],
  ];
  let roll = random.next() * choices.reduce((sum, [weight]) => sum + weight, 0);
  for (const [weight, step] of choices) if ((roll -= weight) < 0) return step;
  return clone;
}

const clone: Step = async ({ engine, random, base, prefix, log }, state, _checks, step) => {
  const target = `${prefix}e${state.counter++}`;
  const sources = ['base', ...(state.environments.length ? ['environment'] : []), ...(state.snapshots.size ? ['snapshot'] : [])];
  const kind = random.pick(sources);
  if (kind === 'snapshot') {
    const snapshot = random.pick([...state.snapshots.keys()]);
    const source = state.snapshots.get(snapshot)!;
    log(`${step}: clone ${target} from snapshot ${snapshot}`);
    await engine.cloneDatabase({ source, target, from: { kind: 'snapshot', snapshot } });
  } else {
    const source = kind === 'base' ? base : random.pick(state.environments);
    log(`${step}: clone ${target} from ${source}`);
    await engine.cloneDatabase({ source, target, from: { kind: 'now' } });
  }
  state.environments.push(target);
};

const write: Step = async ({ engine, random, log }, state, _checks, step) => {
  const database = random.pick(state.environments);
  const [modulus, remainder] = [random.pick([2, 5, 50]), random.int(2)];
  const statements = [
    `INSERT INTO items SELECT m + g, repeat(md5((m + g)::text), 10) FROM (SELECT coalesce(max(id), 0) AS m FROM items) AS top, generate_series(1, ${50 + random.int(1500)}) g`,
    `UPDATE items SET payload = repeat(md5((id + ${step})::text), 10) WHERE id % ${modulus} = ${remainder}`,
    `DELETE FROM items WHERE id % ${modulus} = ${remainder}`,
  ];
  const sql = random.pick(statements);
  log(`${step}: write ${database}: ${sql.slice(0, 60)}…`);
  await engine.query(database, sql);
};

const snapshot: Step = async ({ engine, random, prefix, log }, state, _checks, step) => {
  const database = random.pick(state.environments);
  const name = `${prefix}s${state.counter++}`;
  log(`${step}: snapshot ${name} of ${database}`);
  await engine.createSnapshot(name, { level: 'database', database });
  state.snapshots.set(name, database);
};

const restorable = (state: WalkState) => [...state.snapshots].filter(([, database]) => state.environments.includes(database));

const restore: Step = async ({ engine, random, log }, state, _checks, step) => {
  const [snapshotName, database] = random.pick(restorable(state));
  log(`${step}: restore ${database} to ${snapshotName}`);
  const ability = engine.abilities.restore;
  if (ability?.mode !== 'in-place') throw new Error(`${engine.kind} cannot restore in place`);
  await ability.restoreDatabase(database, snapshotName);
};

/** Drops a snapshot alone: its frees-if-dropped against the bytes that left the disk. */
async function dropSnapshot(options: WalkOptions, state: WalkState, checks: DropCheck[], step: number, chosen?: string): Promise<void> {
  const name = chosen ?? options.random.pick([...state.snapshots.keys()]);
  await options.settle?.();
  const usage = await options.engine.usage();
  const predictedBytes = usage.snapshots.find((entry) => entry.snapshot === name)?.freedIfDroppedBytes;
  if (predictedBytes == null) throw new Error(`${options.engine.kind} predicts nothing for snapshot ${name}`);
  const before = await options.measure();
  await options.engine.dropSnapshot(name);
  state.snapshots.delete(name);
  record(options, checks, { step, what: `drop snapshot ${name}`, predictedBytes, freedBytes: before - (await options.measure()) });
}

/** Drops an environment as the product does, with its snapshots: its frees-if-dropped against the bytes freed. */
async function dropEnvironment(options: WalkOptions, state: WalkState, checks: DropCheck[], step: number, chosen?: string) {
  const name = chosen ?? options.random.pick(state.environments);
  await options.settle?.();
  const usage = await options.engine.usage();
  const predictedBytes = usage.databases.find((entry) => entry.database === name)?.freedIfDroppedBytes;
  if (predictedBytes == null) throw new Error(`${options.engine.kind} predicts nothing for database ${name}`);
  const before = await options.measure();
  await options.engine.dropDatabase(name);
  const own = [...state.snapshots].filter(([, database]) => database === name).map(([snapshotName]) => snapshotName);
  for (const snapshotName of own) {
    await options.engine.dropSnapshot(snapshotName);
    state.snapshots.delete(snapshotName);
  }
  state.environments = state.environments.filter((environment) => environment !== name);
  const what = `drop environment ${name}${own.length ? ` with ${own.join(', ')}` : ''}`;
  record(options, checks, { step, what, predictedBytes, freedBytes: before - (await options.measure()) });
}

function record(options: WalkOptions, checks: DropCheck[], check: DropCheck): void {
  checks.push(check);
  options.log(`${check.step}: ${check.what}: predicted ${check.predictedBytes}, freed ${check.freedBytes}`);
}

/** The walk's objects as the engine lists them (for the final clean-up, whatever the walk left). */
async function stateOf({ engine, prefix }: WalkOptions): Promise<WalkState> {
  const environments = (await engine.listDatabases()).map((database) => database.name).filter((name) => name.startsWith(prefix));
  const snapshots = new Map(
    (await engine.listSnapshots()).filter((entry) => entry.name.startsWith(prefix)).map((entry) => [entry.name, entry.database ?? '']),
  );
  return { environments, snapshots, counter: 0 };
}

/**
 * What a store occupies on disk, measured beside the engine rather than asked of it: the
 * sum of the sizes of every file under `dir` (layer files are written densely, never sparse,
 * so their size is what they hold; a leaked file the engine forgot counts too).
 */
export function bytesOnDisk(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    total += fs.statSync(path.join(entry.parentPath, entry.name), { throwIfNoEntry: false })?.size ?? 0;
  }
  return total;
}
