import { validation } from '@/lib/errors';
import { type EnvVars, metadataDir } from '@/lib/home';

/**
 * Where the metadata store lives: any PostgreSQL (or YugabyteDB) named by DATABASE_URL,
 * so several dashboard replicas can share it; otherwise an embedded PGlite database in
 * `${CLONEDECK_HOME:-.clonedeck}/meta`, owned by one process.
 */
export type MetadataStoreConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export function metadataStoreConfigFromEnv(env: EnvVars = process.env): MetadataStoreConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { kind: 'pglite', dataDir: metadataDir(env) };
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw validation('DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset for the embedded store).');
  }
  return { kind: 'postgres', url };
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
