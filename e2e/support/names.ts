/**
 * A suffix unique to this test process, so a run never meets an earlier run's names (the
 * server starts fresh each run, but a reused server or a retry should not collide either).
 */
const RUN_SUFFIX = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296)
  .toString(36)
  .padStart(2, '0')}`;

let issued = 0;

/** `prefix_<run><n>`: a fresh valid environment or snapshot name (lower-case, digits, underscores). */
export function uniqueName(prefix: string): string {
  issued += 1;
  const name = `${prefix}_${RUN_SUFFIX}${issued}`;
  if (!/^[a-z][a-z0-9_]{0,55}$/.test(name)) throw new Error(`Not a valid environment name: ${name}`);
  return name;
}
