import type { WorkerHandle } from '../worker/worker-handle';
import { COPY_FAIL, cstring, MAX_MESSAGE_BYTES, message, type Message, scanReply, simpleQuery, type TransactionStatus } from './frames';
import type { SharedBackend } from './shared-backend';

const COPY_PROBE_SAVEPOINT = 'clonedeck_copy_probe';

/**
 * A client's COPY … FROM STDIN. PGlite cannot wait for input in the middle of a statement, so
 * the query runs once with no data (to learn the CopyInResponse the client must get), the
 * client's CopyData is gathered here, and the query runs again with all of it in one call.
 */
export class CopyIn {
  private readonly data: Buffer[] = [];
  private bytes = 0;
  private tooLarge = false;

  constructor(readonly sql: string) {}

  /**
   * Takes the client's messages: CopyData until CopyDone or CopyFail. Answers the call that
   * runs the whole COPY once it ended, or null while more is to come (Flush and Sync during COPY
   * are ignored, as the backend would).
   */
  take(inbox: Message[]): Buffer | null {
    while (inbox.length) {
      const next = inbox.shift()!;
      if (next.type === 'd') {
        this.bytes += next.raw.length;
        if (this.bytes > MAX_MESSAGE_BYTES) this.tooLarge = true;
        if (!this.tooLarge) this.data.push(next.raw);
      } else if (next.type === 'c' || next.type === 'f') {
        return this.call(next);
      }
    }
    return null;
  }

  private call(end: Message): Buffer {
    const query = simpleQuery(this.sql);
    if (!this.tooLarge) return Buffer.concat([query, ...this.data, end.raw]);
    return Buffer.concat([query, message('f', cstring(`COPY data over ${MAX_MESSAGE_BYTES / 1024 / 1024} MB in one statement; split it`))]);
  }
}

/**
 * Runs the COPY with no data to learn its CopyInResponse (columns and format). Inside a
 * transaction a savepoint keeps the failed probe from aborting it. A statement that was not a
 * COPY FROM STDIN after all runs for real: its answer is then the client's answer.
 */
export async function probeCopy(
  backend: SharedBackend,
  worker: WorkerHandle,
  role: 'read-write' | 'read-only',
  status: TransactionStatus,
  sql: string,
): Promise<Buffer> {
  const alone = Buffer.concat([simpleQuery(sql), COPY_FAIL]);
  if (status !== 'T') return backend.run(worker, role, alone);
  const reply = await backend.run(
    worker,
    role,
    Buffer.concat([
      simpleQuery(`SAVEPOINT ${COPY_PROBE_SAVEPOINT}`),
      simpleQuery(sql),
      COPY_FAIL,
      simpleQuery(`ROLLBACK TO SAVEPOINT ${COPY_PROBE_SAVEPOINT}; RELEASE SAVEPOINT ${COPY_PROBE_SAVEPOINT}`),
    ]),
  );
  if (scanReply(reply).messages.some((entry) => entry.type === 'G')) return reply;
  // Not a COPY FROM STDIN: it ran inside the savepoint and was undone; run it for real.
  return backend.run(worker, role, alone);
}

/** The CopyInResponse of a probe, when the statement was a COPY FROM STDIN. */
export function copyInResponse(probe: Buffer): Buffer | null {
  const entry = scanReply(probe).messages.find((candidate) => candidate.type === 'G');
  return entry ? probe.subarray(entry.start, entry.end) : null;
}

/** The COPY's answer without the CopyInResponse the client had from the probe already. */
export function withoutCopyIn(reply: Buffer): Buffer {
  const scan = scanReply(reply);
  return Buffer.concat(scan.messages.filter((entry) => entry.type !== 'G').map((entry) => reply.subarray(entry.start, entry.end)));
}
