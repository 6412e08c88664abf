import type { SnapshotView, EnvironmentView } from '@/lib/domain/environments/views';
import type { ConnectionInfo } from '@/lib/engines/types';
import type { Environment, Snapshot } from '@/lib/generated/prisma/client';
import type { ApiConnection, ApiEnvironment, ApiEnvironmentState, ApiSnapshot } from './schemas';

/** Domain views → the API's documented shapes (see schemas.ts); nothing else leaves the API. */

export function toApiEnvironmentState(row: Environment): ApiEnvironmentState {
  return {
    name: row.name,
    engine: row.engineId,
    status: row.status,
    statusMessage: row.statusMessage,
    lastError: row.lastError,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

export function toApiEnvironment(view: EnvironmentView): ApiEnvironment {
  return {
    name: view.name,
    engine: view.engineId,
    status: view.status,
    statusMessage: view.statusMessage,
    lastError: view.lastError,
    expiresAt: view.expiresAt,
    team: view.team?.name ?? null,
    purpose: view.purpose,
    createdBy: view.createdBy.email,
    createdAt: view.createdAt,
    isProduction: view.isProduction,
    protected: view.protected,
    sourceDatabase: view.sourceDatabase,
    sourceSnapshot: view.sourceSnapshot?.name ?? null,
    logicalBytes: view.logicalBytes,
    ownBytes: view.ownBytes,
    freedIfDroppedBytes: view.freedIfDroppedBytes,
    pinnedBytes: view.pinnedBytes,
  };
}

export function toApiSnapshot(snapshot: SnapshotView | (Snapshot & { resetPointOf?: undefined })): ApiSnapshot {
  return {
    name: snapshot.name,
    engine: snapshot.engineId,
    level: snapshot.level,
    database: snapshot.database,
    table: snapshot.table,
    purpose: snapshot.purpose,
    createdAt: typeof snapshot.createdAt === 'string' ? snapshot.createdAt : snapshot.createdAt.toISOString(),
    resetPointOf: snapshot.resetPointOf ?? null,
    // A snapshot just taken (a row, not a view) has not been measured yet.
    freedIfDroppedBytes: 'freedIfDroppedBytes' in snapshot ? snapshot.freedIfDroppedBytes : null,
  };
}

export function toApiConnection(name: string, info: ConnectionInfo): ApiConnection {
  return {
    name,
    protocol: info.protocol,
    host: info.host,
    port: info.port,
    user: info.user,
    database: info.database,
    url: info.url,
    command: info.command,
    notes: info.notes,
    ...(info.access ? { access: info.access } : {}),
    ...(info.password ? { password: info.password } : {}),
  };
}
