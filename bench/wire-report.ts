import os from 'node:os';
import { formatBytes } from './measure';
import type { PgbenchMode } from './postgres-load';
import type { NeighbourDuringSleep, Percentiles, ProvisionTiming } from './wire-latency';
import type { WireMemory } from './wire-memory';
import { matrixKey, type PgbenchMatrix } from './wire-pgbench';

export interface WireReport {
  settings: Record<string, number>;
  /** The machine's 1-minute load average at points of the run (it is shared). */
  loadAverages: Record<string, number>;
  memory: WireMemory;
  pgbench: PgbenchMatrix;
  latency: Record<string, Percentiles>;
  isolation: NeighbourDuringSleep;
  provision: ProvisionTiming;
  /** After every pgbench run through the door: accounts, tellers and branches balances sum alike. */
  doorBalancesAddUp: boolean;
}

const ratio = (value: number, reference: number) => (value / reference).toFixed(2);
const mark = (met: boolean) => (met ? '✔' : '✘');
const median = (values: number[]) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)]!;

function pgbenchLines({ tps, cpuMsPerTransaction: cpu, sliceSeconds, rounds, loadAverages }: PgbenchMatrix): string[] {
  const single = tps.inProcess!;
  const lines = [
    `pgbench, scale 1, ${rounds} rotating rounds of ${sliceSeconds} s (load ${loadAverages.join(', ')})`,
    `PGlite in-process, 1 client: ${single.toFixed(0)} TPS, ${cpu.inProcess!.toFixed(2)} ms of CPU per transaction`,
    'mode      clients  door TLS TPS  real server TPS  door / in-process  door / server  engine CPU ms/txn (door)',
  ];
  for (const mode of ['prepared', 'simple'] as PgbenchMode[]) {
    for (const clients of [1, 4, 8]) {
      const door = tps[matrixKey('door', mode, clients)];
      const server = tps[matrixKey('server', mode, clients)];
      if (door === undefined || server === undefined) continue;
      lines.push(
        `${mode.padEnd(9)} ${String(clients).padEnd(8)} ${door.toFixed(0).padEnd(13)} ${server.toFixed(0).padEnd(16)} ${ratio(door, single).padEnd(18)} ${ratio(door, server).padEnd(14)} ${cpu[matrixKey('door', mode, clients)]!.toFixed(2)}`,
      );
    }
  }
  const eight = tps[matrixKey('door', 'prepared', 8)];
  if (eight !== undefined)
    lines.push(`target: 8 clients ≥ 0.80 × PGlite's single-client TPS: ${(eight / single).toFixed(3)} ${mark(eight >= 0.8 * single)}`);
  return lines;
}

function latencyLines(latency: Record<string, Percentiles>): string[] {
  const base = latency.inProcess!;
  const lines = ['SELECT 1          p50 ms   p99 ms   added p50 ms (vs in-process)'];
  for (const [name, value] of Object.entries(latency)) {
    lines.push(
      `${name.padEnd(17)} ${value.p50Ms.toFixed(3).padEnd(8)} ${value.p99Ms.toFixed(3).padEnd(8)} ${(value.p50Ms - base.p50Ms).toFixed(3)}`,
    );
  }
  const added = Math.max(latency.doorTls!.p50Ms, latency.doorPlain!.p50Ms) - base.p50Ms;
  lines.push(`target: the door adds ≤ 0.3 ms p50: ${added.toFixed(3)} ms ${mark(added <= 0.3)}`);
  return lines;
}

export function renderWireReport(report: WireReport): string {
  const { memory, isolation, provision } = report;
  const loads = Object.entries(report.loadAverages).map(([at, value]) => `${at} ${value}`);
  return [
    `embedded engine through the front door — ${os.cpus().length} cores, load average ${loads.join(', ')}`,
    '',
    ...pgbenchLines(report.pgbench),
    `balances add up after the door's pgbench runs: ${mark(report.doorBalancesAddUp)}`,
    '',
    ...latencyLines(report.latency),
    '',
    `neighbour's SELECT 1 (one per 10 ms) alone: p50 ${isolation.baseline.p50Ms} ms, p99 ${isolation.baseline.p99Ms} ms; while another database runs pg_sleep(${isolation.sleepSeconds}): p50 ${isolation.p50Ms} ms, p99 ${isolation.p99Ms} ms, max ${isolation.maxMs} ms over ${isolation.count} (${isolation.answeredWhileSleeping} answered while it slept) — target p99 < 100 ms ${mark(isolation.p99Ms < 100)}`,
    `provision (clone from a snapshot) → first answer through the door (new TLS connection): median ${median(provision.firstAnswerMs).toFixed(0)} ms (clone ${median(provision.cloneMs).toFixed(1)} ms, connected ${median(provision.connectedMs).toFixed(0)} ms); all: ${provision.firstAnswerMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    `memory, ${memory.databases} databases: reopening the engine with all idle +${formatBytes(memory.perIdleBytes)} each (engine and door included); running with a door client +${formatBytes(memory.perRunningBytes)} each; after 20 000 rows +${formatBytes(memory.perWorkedBytes)} each; after reading them back ${memory.readRounds} times +${formatBytes(memory.perReadBytes)} each; closed: ${formatBytes(memory.closedRss - memory.bareRss)} above the bare process`,
  ].join('\n');
}
