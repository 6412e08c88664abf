import { openEmbeddedEngine } from '@/lib/engines/embedded';
const engine = await openEmbeddedEngine({ dataDir: process.argv[2]!, idleMs: 600_000, door: { listen: { host: '127.0.0.1', port: 0 }, publicHost: '127.0.0.1' } });
if (!(await engine.getDatabase('bench'))) await engine.createDatabase('bench');
const { password } = await engine.abilities.credentials!.reveal('bench', 'read-write');
const info = await engine.connectionInfo('bench');
console.log(`URL postgres://app:${password}@127.0.0.1:${info.port}/bench?sslmode=require`);
process.on('SIGTERM', () => void engine.close().then(() => process.exit(0)));
setInterval(() => {}, 1 << 30);
