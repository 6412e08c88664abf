/** The per-object figures that add up: per team and per engine the figures are sums of these (README). */
export interface HeldBytes {
  logicalBytes: number;
  ownBytes: number;
  freedIfDroppedBytes: number;
  pinnedBytes: number;
}

type Measured = { [Figure in keyof HeldBytes]: number | null };

/**
 * Sums over the environments that report each figure. A sum of frees-if-dropped is what
 * dropping each alone would give back, added up: data two of them share counts in neither.
 */
export function sumHeldBytes(environments: ReadonlyArray<Measured>): HeldBytes {
  const total = (figure: keyof HeldBytes) => environments.reduce((sum, environment) => sum + (environment[figure] ?? 0), 0);
  return {
    logicalBytes: total('logicalBytes'),
    ownBytes: total('ownBytes'),
    freedIfDroppedBytes: total('freedIfDroppedBytes'),
    pinnedBytes: total('pinnedBytes'),
  };
}
