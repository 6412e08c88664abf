import { describe, expect, it } from 'vitest';
import { teamSettingsSchema } from './teams';

const parse = (input: object) => teamSettingsSchema.safeParse({ teamId: 't', ...input });
const fieldsOf = (input: object) => {
  const parsed = parse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('teamSettingsSchema', () => {
  it('leaves out what is not sent, and turns an empty webhook URL into "none"', () => {
    expect(parse({}).data).toEqual({ teamId: 't' });
    expect(parse({ webhookUrl: '' }).data).toEqual({ teamId: 't', webhookUrl: null });
    expect(parse({ webhookUrl: 'https://hooks.example.com/a', maxOwnBytes: null }).data).toMatchObject({
      webhookUrl: 'https://hooks.example.com/a',
      maxOwnBytes: null,
    });
  });

  it('names the field of each invalid value', () => {
    expect(fieldsOf({ defaultTtlHours: 0 })).toEqual(['defaultTtlHours']);
    expect(fieldsOf({ defaultTtlHours: Number.NaN })).toEqual(['defaultTtlHours']);
    expect(fieldsOf({ defaultTtlHours: 1.5 })).toEqual(['defaultTtlHours']);
    expect(fieldsOf({ maxEnvironments: -1 })).toEqual(['maxEnvironments']);
    expect(fieldsOf({ maxOwnBytes: 1000 })).toEqual(['maxOwnBytes']);
    expect(fieldsOf({ webhookUrl: 'ftp://example.com' })).toEqual(['webhookUrl']);
    expect(fieldsOf({ webhookUrl: 'not a url' })).toEqual(['webhookUrl']);
    expect(fieldsOf({ webhookSecret: 'short' })).toEqual(['webhookSecret']);
  });

  it('accepts a new secret, or null to clear it', () => {
    expect(parse({ webhookSecret: 'sixteen-chars-ok' }).success).toBe(true);
    expect(parse({ webhookSecret: null }).data).toEqual({ teamId: 't', webhookSecret: null });
  });
});
