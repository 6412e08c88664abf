import { describe, expect, it } from 'vitest';
import { deferredPart, predictBegin } from './deferred-begin';
import { cstring, message, MessageReader, readyForQuery, scanReply } from './frames';

const parse = (name: string, sql: string, types = 0) =>
  message('P', Buffer.concat([cstring(name), cstring(sql), Buffer.from([0, types]), Buffer.alloc(4 * types)]));
const bind = (statement: string, parameters = 0) =>
  message('B', Buffer.concat([cstring(''), cstring(statement), Buffer.from([0, 0, 0, parameters]), Buffer.alloc(4 * parameters, 0xff)]));
const describePortal = message('D', Buffer.from('P\0', 'latin1'));
const execute = message('E', Buffer.concat([cstring(''), Buffer.alloc(4)]));
const sync = message('S');
const query = (sql: string) => message('Q', cstring(sql));
const cycle = (...parts: Buffer[]) => new MessageReader().push(Buffer.concat(parts));
const types = (reply: Buffer | null) =>
  reply
    ? scanReply(reply)
        .messages.map((entry) => entry.type)
        .join('')
    : null;
const none = () => null;

describe('a BEGIN answered before it runs', () => {
  it('answers a plain BEGIN in every protocol form as PostgreSQL does, ending in a transaction', () => {
    const simple = predictBegin(cycle(query('begin;')), none)!;
    expect(simple).toEqual(Buffer.concat([message('C', cstring('BEGIN')), readyForQuery('T')]));
    expect(types(predictBegin(cycle(parse('', 'BEGIN'), bind(''), describePortal, execute, sync), none))).toBe('12nCZ');
    // pgbench -M prepared: the statement was prepared earlier; only its SQL is looked up.
    expect(types(predictBegin(cycle(bind('P_0'), describePortal, execute, sync), (name) => (name === 'P_0' ? 'BEGIN;' : null)))).toBe(
      '2nCZ',
    );
    const start = predictBegin(cycle(query('START TRANSACTION')), none)!;
    expect(start.includes(cstring('START TRANSACTION'))).toBe(true);
  });

  it('leaves everything else to the backend', () => {
    for (const sql of ['BEGIN ISOLATION LEVEL SERIALIZABLE', 'BEGIN READ ONLY', 'BEGIN; SELECT 1', 'SELECT 1', 'begin -- comment']) {
      expect(predictBegin(cycle(query(sql)), none), sql).toBeNull();
    }
    expect(
      predictBegin(cycle(bind('P_1'), execute, sync), () => 'SELECT 1'),
      'another statement',
    ).toBeNull();
    expect(predictBegin(cycle(bind('unknown'), execute, sync), none), 'an unknown statement').toBeNull();
    expect(predictBegin(cycle(parse('', 'BEGIN'), bind('', 1), execute, sync), none), 'parameters').toBeNull();
    expect(predictBegin(cycle(parse('', 'BEGIN', 1), bind(''), execute, sync), none), 'declared types').toBeNull();
    expect(predictBegin(cycle(parse('', 'BEGIN'), bind(''), execute, message('H')), none), 'a Flush').toBeNull();
    expect(predictBegin(cycle(parse('', 'BEGIN'), bind(''), execute, execute, sync), none), 'two executions').toBeNull();
    expect(predictBegin(cycle(parse('S', 'BEGIN'), sync), none), 'a prepare alone').toBeNull();
    expect(
      predictBegin([{ type: 'B', raw: Buffer.from('B'), body: Buffer.from([0]) }, ...cycle(execute, sync)], none),
      'malformed',
    ).toBeNull();
  });

  it('finds where the deferred cycle’s answer ends in the combined reply', () => {
    const answer = Buffer.concat([message('C', cstring('BEGIN')), readyForQuery('T')]);
    const rest = Buffer.concat([message('C', cstring('UPDATE 1')), readyForQuery('T')]);
    expect(deferredPart(Buffer.concat([answer, rest]))).toBe(answer.length);
    expect(deferredPart(message('C', cstring('BEGIN')))).toBeNull();
  });
});
