import type { SessionInfo, SessionsAbility } from '../types';
import { ROLES } from '../front-door/credentials';
import type { ServerSet } from './servers';

const CLIENT_ROLES = [ROLES.readWrite, ROLES.readOnly];
const QUERY_SHOWN = 500;

interface ActivityRow {
  pid: number;
  usename: string;
  backend_start: Date;
  state: string | null;
  query: string | null;
  state_change: Date | null;
  wait_event_type: string | null;
  wait_event: string | null;
}

/**
 * Who is connected, from the environment's own pg_stat_activity (client roles only), with the
 * address each client came from as the front door saw it; ending one is pg_terminate_backend.
 */
export function postgresSessions(servers: ServerSet, addressOf: (pid: number) => string | null): SessionsAbility {
  const listActivity = (database: string) =>
    servers.use(database, (server) =>
      server.asSuperuser(
        'postgres',
        async (client) =>
          (
            await client.query<ActivityRow>(
              `SELECT pid, usename, backend_start, state, query, state_change, wait_event_type, wait_event
               FROM pg_stat_activity WHERE datname = $1 AND usename = ANY($2) ORDER BY backend_start`,
              [database, CLIENT_ROLES],
            )
          ).rows,
      ),
    );
  return {
    async list(database) {
      if (!servers.isRunning(database)) return [];
      const rows = await listActivity(database).catch((error: unknown) => {
        // A server shutting down (idle stop, restore) has nobody left to list.
        if ((error as { code?: unknown }).code === '57P03') return [];
        throw error;
      });
      return rows.map((row): SessionInfo => ({
        id: String(row.pid),
        user: row.usename,
        address: addressOf(row.pid),
        since: row.backend_start,
        state: row.state ?? 'unknown',
        query: row.query ? row.query.slice(0, QUERY_SHOWN) : null,
        stateSince: row.state_change,
        // An idle session "waits" for its client (ClientRead): only a running statement's wait is news.
        waitingFor: row.state === 'active' && row.wait_event_type ? `${row.wait_event_type}: ${row.wait_event}` : null,
      }));
    },
    async end(database, id) {
      if (!/^\d{1,10}$/.test(id) || !servers.isRunning(database)) return false;
      return servers.use(database, (server) =>
        server.asSuperuser('postgres', async (client) => {
          const { rows } = await client.query<{ ended: boolean }>(
            'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE pid = $1 AND datname = $2 AND usename = ANY($3)',
            [Number(id), database, CLIENT_ROLES],
          );
          return rows[0]?.ended ?? false;
        }),
      );
    },
  };
}
