import { describe, expect, it } from 'vitest';
import { ttlText } from './ttl-text';

describe('ttlText', () => {
  it('adds whole days', () => {
    expect(ttlText(168)).toBe('168 hours (7 days)');
    expect(ttlText(24)).toBe('24 hours (1 day)');
    expect(ttlText(36)).toBe('36 hours');
    expect(ttlText(1)).toBe('1 hour');
  });
});
