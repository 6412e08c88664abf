/** Shapes of the storage history, safe to import from client components (no server code). */

export const HISTORY_RANGES = ['24h', '7d', '30d', '1y'] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];

/** One point in time (ms since the epoch) with a value per series key; null where unknown. */
export interface HistoryPoint {
  at: number;
  values: Record<string, number | null>;
}

export interface EngineHistory {
  engineId: string;
  deltaAccounting: boolean;
  /** Series "logical" and "physical" of the whole engine; null for viewers who are not admins. */
  totals: HistoryPoint[] | null;
  /** What the team chart plots: own bytes, or logical bytes where the engine reports no deltas. */
  teamMeasure: 'own' | 'logical';
  teamSeries: Array<{ key: string; label: string }>;
  teams: HistoryPoint[];
  /** Distinct sampling instants in the range that the viewer's charts draw on. */
  sampleCount: number;
}

export interface StorageHistory {
  range: HistoryRange;
  from: string;
  to: string;
  /** How often the sampler runs, for the "collecting" note. */
  sampleIntervalSeconds: number;
  engines: EngineHistory[];
}
