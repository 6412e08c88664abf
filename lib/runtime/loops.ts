/**
 * Periodic background work of the server process (reaper, usage sampler, webhook
 * deliveries, reconciler): each loop runs its pass, then waits its interval — never two
 * passes of one loop at once; a failed pass is logged and the loop goes on.
 */
interface Loop {
  name: string;
  intervalMs: number;
  pass: () => Promise<void>;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

const globals = globalThis as typeof globalThis & { __clonedeckLoops?: Map<string, Loop> };
const loops = (globals.__clonedeckLoops ??= new Map());

export function startLoop(name: string, intervalMs: number, pass: () => Promise<void>): void {
  if (loops.has(name)) return;
  const loop: Loop = { name, intervalMs, pass };
  loops.set(name, loop);
  const tick = () => {
    loop.running = pass()
      .catch((error: unknown) => console.error(`[clonedeck] ${name} pass failed:`, error))
      .finally(() => {
        loop.running = undefined;
        if (loops.get(name) === loop) loop.timer = setTimeout(tick, intervalMs);
      });
  };
  loop.timer = setTimeout(tick, Math.min(intervalMs, 2_000));
  loop.timer.unref?.();
}

/** Stops every loop and waits for passes under way (tests, shutdown). */
export async function stopLoops(): Promise<void> {
  const stopping = [...loops.values()];
  loops.clear();
  for (const loop of stopping) clearTimeout(loop.timer);
  await Promise.all(stopping.map((loop) => loop.running));
}
