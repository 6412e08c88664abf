/**
 * Wire-protocol framing for the embedded engine's client sessions: reading a client's typed
 * messages, building the backend messages the session answers itself (start-up, errors,
 * ReadyForQuery), and scanning what the backend answered.
 */

/** The largest message a client may send (PostgreSQL's own limit for most messages is 1 GB). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

export interface Message {
  type: string;
  /** The whole message: type byte, length, body. */
  raw: Buffer;
  body: Buffer;
}

export class ProtocolViolation extends Error {}

/** Splits a client's byte stream into typed messages. */
export class MessageReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Message[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const messages: Message[] = [];
    let offset = 0;
    while (this.pending.length - offset >= 5) {
      const length = this.pending.readInt32BE(offset + 1);
      if (length < 4 || length > MAX_MESSAGE_BYTES) throw new ProtocolViolation(`invalid message length ${length}`);
      if (this.pending.length - offset < 1 + length) break;
      const raw = this.pending.subarray(offset, offset + 1 + length);
      messages.push({ type: String.fromCharCode(raw[0]!), raw, body: raw.subarray(5) });
      offset += 1 + length;
    }
    this.pending = offset === this.pending.length ? Buffer.alloc(0) : this.pending.subarray(offset);
    return messages;
  }
}

export function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

export function cstring(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'utf8');
}

/** Reads a NUL-terminated string at `offset`; returns it and the offset after its NUL. */
export function readCString(buffer: Buffer, offset: number): [string, number] {
  const end = buffer.indexOf(0, offset);
  if (end < 0) throw new ProtocolViolation('unterminated string');
  return [buffer.toString('utf8', offset, end), end + 1];
}

export type TransactionStatus = 'I' | 'T' | 'E';

export const readyForQuery = (status: TransactionStatus) => message('Z', Buffer.from(status, 'latin1'));
export const simpleQuery = (sql: string) => message('Q', cstring(sql));
export const SYNC = message('S');
/** CopyFail: ignored by the backend outside COPY; inside one, it ends the COPY instead of waiting for input. */
export const COPY_FAIL = message('f', cstring('the client did not send COPY data in the same turn'));

export function errorResponse(sqlState: string, text: string, severity: 'ERROR' | 'FATAL' = 'ERROR'): Buffer {
  return message(
    'E',
    Buffer.concat([cstring(`S${severity}`), cstring(`V${severity}`), cstring(`C${sqlState}`), cstring(`M${text}`), Buffer.from([0])]),
  );
}

export function parameterStatus(name: string, value: string): Buffer {
  return message('S', Buffer.concat([cstring(name), cstring(value)]));
}

export function backendKeyData(processId: number, secret: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeInt32BE(processId, 0);
  body.writeInt32BE(secret, 4);
  return message('K', body);
}

export const AUTHENTICATION_OK = message('R', Buffer.alloc(4));

export interface BackendReply {
  /** The transaction status of the last ReadyForQuery, or null when none came (a Flush). */
  status: TransactionStatus | null;
  /** Offsets of each message, in order. */
  messages: Array<{ type: string; start: number; end: number }>;
}

/** Scans a backend answer message by message. */
export function scanReply(reply: Buffer): BackendReply {
  const messages: BackendReply['messages'] = [];
  let status: TransactionStatus | null = null;
  for (let offset = 0; offset + 5 <= reply.length;) {
    const type = String.fromCharCode(reply[offset]!);
    const end = offset + 1 + reply.readInt32BE(offset + 1);
    messages.push({ type, start: offset, end });
    if (type === 'Z') status = String.fromCharCode(reply[offset + 5]!) as TransactionStatus;
    offset = end;
  }
  return { status, messages };
}

/** The first column of the first DataRow, as text (null when there is none, or it is NULL). */
export function firstText(reply: Buffer): string | null {
  const row = scanReply(reply).messages.find((entry) => entry.type === 'D');
  if (!row) return null;
  const length = reply.readInt32BE(row.start + 7);
  return length < 0 ? null : reply.toString('utf8', row.start + 11, row.start + 11 + length);
}

/** The SQLSTATE and message of the first ErrorResponse in a reply, if any. */
export function firstError(reply: Buffer, scan: BackendReply): { code: string; message: string } | null {
  const entry = scan.messages.find((candidate) => candidate.type === 'E');
  if (!entry) return null;
  const fields = new Map<string, string>();
  for (let offset = entry.start + 5; offset < entry.end && reply[offset] !== 0;) {
    const [value, next] = readCString(reply, offset + 1);
    fields.set(String.fromCharCode(reply[offset]!), value);
    offset = next;
  }
  return { code: fields.get('C') ?? 'XX000', message: fields.get('M') ?? 'unknown error' };
}
