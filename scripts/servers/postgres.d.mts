import type { StartedServer } from './started-server';

export function startTestPostgres(options?: { parent?: string; durable?: boolean; bin?: string }): Promise<StartedServer>;
export function debianPostgresBin(): string;
export function withoutDebianCluster(): void;
