import { configFrom, type EnvVars } from '@/lib/config';

export interface FrontDoorAddress {
  /** Where the front door listens (CLONEDECK_ENGINE_LISTEN, default 127.0.0.1:6432). */
  listen: { host: string; port: number };
  /** What connection strings tell users (CLONEDECK_PUBLIC_HOST, default the listen host). */
  public: { host: string; port: number };
}

export function frontDoorAddress(env: EnvVars = process.env): FrontDoorAddress {
  const config = configFrom(env);
  const listen = config.CLONEDECK_ENGINE_LISTEN;
  const publicHost = config.CLONEDECK_PUBLIC_HOST || (listen.host === '0.0.0.0' || listen.host === '::' ? 'localhost' : listen.host);
  return { listen, public: { host: publicHost, port: listen.port } };
}
