import { describe, expect, it } from 'vitest';
import { optionalWebhookUrlSchema, webhookSecretSchema, webhookUrlSchema } from './webhooks';

describe('webhookUrlSchema', () => {
  it('accepts http and https URLs', () => {
    expect(webhookUrlSchema.parse(' https://hooks.example.com/clonedeck ')).toBe('https://hooks.example.com/clonedeck');
    expect(webhookUrlSchema.parse('http://127.0.0.1:8080/in')).toBe('http://127.0.0.1:8080/in');
  });

  it('refuses other schemes, relative URLs, credentials and very long URLs', () => {
    for (const url of [
      'ftp://example.com/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/plain,x',
      '/hooks',
      'example.com',
      'https://user:pw@example.com/',
      `https://example.com/${'a'.repeat(2000)}`,
    ]) {
      expect(webhookUrlSchema.safeParse(url).success, url).toBe(false);
    }
  });

  it('reads an empty form field as "no webhook"', () => {
    expect(optionalWebhookUrlSchema.parse('  ')).toBeNull();
    expect(optionalWebhookUrlSchema.safeParse('gopher://x').success).toBe(false);
  });
});

describe('webhookSecretSchema', () => {
  it('wants at least 16 characters', () => {
    expect(webhookSecretSchema.safeParse('short').success).toBe(false);
    expect(webhookSecretSchema.parse('0123456789abcdef')).toBe('0123456789abcdef');
  });
});
