/**
 * What a crash-test workload has done, as data: the operations the worker reports and
 * the state they lead to (which tables every database and snapshot holds, and which
 * sequence numbers each table's committed rows carry). Shared by the worker, which picks
 * its next operation from it, and the test, which checks the store against it.
 */
export type Tables = Record<string, number[]>;

export interface ModelState {
  databases: Record<string, Tables>;
  snapshots: Record<string, { database: string; tables: Tables }>;
  /** The next number for a name or a row's sequence number (one counter for all, never reused). */
  nextId: number;
}

export type CrashOperation =
  | { op: 'createDatabase'; database: string }
  | { op: 'createTable'; database: string; table: string }
  | { op: 'insert'; database: string; table: string; seqs: number[] }
  | { op: 'snapshot'; database: string; snapshot: string }
  | { op: 'clone'; source: string; target: string; snapshot?: string }
  | { op: 'drop'; database: string }
  | { op: 'restore'; database: string; snapshot: string }
  | { op: 'dropSnapshot'; snapshot: string };

export const emptyModel = (): ModelState => ({ databases: {}, snapshots: {}, nextId: 1 });

const copyTables = (tables: Tables): Tables => Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, [...rows]]));

/** The state after `operation` succeeded (a new object; `state` is left as it was). */
export function applyOperation(state: ModelState, operation: CrashOperation): ModelState {
  const next: ModelState = structuredClone(state);
  switch (operation.op) {
    case 'createDatabase':
      next.databases[operation.database] = {};
      break;
    case 'createTable':
      next.databases[operation.database]![operation.table] = [];
      break;
    case 'insert':
      next.databases[operation.database]![operation.table]!.push(...operation.seqs);
      break;
    case 'snapshot':
      next.snapshots[operation.snapshot] = { database: operation.database, tables: copyTables(next.databases[operation.database]!) };
      break;
    case 'clone': {
      const from = operation.snapshot ? next.snapshots[operation.snapshot]!.tables : next.databases[operation.source]!;
      next.databases[operation.target] = copyTables(from);
      break;
    }
    case 'drop':
      delete next.databases[operation.database];
      break;
    case 'restore':
      next.databases[operation.database] = copyTables(next.snapshots[operation.snapshot]!.tables);
      break;
    case 'dropSnapshot':
      delete next.snapshots[operation.snapshot];
      break;
  }
  return next;
}

/** Every number an operation names, so the next worker's counter starts past them. */
export function idsIn(operation: CrashOperation): number[] {
  const numbers = JSON.stringify(operation).match(/\d+/g) ?? [];
  return numbers.map(Number);
}

/**
 * The worker's report, line by line: `R` once the engine is open, `B <json>` before an
 * operation starts and `D` once it returned. What the report proves: every operation with
 * a `D` happened; the last one with only a `B` may or may not have.
 */
export function parseReport(output: string): { ready: boolean; done: CrashOperation[]; pending: CrashOperation | null } {
  const done: CrashOperation[] = [];
  let pending: CrashOperation | null = null;
  let ready = false;
  for (const line of output.split('\n')) {
    if (line === 'R') ready = true;
    else if (line.startsWith('B ')) pending = JSON.parse(line.slice(2)) as CrashOperation;
    else if (line === 'D' && pending) {
      done.push(pending);
      pending = null;
    }
  }
  return { ready, done, pending };
}

/** What a store shows: tables and rows of every database, and which database each snapshot is of. */
export interface ObservedState {
  databases: Record<string, Tables>;
  snapshots: Record<string, string>;
}

/** How the store differs from a model state, in words, or null when they agree. */
export function differenceFrom(expected: ModelState, observed: ObservedState): string | null {
  const sorted = (tables: Tables) =>
    JSON.stringify(
      Object.entries(tables)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, rows]) => [name, [...rows].sort((a, b) => a - b)]),
    );
  const names = (record: object) => Object.keys(record).sort().join(',');
  if (names(expected.databases) !== names(observed.databases)) {
    return `databases [${names(observed.databases)}], expected [${names(expected.databases)}]`;
  }
  for (const [name, tables] of Object.entries(expected.databases)) {
    if (sorted(tables) !== sorted(observed.databases[name]!)) {
      return `database ${name} holds ${sorted(observed.databases[name]!)}, expected ${sorted(tables)}`;
    }
  }
  const snapshotOwners = Object.fromEntries(Object.entries(expected.snapshots).map(([name, record]) => [name, record.database]));
  if (JSON.stringify(Object.entries(snapshotOwners).sort()) !== JSON.stringify(Object.entries(observed.snapshots).sort())) {
    return `snapshots ${JSON.stringify(observed.snapshots)}, expected ${JSON.stringify(snapshotOwners)}`;
  }
  return null;
}
