import path from 'node:path';
import type { FrontDoorOptions } from '../front-door/front-door';
import { ROLES } from '../front-door/credentials';
import { type DoorMembership, joinFrontDoor } from '../front-door/shared-door';
import type { PostgresEngine } from './engine';
import { SOCKET_PORT } from './server';

/**
 * The PostgreSQL engine behind the front door: a client of environment X reaches X's server
 * (started on the first connection and kept running while clients stay), as one of X's roles.
 */
export async function openFrontDoor(
  engine: PostgresEngine,
  options: Pick<FrontDoorOptions, 'listen'> & { publicHost: string; plaintext?: FrontDoorOptions['plaintext'] },
): Promise<DoorMembership> {
  const membership = await joinFrontDoor(
    {
      users: new Set([ROLES.readWrite, ROLES.readOnly]),
      verifierOf: (database, user) => engine.verifierOf(database, user === ROLES.readOnly ? 'read-only' : 'read-write'),
      async route(database) {
        await engine.requireDatabase(database);
        const { server, release } = await engine.servers.hold(database);
        return { socketPath: path.join(server.socketDir, `.s.PGSQL.${SOCKET_PORT}`), release };
      },
      has: async (database) => (await engine.getDatabase(database)) !== null,
    },
    { ...options, tlsDir: path.join(engine.storeDir, 'tls') },
  );
  const { door } = membership;
  engine.clientAddressOf = (pid) => door.connectedClients().find((client) => client.pid === pid)?.address ?? null;
  engine.reserveName = membership.reserve;
  return membership;
}
