import { describe, expect, it } from 'vitest';
import { nextSegmentName } from './wal-blank';

const MB16 = 16 * 1024 * 1024;

describe('the WAL segment after another', () => {
  it('counts up within a 4 GB log, then moves to the next log', () => {
    expect(nextSegmentName('000000010000000000000009', MB16)).toBe('00000001000000000000000A');
    expect(nextSegmentName('0000000100000000000000FE', MB16)).toBe('0000000100000000000000FF');
    expect(nextSegmentName('0000000100000000000000FF', MB16)).toBe('000000010000000100000000');
    expect(nextSegmentName('00000003000000A2000000FF', MB16)).toBe('00000003000000A300000000');
  });

  it('follows the segment size the cluster was made with', () => {
    expect(nextSegmentName('0000000100000000000003FF', 4 * 1024 * 1024)).toBe('000000010000000100000000');
    expect(nextSegmentName('000000010000000000000000', 1024 * 1024 * 1024)).toBe('000000010000000000000001');
    expect(nextSegmentName('000000010000000000000003', 1024 * 1024 * 1024)).toBe('000000010000000100000000');
  });

  it('refuses what is not a segment name', () => {
    expect(() => nextSegmentName('00000001.history', MB16)).toThrow(/not a WAL segment/);
    expect(() => nextSegmentName('../../etc/passwd', MB16)).toThrow(/not a WAL segment/);
  });
});
