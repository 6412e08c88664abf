import { cstring, message, type Message, readCString, readyForQuery } from './frames';

/**
 * A plain BEGIN outside a transaction, answered by the session without the backend: the
 * transaction really starts with the client's next statement, in the same call to the
 * backend. A client holds the single-user backend from the start of its transaction to its
 * end, so its BEGIN's round trip was time every other client waited for nothing; and a client
 * that sits idle after BEGIN holds nothing. The backend's own answer to the BEGIN is checked
 * against the one given (`DeferredBegin.confirms`), so a client is never told anything the
 * backend did not say.
 */
export interface DeferredBegin {
  /** The client's cycle, translated: run just before its next one. */
  bytes: Buffer;
  /** What the client was told: PostgreSQL's answer to that cycle, ending in ReadyForQuery 'T'. */
  answer: Buffer;
}

/** BEGIN [WORK | TRANSACTION] or START TRANSACTION, with nothing else (no isolation level, no read-only). */
const PLAIN_BEGIN = /^\s*(begin(?:\s+(?:work|transaction))?|start\s+transaction)\s*;?\s*$/i;

/**
 * The answer PostgreSQL gives a cycle that only opens a transaction, or null for any other
 * cycle: a simple Query, or Parse/Bind/Describe-portal/Execute/Sync of such a statement
 * (`statementSql` gives the SQL of the client's named statements).
 */
export function predictBegin(cycle: Message[], statementSql: (name: string) => string | null): Buffer | null {
  try {
    return predict(cycle, statementSql);
  } catch {
    return null; // a malformed message: the backend answers it
  }
}

function predict(cycle: Message[], statementSql: (name: string) => string | null): Buffer | null {
  if (cycle.length === 1 && cycle[0]!.type === 'Q') {
    const tag = beginTag(readCString(cycle[0]!.body, 0)[0]);
    return tag ? Buffer.concat([commandComplete(tag), readyForQuery('T')]) : null;
  }
  if (cycle[cycle.length - 1]?.type !== 'S' || cycle.filter((entry) => entry.type === 'E').length !== 1) return null;
  const parsed = new Map<string, string>();
  const answers: Buffer[] = [];
  let tag: string | null = null;
  for (const entry of cycle.slice(0, -1)) {
    switch (entry.type) {
      case 'P': {
        const [name, afterName] = readCString(entry.body, 0);
        const [sql, afterSql] = readCString(entry.body, afterName);
        if (!beginTag(sql) || entry.body.readInt16BE(afterSql) !== 0) return null;
        parsed.set(name, sql);
        answers.push(message('1'));
        break;
      }
      case 'B': {
        const [portal, afterPortal] = readCString(entry.body, 0);
        const [statement, afterStatement] = readCString(entry.body, afterPortal);
        const formats = entry.body.readInt16BE(afterStatement);
        if (portal !== '' || entry.body.readInt16BE(afterStatement + 2 + 2 * formats) !== 0) return null;
        tag = beginTag(parsed.get(statement) ?? statementSql(statement) ?? '');
        if (!tag) return null;
        answers.push(message('2'));
        break;
      }
      case 'D':
        if (entry.body.toString('latin1') !== 'P\0' || !tag) return null;
        answers.push(message('n'));
        break;
      case 'E':
        if (entry.body.toString('latin1', 0, 1) !== '\0' || !tag) return null;
        answers.push(commandComplete(tag));
        break;
      default:
        return null;
    }
  }
  return tag ? Buffer.concat([...answers, readyForQuery('T')]) : null;
}

/** The part of the backend's reply that answers the deferred cycle (through its ReadyForQuery). */
export function deferredPart(reply: Buffer): number | null {
  for (let offset = 0; offset + 5 <= reply.length; offset += 1 + reply.readInt32BE(offset + 1)) {
    if (reply[offset] === 0x5a) return offset + 6;
  }
  return null;
}

function beginTag(sql: string): string | null {
  const match = PLAIN_BEGIN.exec(sql);
  if (!match) return null;
  return /^start/i.test(match[1]!) ? 'START TRANSACTION' : 'BEGIN';
}

function commandComplete(tag: string): Buffer {
  return message('C', cstring(tag));
}
