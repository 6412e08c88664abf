import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminal-text';

describe('terminalSafe', () => {
  it('removes escape sequences and control characters, keeping newlines and tabs', () => {
    const hostile =
      'nightly\u001b[2J\u001b[1;1H\u001b]0;pwned\u0007 run\u001b]8;;https://evil.example\u001b\\link\u0008\u0000\u009b31m\r\tok\nnext';
    expect(terminalSafe(hostile)).toBe('nightly runlink31m\tok\nnext');
  });

  it('leaves ordinary text, including non-ASCII, alone', () => {
    expect(terminalSafe('Équipe QA — tests')).toBe('Équipe QA — tests');
  });
});
