import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Wall-clock samples of one operation, in milliseconds. */
export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

/** Progress goes to stderr: stdout carries only the table or the JSON document. */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export async function timeMs<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export function summarize(samplesMs: number[]): Timing {
  const sorted = [...samplesMs].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { medianMs, minMs: sorted[0]!, maxMs: sorted[sorted.length - 1]!, samplesMs: samplesMs.map(round3) };
}

/** Runs `prepare` (untimed) then `work` (timed) `repetitions` times. */
export async function sample(
  repetitions: number,
  prepare: (round: number) => Promise<void>,
  work: (round: number) => Promise<void>,
): Promise<Timing> {
  const [timing] = await sampleAlternating(repetitions, prepare, [work]);
  return timing;
}

/**
 * Times several operations under the same conditions: each round runs every operation once
 * (each after its own untimed `prepare`), in an order that rotates from round to round.
 */
export async function sampleAlternating<const Operations extends ReadonlyArray<(round: number) => Promise<void>>>(
  repetitions: number,
  prepare: (step: number) => Promise<void>,
  operations: Operations,
): Promise<{ [Index in keyof Operations]: Timing }> {
  const samples = operations.map((): number[] => []);
  let step = 0;
  for (let round = 0; round < repetitions; round++) {
    for (let turn = 0; turn < operations.length; turn++) {
      const which = (round + turn) % operations.length;
      await prepare(step++);
      samples[which]!.push((await timeMs(() => operations[which]!(round))).ms);
    }
  }
  // One timing per operation, in order: map keeps the tuple's length.
  return samples.map(summarize) as { [Index in keyof Operations]: Timing };
}

export const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Evicts the files under `root` from the OS page cache (GNU dd's nocache drops a file's
 * cached pages; dirty pages cannot be dropped, so they are written back first).
 */
export function dropFileCache(root: string): void {
  writeBackDirtyPages();
  for (const file of listFiles(root)) execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
}

/** Bytes this process has caused to be read from the block device so far (/proc/self/io). */
export function diskReadBytes(): number {
  const match = /read_bytes: (\d+)/.exec(fs.readFileSync('/proc/self/io', 'utf8'));
  return match ? Number(match[1]) : 0;
}

/**
 * The floor under every store change on this disk: the catalog commit's pattern (write a
 * small file, fsync it, rename it, fsync the directory), timed on its own.
 */
export function catalogCommitFloor(dir: string, repetitions = 5): Timing {
  const samples: number[] = [];
  const file = path.join(dir, 'fsync-probe');
  for (let round = 0; round < repetitions; round++) {
    const started = performance.now();
    const descriptor = fs.openSync(`${file}.tmp`, 'w');
    fs.writeSync(descriptor, JSON.stringify({ round, padding: 'x'.repeat(2000) }));
    fs.fsyncSync(descriptor);
    fs.closeSync(descriptor);
    fs.renameSync(`${file}.tmp`, file);
    const directory = fs.openSync(dir, 'r');
    fs.fsyncSync(directory);
    fs.closeSync(directory);
    samples.push(performance.now() - started);
  }
  fs.rmSync(file, { force: true });
  return summarize(samples);
}

/**
 * Writes back every dirty page of the machine (sync(1)). The catalog's fsync on ext4 also
 * writes back the store's other dirty data, so a timed operation starts after one: it then
 * pays for its own writes, not for the untimed clean-up of the round before.
 */
export function writeBackDirtyPages(): void {
  execFileSync('sync');
}

function listFiles(root: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full));
    else if (entry.isFile()) found.push(full);
  }
  return found;
}

/** The whole bench process's peak resident set (every instance it ran shares it). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export const MIB = 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (Math.abs(bytes) >= 1024 * MIB) return `${(bytes / (1024 * MIB)).toFixed(2)} GiB`;
  if (Math.abs(bytes) >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  if (Math.abs(bytes) >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}
