import { describe, expect, it } from 'vitest';
import { CANCEL_REQUEST, fatalError, parseFirstPacket, SSL_REQUEST, StartupWatcher } from './protocol';

const packet = (code: number, body = Buffer.alloc(0)) => {
  const header = Buffer.alloc(8);
  header.writeInt32BE(8 + body.length, 0);
  header.writeInt32BE(code, 4);
  return Buffer.concat([header, body]);
};

const message = (type: string, body: Buffer) => {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
};

describe('the front door protocol reader', () => {
  it('reads SSL requests, cancel keys and start-up parameters', () => {
    expect(parseFirstPacket(packet(SSL_REQUEST))).toEqual({ kind: 'ssl' });
    const key = Buffer.from('0000002a01020304', 'hex');
    expect(parseFirstPacket(packet(CANCEL_REQUEST, key))).toMatchObject({ kind: 'cancel', key: '0000002a01020304' });
    const startup = parseFirstPacket(packet(196608, Buffer.from('user\0app\0database\0qa_1\0\0')));
    expect(startup.kind === 'startup' && Object.fromEntries(startup.parameters)).toEqual({ user: 'app', database: 'qa_1' });
  });

  it('refuses unknown protocols and short packets', () => {
    expect(parseFirstPacket(packet(131072)).kind).toBe('invalid');
    expect(parseFirstPacket(Buffer.from([0, 0, 0, 4])).kind).toBe('invalid');
  });

  it('writes a FATAL ErrorResponse a client can read', () => {
    const error = fatalError('3D000', 'database "x" does not exist');
    expect(error.subarray(0, 1).toString()).toBe('E');
    expect(error.readInt32BE(1)).toBe(error.length - 1);
    expect(error.toString()).toContain('C3D000\0Mdatabase "x" does not exist\0');
  });

  it('picks the key out of the start-up messages, even split across chunks, and stops at ReadyForQuery', () => {
    const keys: string[] = [];
    const watcher = new StartupWatcher((key) => keys.push(key));
    const stream = Buffer.concat([
      message('R', Buffer.from([0, 0, 0, 0])),
      message('K', Buffer.from('000004d2deadbeef', 'hex')),
      message('Z', Buffer.from('I')),
      message('K', Buffer.from('0000000100000001', 'hex')),
    ]);
    for (let at = 0; at < stream.length; at += 3) watcher.feed(stream.subarray(at, at + 3));
    expect(keys).toEqual(['000004d2deadbeef']);
    expect(watcher.done).toBe(true);
  });
});
