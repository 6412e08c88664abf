import { textTable } from '@/lib/format/text-table';
import { formatBytes } from '@/lib/format/bytes';
import type { ApiEnvironment, ApiEnvironmentState, ApiSnapshot } from '@/lib/api/schemas';
import type { ApiRequestError } from './api-client';
import { EXIT } from './exit-codes';
import type { CliIO } from './io';

/** Success: one JSON document (`{ ok: true, … }`) with --json, else the text. */
export function done(io: CliIO, json: boolean, document: object, text: string): number {
  io.out(json ? JSON.stringify({ ok: true, ...document }) : text);
  return EXIT.ok;
}

/** Failure: one JSON document on stdout with --json (so pipelines can parse it), else a line on stderr. */
export function reportApiError(error: ApiRequestError, json: boolean, io: CliIO): number {
  if (json) io.out(JSON.stringify({ ok: false, code: error.code, message: error.message, status: error.status }));
  else io.err(`clonedeck: ${error.message}`);
  return error.exitCode;
}

export function environmentTable(environments: ApiEnvironment[]): string {
  if (environments.length === 0) return 'No environments.';
  return textTable(
    ['NAME', 'STATUS', 'TEAM', 'EXPIRES', 'OWN', 'PURPOSE'],
    environments.map((environment) => [
      environment.name,
      environment.status,
      environment.team ?? '(production)',
      environment.expiresAt ?? 'never',
      environment.ownBytes === null ? '-' : formatBytes(environment.ownBytes),
      environment.purpose,
    ]),
  );
}

export function snapshotTable(snapshots: ApiSnapshot[]): string {
  if (snapshots.length === 0) return 'No snapshots.';
  return textTable(
    ['NAME', 'OF', 'TAKEN', 'PURPOSE'],
    snapshots.map((snapshot) => [
      snapshot.name,
      snapshot.table ? `${snapshot.database}.${snapshot.table}` : (snapshot.database ?? snapshot.level),
      snapshot.createdAt,
      snapshot.purpose,
    ]),
  );
}

export function environmentDetails(environment: ApiEnvironment | ApiEnvironmentState): string {
  return Object.entries(environment)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join('\n');
}
