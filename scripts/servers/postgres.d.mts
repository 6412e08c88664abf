import type { StartedServer } from './started-server';

export function startTestPostgres(options?: { parent?: string; durable?: boolean }): Promise<StartedServer>;
