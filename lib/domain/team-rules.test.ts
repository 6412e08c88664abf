import { describe, expect, it } from 'vitest';
import { describeSettingsChange, settingsUpdateData, summarizeTeamUsage } from './team-rules';

const team = { defaultTtlHours: 168, maxEnvironments: 10, maxOwnBytes: null, webhookUrl: null, webhookSecret: null };

describe('summarizeTeamUsage', () => {
  it('sums what engines report and counts what they do not', () => {
    const usage = summarizeTeamUsage({ maxEnvironments: 3, maxOwnBytes: 2048n }, [
      { ownBytes: 100, logicalBytes: 1000 },
      { ownBytes: null, logicalBytes: 500 },
      { ownBytes: 24, logicalBytes: null },
    ]);
    expect(usage).toEqual({
      environmentCount: 3,
      maxEnvironments: 3,
      ownBytes: 124,
      maxOwnBytes: 2048,
      logicalBytes: 1500,
      unreportedCount: 1,
    });
  });

  it('keeps "no limit" as null', () => {
    expect(summarizeTeamUsage({ maxEnvironments: 10, maxOwnBytes: null }, []).maxOwnBytes).toBeNull();
  });
});

describe('settingsUpdateData', () => {
  it('writes only the fields given, the byte quota as a bigint', () => {
    expect(settingsUpdateData({ teamId: 't', defaultTtlHours: 24 })).toEqual({ defaultTtlHours: 24 });
    expect(settingsUpdateData({ teamId: 't', maxOwnBytes: 1_048_576, webhookSecret: null })).toEqual({
      maxOwnBytes: 1_048_576n,
      webhookSecret: null,
    });
    expect(settingsUpdateData({ teamId: 't', maxOwnBytes: null })).toEqual({ maxOwnBytes: null });
  });
});

describe('describeSettingsChange', () => {
  it('records old and new numbers, and only whether the webhook secret changed', () => {
    const details = describeSettingsChange(team, {
      teamId: 't',
      defaultTtlHours: 48,
      maxOwnBytes: 1_048_576,
      webhookUrl: 'https://hooks.example.com/x',
      webhookSecret: 'a-long-secret-value',
    });
    expect(details).toEqual({ defaultTtlHours: '168 → 48', maxOwnBytes: 'none → 1048576', webhookUrl: 'set', webhookSecret: 'set' });
    expect(JSON.stringify(details)).not.toContain('a-long-secret-value');
  });

  it('says replaced and cleared, and leaves out what did not change', () => {
    const configured = { ...team, webhookUrl: 'https://a.example.com', webhookSecret: 'old-secret-old-secret' };
    expect(describeSettingsChange(configured, { teamId: 't', defaultTtlHours: 168, webhookSecret: 'new-secret-new-secret' })).toEqual({
      webhookSecret: 'replaced',
    });
    expect(describeSettingsChange(configured, { teamId: 't', webhookUrl: null, webhookSecret: null })).toEqual({
      webhookUrl: 'cleared',
      webhookSecret: 'cleared',
    });
  });
});
