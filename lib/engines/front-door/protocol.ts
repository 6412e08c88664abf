/**
 * The few parts of the PostgreSQL wire protocol the front door reads: the first packet a
 * client sends (SSL / GSS encryption requests, a cancel request, the startup message), and
 * the server's BackendKeyData and ReadyForQuery messages during start-up. Everything after
 * start-up is passed through untouched.
 */

import type net from 'node:net';

export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;
/** Protocol 3.0 and 3.2 (PostgreSQL 18) start-up messages. */
export const PROTOCOL_VERSIONS = new Set([196608, 196610]);

/** Longest first packet accepted: start-up parameters are short; anything bigger is hostile. */
export const MAX_STARTUP_BYTES = 10_000;

export type FirstPacket =
  | { kind: 'ssl' }
  | { kind: 'gssenc' }
  | { kind: 'cancel'; key: string; raw: Buffer }
  | { kind: 'startup'; parameters: Map<string, string>; raw: Buffer }
  | { kind: 'invalid'; reason: string };

/** Length of the packet at the start of `buffer`, or null when fewer than 4 bytes arrived. */
export function packetLength(buffer: Buffer): number | null {
  return buffer.length < 4 ? null : buffer.readInt32BE(0);
}

/** Parses one complete first packet (length-prefixed, no type byte). */
export function parseFirstPacket(packet: Buffer): FirstPacket {
  if (packet.length < 8) return { kind: 'invalid', reason: 'packet too short' };
  const code = packet.readInt32BE(4);
  if (code === SSL_REQUEST) return { kind: 'ssl' };
  if (code === GSSENC_REQUEST) return { kind: 'gssenc' };
  if (code === CANCEL_REQUEST) return { kind: 'cancel', key: packet.subarray(8).toString('hex'), raw: packet };
  if (!PROTOCOL_VERSIONS.has(code)) return { kind: 'invalid', reason: `unsupported protocol ${code >> 16}.${code & 0xffff}` };
  const parameters = new Map<string, string>();
  const fields = packet.subarray(8).toString('utf8').split('\0');
  for (let index = 0; index + 1 < fields.length && fields[index] !== ''; index += 2) {
    parameters.set(fields[index]!, fields[index + 1]!);
  }
  return { kind: 'startup', parameters, raw: packet };
}

/** An ErrorResponse with severity FATAL, as a server would send before closing. */
export function fatalError(sqlState: string, message: string): Buffer {
  const fields = [`SFATAL`, `VFATAL`, `C${sqlState}`, `M${message}`].map((field) => Buffer.from(`${field}\0`, 'utf8'));
  const body = Buffer.concat([...fields, Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

/** A FATAL error, then the connection is gone (a refused client that does not hang up keeps nothing open). */
export function refuse(socket: net.Socket, sqlState: string, message: string): void {
  socket.end(fatalError(sqlState, message), () => socket.destroy());
}

/**
 * Reads server messages (type byte + length) during start-up: reports BackendKeyData's key
 * and tells when ReadyForQuery arrived, after which the stream is no longer inspected.
 */
export class StartupWatcher {
  private pending: Buffer = Buffer.alloc(0);
  done = false;

  constructor(private readonly onKey: (key: string) => void) {}

  feed(chunk: Buffer): void {
    if (this.done) return;
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 5) {
      const length = this.pending.readInt32BE(1);
      if (this.pending.length < 1 + length) return;
      const type = String.fromCharCode(this.pending[0]!);
      if (type === 'K') this.onKey(this.pending.subarray(5, 1 + length).toString('hex'));
      this.pending = this.pending.subarray(1 + length);
      if (type === 'Z') {
        this.done = true;
        this.pending = Buffer.alloc(0);
        return;
      }
    }
  }
}

/** An Authentication message ('R') with its code and data (SASL: 10, continue: 11, final: 12). */
export function authenticationMessage(code: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(9);
  header.write('R', 0, 'latin1');
  header.writeInt32BE(8 + data.length, 1);
  header.writeInt32BE(code, 5);
  return Buffer.concat([header, data]);
}

/** AuthenticationSASL offering SCRAM-SHA-256 only (no channel binding through a proxy). */
export const SASL_OFFER = authenticationMessage(10, Buffer.from('SCRAM-SHA-256\0\0', 'latin1'));

/** SASLInitialResponse ('p'): the mechanism and the client-first message; null when malformed. */
export function parseSaslInitial(body: Buffer): { mechanism: string; data: string } | null {
  const end = body.indexOf(0);
  if (end < 0 || body.length < end + 5) return null;
  const length = body.readInt32BE(end + 1);
  const data = body.subarray(end + 5);
  if (length !== data.length) return null;
  return { mechanism: body.subarray(0, end).toString('latin1'), data: data.toString('utf8') };
}
