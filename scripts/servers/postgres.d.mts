import type { StartedServer } from './started-server';

export function startTestPostgres(options?: {
  parent?: string;
  durable?: boolean;
  /** A certificate and its key: the server turns `ssl` on with copies of them. */
  tls?: { cert: string; key: string };
  /** A folder with initdb and postgres to use instead of the npm binaries. */
  bin?: string;
}): Promise<StartedServer & { socketDir: string }>;
export function debianPostgresBin(): string;
export function withoutDebianCluster(): void;
