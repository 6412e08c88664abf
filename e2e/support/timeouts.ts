/** Clones, resets, restores, drops and big statements run on a busy two-core machine: give them room. */
export const OPERATION_TIMEOUT = 120_000;
