import type { CliIO } from './io';

/**
 * Text from a server (purposes, names, error messages, query results) is printed to a
 * terminal, where escape sequences could rewrite the screen, retitle the window or forge
 * earlier output. Everything printed loses its escape sequences and control characters;
 * newlines and tabs stay, since the CLI's own tables and messages use them.
 */
// ESC-introduced sequences: CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and two-byte escapes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: escape sequences are stripped before printing
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
// Whatever control characters remain (C0 but tab and newline, DEL, C1 — 0x9b is a one-byte CSI).
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are stripped before printing
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** The same IO, printing only terminal-safe text. */
export function terminalSafeIO(io: CliIO): CliIO {
  const confirm = io.confirm?.bind(io);
  return {
    out: (text) => io.out(terminalSafe(text)),
    err: (text) => io.err(terminalSafe(text)),
    ...(confirm ? { confirm: (question: string) => confirm(terminalSafe(question)) } : {}),
  };
}
