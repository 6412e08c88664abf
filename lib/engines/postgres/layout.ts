import fs from 'node:fs';
import path from 'node:path';
import type { ServerUser } from './binaries';

const INCOMING = '.incoming-';
const OUTGOING = '.outgoing-';

/**
 * Where things live in the store: `template/` (initdb'd once), `databases/<name>/` and
 * `snapshots/<name>/` (PostgreSQL data directories, owned by the server's user, mode 0700),
 * `catalog.json` and `credentials.key` (the engine's, mode 0600). Folders above the data
 * directories can be entered but not listed by the server's user (0711 when we are root).
 */
export class StoreLayout {
  constructor(
    readonly root: string,
    private readonly user: ServerUser,
  ) {
    const mode = user.uid === undefined ? 0o700 : 0o711;
    for (const dir of [root, this.databases, this.snapshots]) {
      fs.mkdirSync(dir, { recursive: true, mode });
      fs.chmodSync(dir, mode);
    }
    if (user.uid !== undefined) letServerUserThrough(path.dirname(path.resolve(root)));
  }

  get databases(): string {
    return path.join(this.root, 'databases');
  }

  get snapshots(): string {
    return path.join(this.root, 'snapshots');
  }

  get template(): string {
    return path.join(this.root, 'template');
  }

  /** The zero-filled WAL segment new copies share (wal-blank.ts). */
  get walBlank(): string {
    return path.join(this.root, 'wal-blank');
  }

  get catalogFile(): string {
    return path.join(this.root, 'catalog.json');
  }

  /** Where a restore puts the database's replacement while it is being copied. */
  incoming(name: string): string {
    return path.join(this.databases, `${INCOMING}${name}`);
  }

  /** Where a restore moves the database it replaces, until the replacement is in place. */
  outgoing(name: string): string {
    return path.join(this.databases, `${OUTGOING}${name}`);
  }

  database(name: string): string {
    return path.join(this.databases, name);
  }

  snapshot(name: string): string {
    return path.join(this.snapshots, name);
  }

  /** A new data directory's place, made ready for the server's user before a copy lands in it. */
  own(dir: string): void {
    if (this.user.uid !== undefined && fs.existsSync(dir)) fs.chownSync(dir, this.user.uid, this.user.gid!);
  }

  /**
   * Data directories the catalog does not know (a crash between copy and record) are removed;
   * a restore interrupted between its two renames gets its database back.
   */
  removeOrphans(known: { databases: string[]; snapshots: string[] }): void {
    for (const entry of fs.readdirSync(this.databases)) {
      const name = entry.startsWith(OUTGOING) ? entry.slice(OUTGOING.length) : null;
      if (name && known.databases.includes(name) && !fs.existsSync(this.database(name))) {
        fs.renameSync(path.join(this.databases, entry), this.database(name));
      }
    }
    for (const [dir, names] of [
      [this.databases, known.databases],
      [this.snapshots, known.snapshots],
    ] as const) {
      for (const entry of fs.readdirSync(dir)) {
        if (!names.includes(entry)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
      }
    }
  }
}

/**
 * Run as root, the servers run as `postgres`, which must be able to pass through every folder
 * above its data directories. Folders that let nobody else through (a 0700 home) get the
 * execute bit for others only: entering by name, never listing or reading.
 */
function letServerUserThrough(dir: string): void {
  for (let current = dir; ; current = path.dirname(current)) {
    const mode = fs.statSync(current).mode & 0o777;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(current, mode | 0o001);
      console.warn(
        `[clonedeck] ${current}: mode ${(mode | 0o001).toString(8)} (was ${mode.toString(8)}) so the postgres user can reach its data directories`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}
