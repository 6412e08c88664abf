import { validation } from '@/lib/errors';
import { parseTableRef } from '@/lib/engines/names';
import type { EngineKind, EngineOperation, PitrRange, SnapshotTarget } from '@/lib/engines/types';
import { rejectExtraPositionals, requirePositional, type ParsedArgs } from './args';

/**
 * The operations `clonedeck sql` prints, read from the command line into the engine
 * contract's EngineOperation. Names are checked by the dialect that renders them; here
 * only the shape of the command line is.
 */

/** Options `sql` itself takes, whatever the operation. */
export const GLOBAL_OPTIONS = ['engine', 'server-version'];

interface OperationSpec {
  usage: string;
  /** Options this operation accepts besides the global ones. */
  options: string[];
  build(args: ParsedArgs, settings: OperationSettings): EngineOperation;
}

export interface OperationSettings {
  engine: EngineKind;
  /** The account MatrixOne restores name when --account is not given (MATRIXONE_ACCOUNT, else sys). */
  defaultAccount: string;
}

const option = (args: ParsedArgs, name: string) => args.options.get(name);

function requireOption(args: ParsedArgs, name: string, operation: string): string {
  const value = option(args, name);
  if (value === undefined || value === '') throw validation(`${operation} needs --${name}.`);
  return value;
}

function operands(args: ParsedArgs, names: string[]): string[] {
  rejectExtraPositionals(args, names.length + 1);
  return names.map((name, index) => requirePositional(args, index + 1, name));
}

function snapshotTarget(args: ParsedArgs): SnapshotTarget {
  const chosen = ['database', 'table', 'account'].filter((name) => args.options.has(name));
  if (args.flags.has('cluster')) chosen.push('cluster');
  if (chosen.length !== 1) throw validation('snapshot needs exactly one of --database DB, --table DB.TABLE, --account [ACC] or --cluster.');
  if (args.flags.has('cluster')) return { level: 'cluster' };
  if (args.options.has('database')) return { level: 'database', database: option(args, 'database')! };
  if (args.options.has('table')) return { level: 'table', ...parseTableRef(option(args, 'table')!) };
  const account = option(args, 'account');
  return account ? { level: 'account', account } : { level: 'account' };
}

/** `--at` of clone: Unix time in microseconds, digits only. */
export function parseUnixMicros(text: string): bigint {
  if (!/^\d{1,19}$/.test(text)) throw validation(`--at takes Unix time in microseconds (digits only), got "${text}".`);
  return BigInt(text);
}

/** `--range` of pitr-create: 1d, 12h, 3mo, 1y. */
export function parsePitrRange(text: string): PitrRange {
  const match = /^(\d{1,3})(h|d|mo|y)$/.exec(text.trim());
  if (!match) throw validation(`--range takes a number and a unit (h, d, mo or y), e.g. 1d; got "${text}".`);
  return { value: Number(match[1]), unit: match[2] as PitrRange['unit'] };
}

function restoreAccount(args: ParsedArgs, settings: OperationSettings): string | undefined {
  const given = option(args, 'account');
  if (given) return given;
  return settings.engine === 'matrixone' ? settings.defaultAccount : undefined;
}

export const OPERATIONS: Record<string, OperationSpec> = {
  create: {
    usage: 'create DB',
    options: [],
    build: (args) => ({ kind: 'createDatabase', database: operands(args, ['DB'])[0]! }),
  },
  snapshot: {
    usage: 'snapshot NAME --database DB | --table DB.TABLE | --account [ACC] | --cluster',
    options: ['database', 'table', 'account'],
    build: (args) => ({ kind: 'createSnapshot', snapshot: operands(args, ['NAME'])[0]!, target: snapshotTarget(args) }),
  },
  'drop-snapshot': {
    usage: 'drop-snapshot NAME',
    options: [],
    build: (args) => ({ kind: 'dropSnapshot', snapshot: operands(args, ['NAME'])[0]! }),
  },
  clone: {
    usage: 'clone SOURCE TARGET [--snapshot S | --at UNIX_MICROS]',
    options: ['snapshot', 'at'],
    build: (args) => {
      const [source, target] = operands(args, ['SOURCE', 'TARGET']) as [string, string];
      const snapshot = option(args, 'snapshot');
      const at = option(args, 'at');
      if (snapshot !== undefined && at !== undefined) throw validation('clone takes --snapshot or --at, not both.');
      const from =
        snapshot !== undefined
          ? { kind: 'snapshot' as const, snapshot }
          : at !== undefined
            ? { kind: 'time' as const, unixMicros: parseUnixMicros(at) }
            : { kind: 'now' as const };
      return { kind: 'cloneDatabase', request: { source, target, from } };
    },
  },
  'clone-table': {
    usage: 'clone-table DB.SRC DB2.DST [--snapshot S]',
    options: ['snapshot'],
    build: (args) => {
      const [source, target] = operands(args, ['DB.SRC', 'DB2.DST']).map(parseTableRef) as [
        ReturnType<typeof parseTableRef>,
        ReturnType<typeof parseTableRef>,
      ];
      return { kind: 'cloneTable', request: { source, target, snapshot: option(args, 'snapshot') } };
    },
  },
  restore: {
    usage: 'restore DB --snapshot S [--account ACC]',
    options: ['snapshot', 'account'],
    build: (args, settings) => ({
      kind: 'restoreDatabase',
      database: operands(args, ['DB'])[0]!,
      snapshot: requireOption(args, 'snapshot', 'restore'),
      account: restoreAccount(args, settings),
    }),
  },
  'restore-table': {
    usage: 'restore-table DB.TABLE --snapshot S [--account ACC]',
    options: ['snapshot', 'account'],
    build: (args, settings) => ({
      kind: 'restoreTable',
      table: parseTableRef(operands(args, ['DB.TABLE'])[0]!),
      snapshot: requireOption(args, 'snapshot', 'restore-table'),
      account: restoreAccount(args, settings),
    }),
  },
  'restore-account': {
    usage: 'restore-account ACC --snapshot S [--to ACC2]',
    options: ['snapshot', 'to'],
    build: (args) => ({
      kind: 'restoreAccount',
      account: operands(args, ['ACC'])[0]!,
      snapshot: requireOption(args, 'snapshot', 'restore-account'),
      toAccount: option(args, 'to'),
    }),
  },
  drop: {
    usage: 'drop DB',
    options: [],
    build: (args) => ({ kind: 'dropDatabase', database: operands(args, ['DB'])[0]! }),
  },
  'pitr-create': {
    usage: 'pitr-create NAME --database DB --range 1d',
    options: ['database', 'range'],
    build: (args) => ({
      kind: 'createPitr',
      pitr: operands(args, ['NAME'])[0]!,
      database: requireOption(args, 'database', 'pitr-create'),
      range: parsePitrRange(requireOption(args, 'range', 'pitr-create')),
    }),
  },
  'pitr-drop': {
    usage: 'pitr-drop NAME',
    options: [],
    build: (args) => ({ kind: 'dropPitr', pitr: operands(args, ['NAME'])[0]! }),
  },
  'pitr-restore': {
    usage: "pitr-restore DB --pitr NAME --at 'YYYY-MM-DD HH:MM:SS'",
    options: ['pitr', 'at'],
    build: (args) => ({
      kind: 'restorePitr',
      database: operands(args, ['DB'])[0]!,
      pitr: requireOption(args, 'pitr', 'pitr-restore'),
      at: requireOption(args, 'at', 'pitr-restore'),
    }),
  },
};

/** Every option any operation takes: parseArgs must know them all to reject typos. */
export const ALL_OPTIONS = [...new Set([...GLOBAL_OPTIONS, ...Object.values(OPERATIONS).flatMap((spec) => spec.options)])];

/** Refuses options the chosen operation does not take, so `drop prod --snapshot s` is not silently a plain drop. */
export function rejectForeignOptions(name: string, spec: OperationSpec, args: ParsedArgs): void {
  const allowed = new Set([...GLOBAL_OPTIONS, ...spec.options]);
  for (const given of args.options.keys()) {
    if (!allowed.has(given)) throw validation(`--${given} does not apply to ${name}.`);
  }
  if (args.flags.has('cluster') && name !== 'snapshot') throw validation(`--cluster does not apply to ${name}.`);
}
