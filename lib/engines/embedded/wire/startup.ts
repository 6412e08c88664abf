import type net from 'node:net';
import { CANCEL_REQUEST, MAX_STARTUP_BYTES, parseFirstPacket } from '../../front-door/protocol';

export type Startup =
  { kind: 'startup'; parameters: Map<string, string>; rest: Buffer } | { kind: 'cancel'; processId: number; secret: number };

const STARTUP_TIMEOUT_MS = 10_000;

/** The first packet the front door passes on: the client's start-up message, or a cancel request. */
export function readStartup(socket: net.Socket): Promise<Startup> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error('no start-up packet')), STARTUP_TIMEOUT_MS);
    const finish = (error: Error | null, result?: Startup) => {
      clearTimeout(timer);
      socket.off('data', onData).off('close', onClose);
      socket.pause();
      if (error) reject(error);
      else resolve(result!);
    };
    const onClose = () => finish(new Error('closed before start-up'));
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length < 8) return;
      const length = buffer.readInt32BE(0);
      if (length < 8 || length > MAX_STARTUP_BYTES) return finish(new Error('invalid start-up packet'));
      if (buffer.length < length) return;
      const packet = buffer.subarray(0, length);
      if (packet.readInt32BE(4) === CANCEL_REQUEST && length === 16) {
        return finish(null, { kind: 'cancel', processId: packet.readInt32BE(8), secret: packet.readInt32BE(12) });
      }
      const first = parseFirstPacket(packet);
      if (first.kind !== 'startup') return finish(new Error('expected a start-up message'));
      finish(null, { kind: 'startup', parameters: first.parameters, rest: buffer.subarray(length) });
    };
    socket.on('data', onData).on('close', onClose);
    socket.resume();
  });
}
