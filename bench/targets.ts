import { formatBytes, formatMs, MIB } from './measure';
import { COPY_OPERATIONS, type CopyOperation, type SizeResult, type TargetCheck } from './results';
import type { QueryKind } from './workload';

/** The database size the targets are stated for; smaller runs show verdicts for reference. */
export const TARGET_SIZE_BYTES = 1024 * MIB;

/** Issue 2's targets, stated for 1 GB; checked at every size. */
export const TARGETS = {
  copyMaxMs: 50,
  copyMinSpeedup: 100,
  freshCloneMaxBytes: MIB,
  deltaMaxFraction: 0.05,
  restoreMaxMs: 1000,
  chainMinReadRatio: 0.8,
} as const;

export const OPERATION_LABELS: Record<CopyOperation, string> = {
  cloneRunning: 'clone (source running, just written)',
  cloneIdle: 'clone (source idle)',
  snapshotRunning: 'snapshot (running, just written)',
  snapshotIdle: 'snapshot (idle)',
};

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

function copyChecks(result: SizeResult): TargetCheck[] {
  return COPY_OPERATIONS.flatMap((operation) => {
    const ratio = result.copyRatios[operation];
    return [
      {
        name: `${OPERATION_LABELS[operation]} time`,
        measured: formatMs(ratio.embeddedMs),
        target: `≤ ${TARGETS.copyMaxMs} ms`,
        pass: ratio.embeddedMs <= TARGETS.copyMaxMs,
      },
      {
        name: `${OPERATION_LABELS[operation]} vs template copy (WAL_LOG / FILE_COPY)`,
        measured: `${ratio.vsTemplateWalLog.toFixed(0)}× / ${ratio.vsTemplateFileCopy.toFixed(0)}×`,
        target: `≥ ${TARGETS.copyMinSpeedup}× both`,
        pass: Math.min(ratio.vsTemplateWalLog, ratio.vsTemplateFileCopy) >= TARGETS.copyMinSpeedup,
      },
    ];
  });
}

function readChecks(result: SizeResult): TargetCheck[] {
  return (['cold', 'warm'] as const).map((cache) => {
    const ratios = result.chainReads.ratios[cache];
    const kinds = Object.keys(ratios) as QueryKind[];
    const worst = kinds.reduce((left, right) => (ratios[left] <= ratios[right] ? left : right));
    return {
      name: `${result.chainReads.layers}-layer clone reads vs stock (${cache}, worst kind: ${worst})`,
      measured: percent(ratios[worst]),
      target: `≥ ${percent(TARGETS.chainMinReadRatio)}`,
      pass: ratios[worst] >= TARGETS.chainMinReadRatio,
    };
  });
}

export function evaluateTargets(result: SizeResult): TargetCheck[] {
  const fresh = result.freshClone.map((clone) => ({
    name: `fresh clone adds (source ${clone.sourceState})`,
    measured: formatBytes(clone.addedBytes),
    target: `≤ ${formatBytes(TARGETS.freshCloneMaxBytes)}`,
    pass: clone.addedBytes <= TARGETS.freshCloneMaxBytes,
  }));
  const deltas = [result.delta.contiguous, result.delta.random].map((delta) => ({
    name: `own bytes after 1 % update (${delta.pattern})`,
    measured: `${formatBytes(delta.ownBytes)} = ${percent(delta.fractionOfDatabase)}`,
    target: `≤ ${percent(TARGETS.deltaMaxFraction)} of the database`,
    pass: delta.fractionOfDatabase <= TARGETS.deltaMaxFraction,
  }));
  const restore = {
    name: 'restore in place (running clone)',
    measured: formatMs(result.restore.restoreMs),
    target: `≤ ${formatMs(TARGETS.restoreMaxMs)}`,
    pass: result.restore.restoreMs <= TARGETS.restoreMaxMs && result.restore.verified,
  };
  return [...copyChecks(result), ...fresh, ...deltas, restore, ...readChecks(result)];
}
