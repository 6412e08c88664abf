import { describe, expect, it } from 'vitest';
import { ClientNames, isCopyFromStdin, literal, mayChangeSettings, startupSettings, switchSettingsSql } from './client-state';
import { cstring, message, MessageReader, readCString, scanReply } from './frames';

const parse = (name: string, sql: string) => message('P', Buffer.concat([cstring(name), cstring(sql), Buffer.from([0, 0])]));
const bind = (portal: string, statement: string) =>
  message('B', Buffer.concat([cstring(portal), cstring(statement), Buffer.from([0, 0, 0, 0, 0, 0])]));
const one = (raw: Buffer) => new MessageReader().push(raw)[0]!;

describe('what a client owns in the shared backend', () => {
  it('renames named statements and portals per client and leaves the unnamed ones alone', () => {
    const names = new ClientNames('c7_');
    const renamed = one(names.translate(one(parse('S_1', 'SELECT $1'))));
    expect(readCString(renamed.body, 0)[0]).toBe('c7_S_1');
    expect(readCString(renamed.body, 7)[0]).toBe('SELECT $1');
    expect([...names.statements.keys()]).toEqual(['c7_S_1']);
    const bound = one(names.translate(one(bind('', 'S_1'))));
    expect([readCString(bound.body, 0)[0], readCString(bound.body, 1)[0]]).toEqual(['', 'c7_S_1']);
    expect(bound.body.subarray(-6)).toEqual(Buffer.from([0, 0, 0, 0, 0, 0]));
    const unnamed = one(names.translate(one(parse('', 'SELECT 1'))));
    expect(readCString(unnamed.body, 0)[0]).toBe('');
    const close = one(names.translate(one(message('C', Buffer.concat([Buffer.from('S'), cstring('S_1')])))));
    expect(readCString(close.body, 1)[0]).toBe('c7_S_1');
    expect(names.statements.size).toBe(0);
  });

  it("another client's name that looks renamed is renamed again, so it cannot reach the first client's statement", () => {
    const renamed = one(new ClientNames('c8_').translate(one(parse('c7_S_1', 'SELECT 2'))));
    expect(readCString(renamed.body, 0)[0]).toBe('c8_c7_S_1');
  });

  it('notices SQL that may change settings, and COPY FROM STDIN, past comments and case', () => {
    expect(
      ['SET search_path = x', 'select 1; reset all', "SELECT set_config('a.b', '1', false)", '/* hi */ SET x = 1'].map(mayChangeSettings),
    ).toEqual([true, true, true, true]);
    expect(['UPDATE t SET a = 1', 'SELECT 1'].map(mayChangeSettings)).toEqual([false, false]);
    expect(
      ['COPY t FROM STDIN', '-- load\ncopy public.t (a, b) from stdin;', 'COPY t TO STDOUT', "SELECT 'COPY t FROM STDIN'"].map(
        isCopyFromStdin,
      ),
    ).toEqual([true, true, false, false]);
  });

  it('takes start-up parameters and -c options as settings, and refuses a name that is no setting name', () => {
    const settings = startupSettings(
      new Map([
        ['user', 'app'],
        ['database', 'qa'],
        ['application_name', 'ci'],
        ['options', '-c search_path=a,b --statement-timeout=5s'],
      ]),
    );
    expect([...settings]).toEqual([
      ['application_name', 'ci'],
      ['search_path', 'a,b'],
      ['statement_timeout', '5s'],
    ]);
    expect(() => startupSettings(new Map([['x; DROP', '1']]))).toThrow(/invalid setting name/);
  });

  it('switches the backend with quoted values only, resetting what the next client does not set', () => {
    const sql = switchSettingsSql(
      new Map([
        ['search_path', 'a'],
        ['application_name', 'one'],
      ]),
      new Map([
        ['application_name', "it's \\ two"],
        ['idle_in_transaction_session_timeout', '5'],
      ]),
    );
    expect(sql).toBe(`RESET "search_path";SELECT set_config(E'application_name', E'it\\'s \\\\ two', false)`);
    expect(literal("a'b\\c")).toBe("E'a\\'b\\\\c'");
  });

  it('scans a backend answer for its messages and last transaction status', () => {
    const reply = Buffer.concat([message('C', cstring('SELECT 1')), message('Z', Buffer.from('T'))]);
    expect(scanReply(reply)).toEqual({
      status: 'T',
      messages: [
        { type: 'C', start: 0, end: 14 },
        { type: 'Z', start: 14, end: 20 },
      ],
    });
  });
});
