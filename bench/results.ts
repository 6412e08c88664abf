import type { EmbeddedBuild, ServerBuild } from './build';
import type { ChainReadComparison } from './chain-bench';
import type { DumpLoadCopy, EmbeddedCopyTimes } from './copy-bench';
import type { TopLayerBreakdown } from './embedded-harness';
import type { EmbeddingType } from './dataset';
import type { DeltaResult, FreshCloneBytes, RestoreResult } from './delta-bench';
import type { Timing } from './measure';

export interface ServerFigures {
  version: string;
  embedding: EmbeddingType;
  build: ServerBuild;
  /** `CREATE DATABASE … TEMPLATE …` with PostgreSQL 15's default strategy. */
  templateWalLog: Timing;
  templateFileCopy: Timing;
  /** FILE_COPY with file_copy_method = clone (reflinks), where the server's file system has them. */
  templateClone?: Timing | null;
  /** The file system the server's files were on. */
  fileSystem?: string;
}

export type CopyOperation = Exclude<keyof EmbeddedCopyTimes, 'commitFloor'>;

/** How many times faster the embedded operation is (medians): above 1 means faster. */
export interface CopyRatio {
  embeddedMs: number;
  /** vs `CREATE DATABASE … TEMPLATE` with PostgreSQL 15's default strategy (WAL_LOG). */
  vsTemplateWalLog: number;
  /** vs the FILE_COPY strategy (a checkpoint and a file copy: the faster one on a warm page cache). */
  vsTemplateFileCopy: number;
  vsDumpLoad: number;
}

export interface TargetCheck {
  name: string;
  measured: string;
  target: string;
  pass: boolean;
}

export interface SizeResult {
  label: string;
  targetBytes: number;
  rows: number;
  /**
   * The loaded database: `physicalBytes` is the whole store on disk, `topLayer` the layer the
   * load wrote; `reclaimed` is what giving back deleted files' pages freed once it stopped.
   */
  embeddedBuild: EmbeddedBuild & {
    logicalBytes: number;
    physicalBytes: number;
    topLayer: TopLayerBreakdown;
    reclaimed: { freedBytes: number; seconds: number; physicalBytesAfter: number };
  };
  server: ServerFigures;
  embedded: EmbeddedCopyTimes;
  dumpLoad: DumpLoadCopy;
  copyRatios: Record<CopyOperation, CopyRatio>;
  freshClone: FreshCloneBytes[];
  delta: { contiguous: DeltaResult; random: DeltaResult };
  restore: RestoreResult;
  chainReads: ChainReadComparison;
  targets: TargetCheck[];
}

export interface BenchReport {
  startedAt: string;
  command: string;
  machine: { cpus: number; cpuModel: string; memoryBytes: number; platform: string; node: string };
  /** 1-minute load average when the run started and ended: other work on the machine skews timings. */
  loadAverage: { atStart: number; atEnd: number };
  pglite: string;
  results: SizeResult[];
  peakProcessRssBytes: number;
}

export const COPY_OPERATIONS: readonly CopyOperation[] = ['cloneRunning', 'cloneIdle', 'snapshotRunning', 'snapshotIdle'];

export function copyRatios(embedded: EmbeddedCopyTimes, server: ServerFigures, dumpLoad: DumpLoadCopy): Record<CopyOperation, CopyRatio> {
  const ratio = (operation: CopyOperation): CopyRatio => {
    const embeddedMs = embedded[operation].medianMs;
    return {
      embeddedMs,
      vsTemplateWalLog: server.templateWalLog.medianMs / embeddedMs,
      vsTemplateFileCopy: server.templateFileCopy.medianMs / embeddedMs,
      vsDumpLoad: dumpLoad.totalMs / embeddedMs,
    };
  };
  return {
    cloneRunning: ratio('cloneRunning'),
    cloneIdle: ratio('cloneIdle'),
    snapshotRunning: ratio('snapshotRunning'),
    snapshotIdle: ratio('snapshotIdle'),
  };
}
