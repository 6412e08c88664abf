import { type EmbeddedHarness, exec, withPg } from './embedded-harness';
import { catalogCommitFloor, progress, sampleAlternating, type Timing, timeMs, writeBackDirtyPages } from './measure';
import { dumpClean, openStock, removeStock, stockDataDir } from './stock-pglite';

const REPETITIONS = 7;

export interface EmbeddedCopyTimes {
  cloneRunning: Timing;
  cloneIdle: Timing;
  snapshotRunning: Timing;
  snapshotIdle: Timing;
  /** The catalog commit's fsync pattern alone, on the same disk: the floor under every operation above. */
  commitFloor: Timing;
}

/** "Just written to": a committed update of 1 000 rows, so the checkpoint has work to do. */
async function writeSome(harness: EmbeddedHarness, database: string, round: number): Promise<void> {
  const first = 1 + round * 1000;
  await exec(harness, database, `UPDATE user_behavior SET quantity = quantity + 1 WHERE id BETWEEN ${first} AND ${first + 999}`);
}

/** Names made by the timed operations, dropped (untimed) before the next one. */
class Leftovers {
  private readonly names: Array<{ kind: 'database' | 'snapshot'; name: string }> = [];

  constructor(private readonly harness: EmbeddedHarness) {}

  add(kind: 'database' | 'snapshot', name: string): string {
    this.names.push({ kind, name });
    return name;
  }

  async drop(): Promise<void> {
    for (const { kind, name } of this.names.splice(0)) {
      if (kind === 'database') await this.harness.engine.dropDatabase(name);
      else await this.harness.engine.dropSnapshot(name);
    }
  }
}

/** Clone and snapshot of `database`, running just after a write, and idle (instance stopped). */
export async function timeEmbeddedCopies(harness: EmbeddedHarness, database: string): Promise<EmbeddedCopyTimes> {
  const { engine, pool } = harness;
  const leftovers = new Leftovers(harness);
  const clone = async (label: string) => {
    await engine.cloneDatabase({ source: database, target: leftovers.add('database', label), from: { kind: 'now' } });
  };
  const snapshot = async (label: string) => {
    await engine.createSnapshot(leftovers.add('snapshot', label), { level: 'database', database });
  };
  const running = async (step: number) => {
    await leftovers.drop();
    writeBackDirtyPages();
    await writeSome(harness, database, step);
  };
  const idle = async () => {
    await leftovers.drop();
    await pool.stop(database);
    writeBackDirtyPages();
  };
  progress('embedded clone / snapshot timings');
  const [cloneRunning, snapshotRunning] = await sampleAlternating(REPETITIONS, running, [
    (round) => clone(`clone_running_${round}`),
    (round) => snapshot(`snapshot_running_${round}`),
  ]);
  const [cloneIdle, snapshotIdle] = await sampleAlternating(REPETITIONS, idle, [
    (round) => clone(`clone_idle_${round}`),
    (round) => snapshot(`snapshot_idle_${round}`),
  ]);
  await leftovers.drop();
  writeBackDirtyPages();
  const commitFloor = catalogCommitFloor(harness.dir);
  return { cloneRunning, cloneIdle, snapshotRunning, snapshotIdle, commitFloor };
}

export interface DumpLoadCopy {
  dumpMs: number;
  loadMs: number;
  totalMs: number;
  tarBytes: number;
}

/** The stock way to copy a PGlite database: CHECKPOINT + dumpDataDir, then a new PGlite loading it onto disk. */
export async function timeDumpLoadCopy(harness: EmbeddedHarness, database: string): Promise<DumpLoadCopy> {
  progress('PGlite dump/load copy');
  const dump = await timeMs(() => withPg(harness, database, dumpClean));
  const dir = stockDataDir();
  try {
    const load = await timeMs(() => openStock(dir, dump.value));
    await load.value.close();
    return { dumpMs: dump.ms, loadMs: load.ms, totalMs: dump.ms + load.ms, tarBytes: dump.value.size };
  } finally {
    removeStock(dir);
  }
}
