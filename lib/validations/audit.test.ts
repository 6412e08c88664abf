import { describe, expect, it } from 'vitest';
import { auditFilterInput, auditFilterSchema, parseUtcSpan } from './audit';

describe('parseUtcSpan', () => {
  it('reads a day, a minute or a second in UTC, spanning what was typed', () => {
    expect(parseUtcSpan('2026-05-01')).toEqual({ start: new Date('2026-05-01T00:00:00Z'), end: new Date('2026-05-02T00:00:00Z') });
    expect(parseUtcSpan('2026-05-01T14:30')).toEqual({ start: new Date('2026-05-01T14:30:00Z'), end: new Date('2026-05-01T14:31:00Z') });
    expect(parseUtcSpan('2026-05-01 14:30:05')).toEqual({ start: new Date('2026-05-01T14:30:05Z'), end: new Date('2026-05-01T14:30:06Z') });
  });

  it('refuses impossible dates and other shapes', () => {
    for (const text of ['2026-02-30', '2026-13-01', '01/05/2026', 'yesterday', '2026-05-01T25:00'])
      expect(parseUtcSpan(text), text).toBeNull();
  });
});

describe('auditFilterSchema', () => {
  it('turns the query string into a filter: empty fields are no filter, "to" covers the whole day', () => {
    const input = auditFilterInput(new URLSearchParams('team=&actor=lead&action=environment.&from=2026-05-01&to=2026-05-01&page=2&page=3'));
    expect(auditFilterSchema.parse(input)).toEqual({
      team: undefined,
      actor: 'lead',
      actorType: undefined,
      action: 'environment.',
      from: new Date('2026-05-01T00:00:00Z'),
      to: new Date('2026-05-02T00:00:00Z'),
      page: 2,
    });
  });

  it('refuses an unknown actor type and a "to" before "from"', () => {
    expect(auditFilterSchema.safeParse({ actorType: 'robot' }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: '2026-05-02', to: '2026-05-01' }).success).toBe(false);
  });
});
