import fs from 'node:fs';
import path from 'node:path';
import type { SealedCredentials } from '../front-door/environment-keys';

/** What the engine records beside the data directories (the servers record the rest). */
export interface DatabaseRecord {
  createdAt: string;
  origin?: { database: string; snapshot?: string };
  /** The environment's passwords, encrypted with the store's key (see credentials.ts), and how long they are valid. */
  credentials: SealedCredentials;
}

export interface SnapshotRecord {
  database: string;
  createdAt: string;
}

export interface CatalogData {
  version: 1;
  databases: Record<string, DatabaseRecord>;
  snapshots: Record<string, SnapshotRecord>;
}

/**
 * The catalog, rewritten whole on every change through a temporary file and a rename, so a
 * crash leaves the old or the new catalog, never a torn one. Data directories are created
 * before they are recorded and removed after they are forgotten, so a directory without a
 * record (a crash between the two) is an orphan the engine removes at start.
 */
export class Catalog {
  private data: CatalogData;

  constructor(private readonly file: string) {
    this.data = fs.existsSync(file)
      ? (JSON.parse(fs.readFileSync(file, 'utf8')) as CatalogData)
      : { version: 1, databases: {}, snapshots: {} };
  }

  get current(): Readonly<CatalogData> {
    return this.data;
  }

  update(change: (data: CatalogData) => void): void {
    const next = structuredClone(this.data);
    change(next);
    const temporary = `${this.file}.${process.pid}.tmp`;
    const handle = fs.openSync(temporary, 'w', 0o600);
    try {
      fs.writeSync(handle, JSON.stringify(next, null, 1));
      fs.fsyncSync(handle);
    } finally {
      fs.closeSync(handle);
    }
    fs.renameSync(temporary, this.file);
    const folder = fs.openSync(path.dirname(this.file), 'r');
    fs.fsyncSync(folder);
    fs.closeSync(folder);
    this.data = next;
  }
}
