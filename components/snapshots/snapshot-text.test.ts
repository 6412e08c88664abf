import { describe, expect, it } from 'vitest';
import { snapshotNameSchema } from '@/lib/validations/environments';
import { dropResultText, dropWarning, listNames, suggestSnapshotName } from './snapshot-text';

describe('listNames', () => {
  it('joins names the way a sentence does', () => {
    expect(listNames([])).toBe('');
    expect(listNames(['a'])).toBe('a');
    expect(listNames(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('dropWarning', () => {
  it('names the clones that keep the data on disk', () => {
    expect(dropWarning(['qa_run', 'ds_clone'])).toBe('The clones qa_run and ds_clone stand on it: its data stays on disk until they go.');
    expect(dropWarning(['qa_run'])).toMatch(/^The clone qa_run stands on it/);
    expect(dropWarning([])).toBe('No clone stands on it.');
    expect(dropWarning(null)).toMatch(/cannot tell/);
  });
});

describe('dropResultText', () => {
  it('says what was freed and what still holds the data', () => {
    expect(dropResultText('s1', { freedBytes: 1536, pinnedBy: [] })).toBe('Dropped s1 and freed 1.50 KiB on disk.');
    expect(dropResultText('s1', { freedBytes: null, pinnedBy: [] })).toMatch(/does not report/);
    expect(dropResultText('s1', { freedBytes: 0, pinnedBy: ['qa_run'] })).toBe(
      'Dropped s1. No space was freed yet: its data is still shared. qa_run still stands on its data, which stays until it is dropped.',
    );
  });
});

describe('suggestSnapshotName', () => {
  it('stamps the environment name with the UTC minute and stays a valid name', () => {
    const at = new Date('2026-11-21T09:30:59Z');
    expect(suggestSnapshotName('production', at)).toBe('production_20261121_0930');
    const long = suggestSnapshotName(`a${'_b'.repeat(30)}`, at);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(snapshotNameSchema.safeParse(long).success).toBe(true);
  });
});
