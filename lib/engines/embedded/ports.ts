import type { LayerStore } from './store/layer-store';
import { RESERVED_PORTS, type WireServer } from './wire-server';

const PORT_ATTEMPTS = 200;

/**
 * Gives each database a stable local port: the one recorded in the catalog when it is
 * free, else the next free one from the base, which is then recorded.
 */
export class PortBook {
  constructor(
    private readonly store: LayerStore,
    private readonly wire: WireServer,
    private readonly base: number,
  ) {}

  async listen(database: string): Promise<number> {
    const already = this.wire.portOf(database);
    if (already) return already;
    const recorded = this.store.database(database).port;
    if (recorded && (await this.tryListen(database, recorded))) return recorded;
    const taken = new Set(Object.values(this.store.snapshotOfCatalog.databases).map((record) => record.port));
    for (let port = this.base, attempts = 0; attempts < PORT_ATTEMPTS; port++, attempts++) {
      if (taken.has(port) || RESERVED_PORTS.has(port)) continue;
      if (await this.tryListen(database, port)) {
        this.store.commit((next) => {
          next.databases[database]!.port = port;
        });
        return port;
      }
    }
    throw new Error(`no free local port found from ${this.base} for ${database}`);
  }

  private async tryListen(database: string, port: number): Promise<boolean> {
    try {
      await this.wire.listen(database, port);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') return false;
      throw error;
    }
  }
}
