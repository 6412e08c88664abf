import { openEmbeddedEngine } from '../index';
import type { EmbeddedEngine } from '../engine';
import { makeTempDir } from '../store/testing/temp-dir';

/** An embedded engine on a temporary store, its front door on a free loopback port. */
export async function openEmbeddedWithDoor(prefix: string): Promise<{ engine: EmbeddedEngine; close(): Promise<void> }> {
  const temp = makeTempDir(prefix);
  const engine = await openEmbeddedEngine({
    dataDir: temp.dir,
    idleMs: 60_000,
    door: { listen: { host: '127.0.0.1', port: 0 }, publicHost: '127.0.0.1' },
  });
  return {
    engine,
    async close() {
      await engine.close();
      temp.remove();
    },
  };
}
