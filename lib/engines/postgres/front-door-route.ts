import path from 'node:path';
import { FrontDoor, type FrontDoorOptions } from '../front-door/front-door';
import { frontDoorTls } from '../front-door/tls';
import { ROLES } from '../front-door/credentials';
import type { PostgresEngine } from './engine';
import { SOCKET_PORT } from './server';

/**
 * The front door for the PostgreSQL engine: a client of environment X reaches X's server
 * (started on the first connection and kept running while clients stay), as one of X's roles.
 */
export async function openFrontDoor(
  engine: PostgresEngine,
  options: Pick<FrontDoorOptions, 'listen'> & { publicHost: string; plaintext?: FrontDoorOptions['plaintext'] },
): Promise<FrontDoor> {
  const { context } = frontDoorTls(path.join(engine.storeDir, 'tls'), options.publicHost);
  const door = new FrontDoor(
    {
      users: new Set([ROLES.readWrite, ROLES.readOnly]),
      verifierOf: (database, user) => engine.verifierOf(database, user === ROLES.readOnly ? 'read-only' : 'read-write'),
      async route(database) {
        await engine.requireDatabase(database);
        const { server, release } = await engine.servers.hold(database);
        return { socketPath: path.join(server.socketDir, `.s.PGSQL.${SOCKET_PORT}`), release };
      },
    },
    { listen: options.listen, tls: context, plaintext: options.plaintext ?? 'loopback' },
  );
  await door.listen();
  engine.clientAddressOf = (pid) => door.connectedClients().find((client) => client.pid === pid)?.address ?? null;
  return door;
}
