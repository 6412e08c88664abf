import type { TopLayerBreakdown } from './embedded-harness';
import { formatBytes, formatMs, type Timing } from './measure';
import { type BenchReport, COPY_OPERATIONS, type SizeResult } from './results';
import { OPERATION_LABELS, TARGET_SIZE_BYTES } from './targets';
import type { QueryKind } from './workload';

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const timingRow = (name: string, timing: Timing) => [
  name,
  formatMs(timing.medianMs),
  formatMs(timing.minMs),
  formatMs(timing.maxMs),
  String(timing.samplesMs.length),
];

function copySection(result: SizeResult): string {
  const { server, dumpLoad } = result;
  const rows = [
    ...COPY_OPERATIONS.map((operation) => timingRow(`embedded ${OPERATION_LABELS[operation]}`, result.embedded[operation])),
    timingRow('(floor: catalog write + 2 fsyncs on this disk)', result.embedded.commitFloor),
    timingRow('server CREATE DATABASE … TEMPLATE (WAL_LOG, default)', server.templateWalLog),
    timingRow('server CREATE DATABASE … TEMPLATE (FILE_COPY)', server.templateFileCopy),
    ...(server.templateClone
      ? [timingRow('server CREATE DATABASE … TEMPLATE (FILE_COPY, file_copy_method = clone)', server.templateClone)]
      : []),
    [
      `PGlite dumpDataDir + loadDataDir (${formatMs(dumpLoad.dumpMs)} + ${formatMs(dumpLoad.loadMs)})`,
      formatMs(dumpLoad.totalMs),
      '',
      '',
      '1',
    ],
  ];
  const ratios = COPY_OPERATIONS.map((operation) => {
    const ratio = result.copyRatios[operation];
    return [
      OPERATION_LABELS[operation],
      ...[ratio.vsTemplateWalLog, ratio.vsTemplateFileCopy, ratio.vsDumpLoad].map((times) => `${times.toFixed(0)}×`),
    ];
  });
  const headers = ['embedded is faster than', 'TEMPLATE (WAL_LOG)', 'TEMPLATE (FILE_COPY)', 'PGlite dump/load'];
  return `${table(['copy', 'median', 'min', 'max', 'runs'], rows)}\n\n${table(headers, ratios)}`;
}

function storageSection(result: SizeResult): string {
  const fresh = result.freshClone.map((clone) => [
    `fresh clone, source ${clone.sourceState}`,
    formatMs(clone.cloneMs),
    formatBytes(clone.addedBytes),
    formatBytes(clone.cloneOwnBytes),
  ]);
  const deltas = [result.delta.contiguous, result.delta.random].map((delta) => [
    `1 % update, ${delta.pattern} (${delta.rowsUpdated} rows, ${formatMs(delta.updateMs)})`,
    `${formatBytes(delta.ownBytes)} (before: ${formatBytes(delta.ownBytesBefore)})`,
    `${(delta.fractionOfDatabase * 100).toFixed(1)} % of db / ${(delta.fractionOfLogical * 100).toFixed(1)} % of logical`,
    `${delta.heapPagesHoldingRows} = ${(delta.heapPagesFraction * 100).toFixed(1)} % of db`,
    [delta.topLayer.relationBytes, delta.topLayer.walBytes, delta.topLayer.deletedFileBytes, delta.topLayer.otherBytes]
      .map(formatBytes)
      .join(' / '),
  ]);
  const restore = result.restore;
  return [
    table(['fresh clone', 'time', 'store bytes added', 'clone own bytes'], fresh),
    table(
      ['delta', 'clone own bytes', 'fraction', 'heap pages holding the rows', 'top layer pages: relations / WAL / deleted files / other'],
      deltas,
    ),
    `restore in place of a running clone: ${formatMs(restore.restoreMs)} (first query after it ${formatMs(restore.firstQueryMs)}, data checked: ${restore.verified ? 'identical' : 'DIFFERENT'})`,
  ].join('\n\n');
}

function readSection(result: SizeResult): string {
  const reads = result.chainReads;
  const rows = (['cold', 'warm'] as const).flatMap((cache) =>
    (['point', 'range', 'count'] as QueryKind[]).map((kind) => [
      `${kind} (${cache})`,
      reads.embedded[cache][kind].queriesPerSecond.toFixed(1),
      reads.stock[cache][kind].queriesPerSecond.toFixed(1),
      `${(reads.ratios[cache][kind] * 100).toFixed(1)} %`,
    ]),
  );
  const rss = `wasm memory per instance after the workload: ${reads.layers}-layer clone ${formatBytes(reads.embedded.wasmHeapBytes)}, stock ${formatBytes(reads.stock.wasmHeapBytes)}`;
  const disk = (bytes: number[]) => bytes.map(formatBytes).join(', ');
  const diskLine = `disk reads per cold pass: ${reads.layers}-layer clone ${disk(reads.embedded.coldDiskReadBytes)}; stock ${disk(reads.stock.coldDiskReadBytes)}`;
  const passes = `best of ${reads.coldPasses} cold passes (just started, files evicted from the page cache) and ${reads.warmPasses} warm passes, alternating the two`;
  return `${table([`queries/s`, `${reads.layers}-layer clone`, 'stock PGlite (nodefs)', 'clone / stock'], rows)}\n${passes}\n${diskLine}\n${rss}`;
}

const layerPages = (top: TopLayerBreakdown) =>
  `relation pages ${formatBytes(top.relationBytes)}, WAL ${formatBytes(top.walBytes)}, pages of deleted files ${formatBytes(top.deletedFileBytes)}, other ${formatBytes(top.otherBytes)} (file ${formatBytes(top.fileBytes)})`;

function heading(result: SizeResult): string {
  const build = result.embeddedBuild;
  const server = result.server;
  const embedding = server.embedding === 'vector' ? 'vector(128)' : 'real[] of 128 floats (the server has no pgvector)';
  return [
    `=== ${result.label}: ${result.rows} rows of user_behavior`,
    `embedded: pg_database_size ${formatBytes(build.databaseBytes)}, engine logical bytes ${formatBytes(build.logicalBytes)}, built in ${build.seconds.toFixed(1)} s`,
    `embedded store on disk after the load: ${formatBytes(build.physicalBytes)}; the loaded top layer holds ${layerPages(build.topLayer)}`,
    `once the database stopped, reclaiming deleted files' pages freed ${formatBytes(build.reclaimed.freedBytes)} in ${build.reclaimed.seconds.toFixed(1)} s: store on disk ${formatBytes(build.reclaimed.physicalBytesAfter)}`,
    `server ${server.version}: ${formatBytes(server.build.databaseBytes)}, built in ${server.build.seconds.toFixed(1)} s; embedding column as ${embedding}`,
  ].join('\n');
}

export function renderReport(report: BenchReport): string {
  const { machine } = report;
  const header = `Clonedeck bench, ${report.startedAt}: ${machine.cpus} × ${machine.cpuModel}, ${formatBytes(machine.memoryBytes)} RAM, Node ${machine.node}, PGlite ${report.pglite}; load average ${report.loadAverage.atStart.toFixed(1)} at start, ${report.loadAverage.atEnd.toFixed(1)} at end`;
  const sections = report.results.map((result) => {
    const verdicts = result.targetBytes >= TARGET_SIZE_BYTES ? ['PASS', 'FAIL'] : ['(pass)', '(fail)'];
    const checks = result.targets.map((check) => [check.name, check.measured, check.target, verdicts[check.pass ? 0 : 1]!]);
    const note =
      result.targetBytes >= TARGET_SIZE_BYTES ? '' : '\n(the targets are stated for 1 GB: verdicts at this size are for reference)';
    const targets = table(['target', 'measured', 'target', ''], checks) + note;
    return [heading(result), copySection(result), storageSection(result), readSection(result), targets].join('\n\n');
  });
  const footer = `peak RSS of the bench process (all instances, one at a time, plus the dumps in memory): ${formatBytes(report.peakProcessRssBytes)}`;
  return [header, ...sections, footer].join('\n\n') + '\n';
}
