import { configFrom, type EnvVars } from '@/lib/config';
import { metadataDir } from '@/lib/home';

/**
 * Where the metadata store lives: any PostgreSQL (or YugabyteDB) named by DATABASE_URL,
 * so several dashboard replicas can share it; otherwise an embedded PGlite database in
 * `${CLONEDECK_HOME:-.clonedeck}/meta`, owned by one process.
 */
export type MetadataStoreConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export function metadataStoreConfigFromEnv(env: EnvVars = process.env): MetadataStoreConfig {
  const url = configFrom(env).DATABASE_URL;
  return url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: metadataDir(env) };
}

/** For logs: the URL with its password hidden. */
export function describeMetadataStore(config: MetadataStoreConfig): string {
  if (config.kind === 'pglite') return `embedded PGlite at ${config.dataDir}`;
  try {
    const url = new URL(config.url);
    if (url.password) url.password = '***';
    return `PostgreSQL at ${url.toString()}`;
  } catch {
    return 'PostgreSQL (unparseable DATABASE_URL)';
  }
}
