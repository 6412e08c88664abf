import { describe, expect, it } from 'vitest';
import { csvCell, storageReportCsv } from './storage-csv';
import type { EngineStorageReport, StorageReport } from './storage-types';

const engine: EngineStorageReport = {
  engineId: 'embedded',
  label: 'Embedded',
  available: true,
  message: null,
  deltaAccounting: true,
  measuredAt: '2026-11-21T10:00:00.000Z',
  notes: [],
  totals: {
    physicalBytes: 1_000,
    logicalBytes: 4_000,
    fullCopyBytes: 4_000,
    savedBytes: 3_000,
    savedPercent: 75,
    ratio: 4,
    databaseCount: 2,
    freedIfDroppedBytes: 450,
    pinnedBytes: 150,
    unmanaged: { count: 0, logicalBytes: 0 },
  },
  teams: [
    {
      teamId: 't1',
      name: 'qa',
      displayName: '=HYPERLINK("x")',
      environmentCount: 1,
      logicalBytes: 2_000,
      ownBytes: 300,
      freedIfDroppedBytes: 450,
      pinnedBytes: 150,
      snapshotCount: 1,
    },
  ],
  environments: [
    {
      id: 'e1',
      name: 'qa_run',
      teamId: 't1',
      teamName: 'QA, "core"',
      isProduction: false,
      status: 'ready',
      createdAt: '2026-11-20T10:00:00.000Z',
      expiresAt: null,
      lastActivityAt: null,
      expired: false,
      idle: true,
      logicalBytes: 2_000,
      ownBytes: 300,
      sharedBytes: 1_700,
      freedIfDroppedBytes: 450,
      pinnedBytes: 150,
    },
  ],
  topByDelta: [],
  expiredOrIdle: [],
};
const report: StorageReport = { scope: 'all', generatedAt: '2026-11-21T10:00:00.000Z', idleAfterDays: 7, engines: [engine] };

describe('csvCell', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('neutralises text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell(-2048)).toBe('-2048');
  });

  it('leaves figures the engine does not report empty', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('storageReportCsv', () => {
  it('writes a header, the engine totals, teams and environments with exact bytes', () => {
    const lines = storageReportCsv(report).split('\r\n');
    expect(lines[0]).toBe(
      'row,engine,team,environment,status,expires_at,last_activity_at,expired,idle,environments,logical_bytes,own_bytes,freed_if_dropped_bytes,pinned_bytes,physical_bytes,full_copy_bytes,saved_bytes,saved_percent,ratio',
    );
    expect(lines[1]).toBe('engine,embedded,,,,,,,,,4000,,450,150,1000,4000,3000,75,4');
    expect(lines[2]).toBe(`team,embedded,"'=HYPERLINK(""x"")",,,,,,,1,2000,300,450,150,,,,,`);
    expect(lines[3]).toBe('environment,embedded,"QA, ""core""",qa_run,ready,,,no,yes,,2000,300,450,150,,,,,');
    expect(lines[4]).toBe('');
  });

  it('leaves frees-if-dropped and pinned empty where the engine does not report them', () => {
    const unmeasured: EngineStorageReport = {
      ...engine,
      deltaAccounting: false,
      totals: { ...engine.totals!, freedIfDroppedBytes: null, pinnedBytes: null },
      teams: [{ ...engine.teams[0]!, ownBytes: null, freedIfDroppedBytes: null, pinnedBytes: null }],
      environments: [],
    };
    const lines = storageReportCsv({ ...report, engines: [unmeasured] }).split('\r\n');
    expect(lines[1]).toBe('engine,embedded,,,,,,,,,4000,,,,1000,4000,3000,75,4');
    expect(lines[2]).toBe(`team,embedded,"'=HYPERLINK(""x"")",,,,,,,1,2000,,,,,,,,`);
  });

  it('has no engine row for a viewer without totals', () => {
    const csv = storageReportCsv({ ...report, scope: 'teams', engines: [{ ...engine, totals: null }] });
    expect(csv.split('\r\n').filter((line) => line.startsWith('engine,'))).toEqual([]);
  });
});
