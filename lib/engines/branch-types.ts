/**
 * Data branches: what changed in a database since a snapshot or compared with another
 * database, row by row, and merging one database's rows into another's. Optional engine
 * abilities (`EngineAbilities.dataDiff` / `dataMerge`): only MatrixOne computes them
 * (DATA BRANCH DIFF / MERGE); other engines have no member to call and show nothing,
 * rather than a figure Clonedeck made up.
 */

/** Rows changed on one side of a comparison since the two sides' common base, as the engine counted them. */
export interface RowChangeCounts {
  added: number;
  deleted: number;
  updated: number;
}

/**
 * What a database's tables are compared against: a snapshot (of this database: "since its
 * base"; or of another) or another database as it is now. Tables compare by name.
 */
export type DiffBase = { kind: 'snapshot'; database: string; snapshot: string } | { kind: 'database'; database: string };

/** Counts per side, or up to `limit` changed rows. */
export type DiffOutput = { kind: 'summary' } | { kind: 'rows'; limit: number };

export interface TableDiff {
  table: string;
  /** Where the table is: on both sides (then compared), or only on one (no row figures). */
  presence: 'both' | 'only-here' | 'only-there';
  /** Rows changed in the compared database since the common base; null when not compared. */
  here: RowChangeCounts | null;
  /** Rows changed on the other side since the common base (zero against a snapshot of its own past). */
  there: RowChangeCounts | null;
  /** Columns only here / only there, for tables on both sides. */
  columns?: { added: string[]; removed: string[] };
  /** Why the engine did not compare a table both sides hold (Clonedeck's words, not the server's). */
  refused?: string;
}

export interface DatabaseDiff {
  database: string;
  against: DiffBase;
  tables: TableDiff[];
}

export interface DiffRow {
  change: keyof RowChangeCounts;
  /** One value per column of the sample, as the engine returned them. */
  values: unknown[];
}

export interface TableDiffSample {
  table: string;
  columns: string[];
  rows: DiffRow[];
  /** More changed rows exist than the sample holds. */
  truncated: boolean;
  /**
   * True when every row of the sample is a change on this side. When both sides changed,
   * MatrixOne labels a row only with the table name, the same on both sides, so the side is unknown.
   */
  allFromHere: boolean;
}

/** "What changed here": per-table counts and a sample of the rows, as the engine itself computes them. */
export interface DataDiffAbility {
  diffDatabase(database: string, against: DiffBase): Promise<DatabaseDiff>;
  sampleTable(database: string, table: string, against: DiffBase, limit: number): Promise<TableDiffSample>;
}

/** What a merge does with a row both sides changed: stop, keep the target's, or take the source's. */
export type MergeConflictChoice = 'fail' | 'skip' | 'accept';

export interface DataMergeAbility {
  readonly conflictChoices: readonly MergeConflictChoice[];
  /** Merges the rows of `source`'s tables into the same-named tables of `target`, table by table. */
  mergeTables(source: string, target: string, tables: readonly string[], onConflict: MergeConflictChoice): Promise<void>;
}
