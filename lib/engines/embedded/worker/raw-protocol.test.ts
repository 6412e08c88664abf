import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanReply, simpleQuery } from '../wire/frames';
import { runWireBytes } from './raw-protocol';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Every DataRow of a reply, as its first column's text. */
function firstColumns(reply: Uint8Array): string[] {
  const bytes = Buffer.from(reply);
  const values: string[] = [];
  for (let at = 0; at < bytes.length; at += 1 + bytes.readInt32BE(at + 1)) {
    if (bytes[at] !== 0x44 /* D */) continue;
    const length = bytes.readInt32BE(at + 7);
    values.push(bytes.toString('utf8', at + 11, at + 11 + length));
  }
  return values;
}

describe('clients’ wire bytes through PGlite', () => {
  let pg: PGlite;
  beforeAll(async () => {
    pg = await PGlite.create();
  });
  afterAll(() => pg.close());

  it('come back whole, in one buffer of their own, and keep nothing after the reply', async () => {
    const sql = `SELECT g, repeat('x', 100) FROM generate_series(1, 1000) g`;
    const first = await runWireBytes(pg, simpleQuery(sql));
    expect(firstColumns(first)).toEqual(Array.from({ length: 1000 }, (_, index) => String(index + 1)));
    expect(scanReply(Buffer.from(first)).status).toBe('I');
    expect(first.byteLength).toBe(first.buffer.byteLength);

    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let round = 0; round < 300; round++) await runWireBytes(pg, simpleQuery(sql));
    collectGarbage();
    // PGlite's execProtocolRaw kept every parsed message: ~80 MB after these 300 replies.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(16 * 2 ** 20);
  });

  it('leave PGlite’s own query API answering after them', async () => {
    await runWireBytes(pg, simpleQuery('CREATE TABLE seen (n int); INSERT INTO seen VALUES (1), (2)'));
    const { rows } = await pg.query<{ n: number }>('SELECT n FROM seen ORDER BY n');
    expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
    await runWireBytes(pg, simpleQuery('INSERT INTO seen VALUES (3)'));
    expect((await pg.exec('SELECT count(*) FROM seen'))[0]!.rows).toEqual([{ count: 3 }]);
  });
});
