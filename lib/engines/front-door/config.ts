import type { EnvVars } from '@/lib/home';

export interface FrontDoorAddress {
  /** Where the front door listens (CLONEDECK_ENGINE_LISTEN, default 127.0.0.1:6432). */
  listen: { host: string; port: number };
  /** What connection strings tell users (CLONEDECK_PUBLIC_HOST, default the listen host). */
  public: { host: string; port: number };
}

/** Reads host:port; a bad value names its variable. */
function hostPort(variable: string, value: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || !(port > 0 && port < 65536)) throw new Error(`${variable} must be host:port, got "${value}".`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

export function frontDoorAddress(env: EnvVars = process.env): FrontDoorAddress {
  const listen = hostPort('CLONEDECK_ENGINE_LISTEN', env.CLONEDECK_ENGINE_LISTEN || '127.0.0.1:6432');
  const publicHost = env.CLONEDECK_PUBLIC_HOST || (listen.host === '0.0.0.0' || listen.host === '::' ? 'localhost' : listen.host);
  return { listen, public: { host: publicHost, port: listen.port } };
}
