import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyOperation,
  differenceFrom,
  emptyModel,
  idsIn,
  type ModelState,
  type ObservedState,
  parseReport,
  type Tables,
} from './crash-model';
import type { EmbeddedEngine } from './engine';
import { openEmbeddedEngine } from './index';
import { checkDatabasesAnswer, checkStoreFiles, checkStoreStructure } from './store/integrity';
import { LOCK_FILE } from './store/lock';
import { killHard, spawnTypeScript } from './store/testing/child';
import { makeTempDir } from './store/testing/temp-dir';

/**
 * Crash safety: a worker process runs a random workload on a store and is killed with
 * SIGKILL at random moments; after every kill the store is opened here and must be sound
 * (files and catalog agree, chains well formed, the dead owner's lock taken over), every
 * database must answer, and what it holds must be exactly what the worker's report says
 * was committed (with the one operation in flight either done or not). CRASH_KILLS runs
 * more kills than the 50 of a CI run.
 */
const KILLS = Number(process.env.CRASH_KILLS || 50);
const WORKER = path.join(import.meta.dirname, 'crash-worker.ts');

interface WorkerRun {
  child: ChildProcess;
  output: { text: string; errors: string };
}

/** Starts a worker; it loads its modules and waits for "go" on stdin before it opens the store. */
function startWorker(dataDir: string, stateFile: string): WorkerRun {
  // The engine makes a socket directory under the temp dir; a killed worker cannot remove its own.
  const tmp = path.join(path.dirname(dataDir), 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const child = spawnTypeScript(WORKER, [dataDir, stateFile], { TMPDIR: tmp });
  const output = { text: '', errors: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.text += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output.errors += chunk.toString('utf8')));
  return { child, output };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the worker's output (from `from` on) satisfies `ready`; fails if the worker died on its own (an operation threw). */
function waitForOutput(run: WorkerRun, ready: (text: string) => boolean, limitMs: number, from = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (ready(run.output.text.slice(from))) finish(resolve);
      else if (run.child.exitCode !== null)
        finish(() => reject(new Error(`the worker stopped by itself:\n${run.output.errors.slice(-3000)}`)));
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`no progress from the worker in ${limitMs} ms`))), limitMs);
    const finish = (then: () => void) => {
      clearTimeout(timer);
      run.child.stdout!.off('data', check);
      run.child.off('exit', check);
      then();
    };
    run.child.stdout!.on('data', check);
    run.child.on('exit', check);
    check();
  });
}

const STORE_OPERATION = /^B \{"op":"(createDatabase|snapshot|clone|drop|restore|dropSnapshot)"/m;

/**
 * Lets the worker run, then kills it. Kills at uniformly random moments mostly land while
 * an instance starts (the slowest step), so half of them are aimed instead: a few
 * milliseconds after a store operation (commit, freeze, compaction, GC) began.
 */
async function killAtRandomMoment(run: WorkerRun, kill: number): Promise<void> {
  run.child.stdin!.write('go\n');
  const roll = Math.random();
  if (kill === 1) {
    await waitForOutput(run, (text) => text.includes('B '), 30_000);
    await sleep(500 + Math.random() * 2500);
  } else if (roll < 0.1) {
    await sleep(Math.random() * 400);
  } else {
    await waitForOutput(run, (text) => /^D$/m.test(text), 60_000);
    if (roll < 0.55) await waitForOutput(run, (text) => STORE_OPERATION.test(text), 60_000, run.output.text.length);
    await sleep(roll < 0.55 ? Math.random() * 8 : Math.random() * 1500);
  }
  if (run.child.exitCode !== null) throw new Error(`the worker stopped by itself:\n${run.output.errors.slice(-3000)}`);
  await killHard(run.child);
}

async function observe(engine: EmbeddedEngine): Promise<ObservedState> {
  const observed: ObservedState = { databases: {}, snapshots: {} };
  for (const { name } of await engine.listDatabases()) {
    const tables: Tables = {};
    const list = await engine.query(name, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    for (const [table] of list.rows as string[][]) {
      const rows = await engine.query(name, `SELECT seq FROM ${table} ORDER BY seq`, { maxRows: 1_000_000 });
      tables[table!] = rows.rows.map(([seq]) => Number(seq));
    }
    observed.databases[name] = tables;
  }
  for (const snapshot of await engine.listSnapshots()) observed.snapshots[snapshot.name] = snapshot.database!;
  return observed;
}

/** Opens the store after a kill, checks it, and returns the model state it matched. */
async function checkAfterKill(dataDir: string, candidates: ModelState[], context: string): Promise<ModelState> {
  expect(checkStoreFiles(dataDir).missing, `${context}: referenced layers missing before open`).toEqual([]);
  const engine = await openEmbeddedEngine({ dataDir, idleMs: 600_000 });
  try {
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(lock.pid, `${context}: the dead worker's lock was taken over`).toBe(process.pid);
    expect(checkStoreStructure(engine.store), context).toEqual([]);
    expect(await checkDatabasesAnswer(engine), context).toEqual([]);
    const observed = await observe(engine);
    expect((await engine.usage()).databases.map((usage) => usage.database).sort()).toEqual(Object.keys(observed.databases).sort());
    const differences = candidates.map((candidate) => differenceFrom(candidate, observed));
    const matched = differences.indexOf(null);
    if (matched < 0) throw new Error(`${context}: the store matches no state the report allows:\n${differences.join('\n')}`);
    return candidates[matched]!;
  } finally {
    await engine.close();
  }
}

describe('the embedded engine killed with SIGKILL at random moments', () => {
  it(
    `keeps a sound store and exactly the committed data through ${KILLS} kills`,
    async () => {
      const temp = makeTempDir('crash');
      const dataDir = path.join(temp.dir, 'store');
      const stateFile = path.join(temp.dir, 'state.json');
      let state = emptyModel();
      const landedDuring: Record<string, number> = {};
      let run = startWorker(dataDir, stateFile);
      try {
        for (let kill = 1; kill <= KILLS; kill++) {
          fs.writeFileSync(stateFile, JSON.stringify(state));
          await killAtRandomMoment(run, kill);
          const report = parseReport(run.output.text);
          // The next worker loads its modules while this one's store is checked.
          run = startWorker(dataDir, stateFile);
          const completed = report.done.reduce(applyOperation, state);
          const candidates = report.pending ? [completed, applyOperation(completed, report.pending)] : [completed];
          const operation = report.pending?.op ?? (report.ready ? 'between operations' : 'opening');
          landedDuring[operation] = (landedDuring[operation] ?? 0) + 1;
          const matched = await checkAfterKill(dataDir, candidates, `kill ${kill} (during ${operation})`);
          const ids = [...report.done, ...(report.pending ? [report.pending] : [])].flatMap(idsIn);
          state = { ...matched, nextId: Math.max(state.nextId, ...ids.map((id) => id + 1)) };
        }
        const rows = Object.values(state.databases).flatMap((tables) => Object.values(tables).flat()).length;
        console.log(`crash test: ${KILLS} kills, landed during ${JSON.stringify(landedDuring)}; ${rows} rows in the final state`);
        // A full run must have killed inside store operations, not only between queries.
        const inStoreOperations = ['snapshot', 'clone', 'drop', 'restore', 'dropSnapshot'].reduce(
          (sum, op) => sum + (landedDuring[op] ?? 0),
          0,
        );
        if (KILLS >= 20) expect(inStoreOperations).toBeGreaterThan(KILLS / 10);
      } finally {
        await killHard(run.child);
        temp.remove();
      }
    },
    KILLS * 20_000,
  );
});
