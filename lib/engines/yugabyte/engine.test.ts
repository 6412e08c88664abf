import { afterAll, describe, expect, it } from 'vitest';
import { summarizeCapabilities } from '@/lib/engines/types';
import { yugabyteCapabilities } from './capabilities';
import { KeyedQueue } from './clones';
import { DatabaseRunners } from './context';
import { createYugabyteEngine } from './engine';
import { DEFAULT_PG_LIMITS, PgRunner, parsePgUrl } from './pool';
import { tableDifferences } from './restore';
import { parseRetention } from './retention';
import { SnapshotStore } from './snapshot-store';
import { connectionInfoFor } from './usage';

// Building the engine does not connect; nothing listens on this port and nothing is asked.
const target = parsePgUrl('postgres://yugabyte@127.0.0.1:1/yugabyte', 5433);
const admin = new PgRunner(target, DEFAULT_PG_LIMITS, 'YugabyteDB at 127.0.0.1:1');
const databases = new DatabaseRunners(target, 'YugabyteDB at 127.0.0.1:1');
afterAll(async () => {
  await databases.closeAll();
  await admin.close();
});

const engine = createYugabyteEngine({
  admin,
  target,
  version: { release: '2024.2.1.0', postgres: '11.2', label: 'YugabyteDB 2024.2.1.0 (PostgreSQL 11.2)' },
  store: new SnapshotStore(admin),
  retention: parseRetention('3d'),
  queue: new KeyedQueue(),
  databases,
  now: () => new Date('2025-03-01T12:34:00Z'),
  cloneWait: { timeoutMs: 1000, intervalMs: 10 },
});

describe('the YugabyteDB engine without a server', () => {
  it('summarises to the static descriptor the docs table is built from', () => {
    expect(summarizeCapabilities(engine)).toEqual(yugabyteCapabilities);
  });

  it('refuses what it cannot do before touching the network', async () => {
    await expect(engine.createSnapshot('s1', { level: 'cluster' })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await expect(engine.cloneDatabase({ source: 'prod', target: 'postgres', from: { kind: 'now' } })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(engine.abilities.restore!.restoreDatabase('template1', 's1')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(engine.dropDatabase('yugabyte')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('reads a URL with the YSQL port by default and gives a ysqlsh command', () => {
    expect(parsePgUrl('postgres://yugabyte@db', 5433)).toMatchObject({ port: 5433, database: 'yugabyte' });
    const info = connectionInfoFor(parsePgUrl('postgres://app:secret@db:5433/prod'), 'dev');
    expect(info.url).toBe('postgres://app:***@db:5433/dev');
    expect(info.command).toBe("ysqlsh -h db -p 5433 -U 'app' -d dev");
  });
});

describe('restore verification', () => {
  it('names the tables a clone lacks or has in excess', () => {
    expect(tableDifferences(['public.a', 'public.b'], ['public.a', 'public.b'])).toEqual({ missing: [], extra: [] });
    expect(tableDifferences(['public.a', 'public.b'], ['public.a', 'public.c'])).toEqual({ missing: ['public.b'], extra: ['public.c'] });
  });
});
