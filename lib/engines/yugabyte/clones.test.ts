import { describe, expect, it } from 'vitest';
import { KeyedQueue, cloneOutcome, type CloneStatusRow } from './clones';

const row = (state: string, failure_reason: string | null = null): CloneStatusRow => ({
  db_name: 'dev',
  parent_db_name: 'prod',
  state,
  failure_reason,
});

describe('reading yb_database_clones()', () => {
  it('waits while any clone into the name is still running', () => {
    expect(cloneOutcome([row('COMPLETE'), row('CLONE_SCHEMA_STARTED')], 'dev', true)).toEqual({ kind: 'pending' });
    expect(cloneOutcome([], 'dev', false)).toEqual({ kind: 'pending' });
  });

  it('is complete once the database exists with a COMPLETE row', () => {
    expect(cloneOutcome([row('ABORTED', 'old attempt'), row('COMPLETE')], 'dev', true)).toEqual({ kind: 'complete' });
  });

  it('has failed when nothing runs and the database is not there', () => {
    expect(cloneOutcome([row('COMPLETE'), row('ABORTED', 'timed out')], 'dev', false)).toEqual({ kind: 'aborted', reason: 'timed out' });
  });

  it('ignores rows of other databases', () => {
    const other = { ...row('CLONE_SCHEMA_STARTED'), db_name: 'qa' };
    expect(cloneOutcome([other, row('COMPLETE')], 'dev', true)).toEqual({ kind: 'complete' });
  });
});

describe('one clone per source at a time', () => {
  it('runs tasks of one key in order, never two at once, and other keys in parallel', async () => {
    const queue = new KeyedQueue();
    const events: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string, ms: number) => async () => {
      running += 1;
      most = Math.max(most, running);
      events.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const results = await Promise.all([queue.run('prod', task('a', 30)), queue.run('prod', task('b', 5)), queue.run('prod', task('c', 5))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(most).toBe(1);

    const started: string[] = [];
    const slow = queue.run('prod', async () => {
      started.push('prod');
      await new Promise((resolve) => setTimeout(resolve, 30));
    });
    await Promise.resolve();
    await queue.run('staging', async () => started.push('staging'));
    expect(started).toEqual(['prod', 'staging']);
    await slow;
  });

  it('goes on with the next task after a failure', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('prod', async () => {
      throw new Error('clone aborted');
    });
    await expect(failed).rejects.toThrow('clone aborted');
    await expect(queue.run('prod', async () => 'next')).resolves.toBe('next');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(queue.busyKeys).toEqual([]);
  });
});
