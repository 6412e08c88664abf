import { describe, expect, it } from 'vitest';
import { expiryChoices, NO_END, parseDuration, protectChoices } from './durations';

describe('expiryChoices', () => {
  it('offers the usual expiries within the maximum, with the team default preselected', () => {
    const { choices, defaultValue } = expiryChoices({ maxTtlHours: 720, isAdmin: false, defaultTtlHours: 168 });
    expect(choices.map((choice) => choice.value)).toEqual(['2', '8', '24', '72', '168', '336', '720']);
    expect(defaultValue).toBe('168');
    expect(choices.find((choice) => choice.value === '168')?.label).toBe('7 days (team default)');
  });

  it('drops what is beyond the maximum and caps the default at it', () => {
    const { choices, defaultValue } = expiryChoices({ maxTtlHours: 72, isAdmin: false, defaultTtlHours: 168 });
    expect(choices.map((choice) => choice.value)).toEqual(['2', '8', '24', '72']);
    expect(defaultValue).toBe('72');
  });

  it('adds a team default that is not one of the usual choices', () => {
    const { choices, defaultValue } = expiryChoices({ maxTtlHours: 720, isAdmin: false, defaultTtlHours: 48 });
    expect(choices.map((choice) => choice.value)).toEqual(['2', '8', '24', '48', '72', '168', '336', '720']);
    expect(defaultValue).toBe('48');
  });

  it('offers "never" to admins only', () => {
    expect(expiryChoices({ maxTtlHours: 720, isAdmin: true, defaultTtlHours: 168 }).choices.at(-1)?.value).toBe(NO_END);
    expect(
      expiryChoices({ maxTtlHours: 720, isAdmin: false, defaultTtlHours: 168 }).choices.some((choice) => choice.value === NO_END),
    ).toBe(false);
  });

  it('still offers the maximum when it is below every usual choice', () => {
    const { choices, defaultValue } = expiryChoices({ maxTtlHours: 1, isAdmin: false, defaultTtlHours: null });
    expect(choices.map((choice) => choice.value)).toEqual(['1']);
    expect(defaultValue).toBe('1');
  });
});

describe('protectChoices', () => {
  it('bounds leads by the admin setting', () => {
    const { choices, defaultValue } = protectChoices({ maxLeadProtectHours: 72, isAdmin: false });
    expect(choices.map((choice) => choice.value)).toEqual(['8', '24', '72']);
    expect(defaultValue).toBe('24');
  });

  it('gives admins every length and "until unprotected"', () => {
    const { choices } = protectChoices({ maxLeadProtectHours: 24, isAdmin: true });
    expect(choices.map((choice) => choice.value)).toEqual(['8', '24', '72', '168', '336', '720', NO_END]);
  });

  it('offers the lead maximum itself when it is below the usual choices', () => {
    expect(protectChoices({ maxLeadProtectHours: 4, isAdmin: false }).choices.map((choice) => choice.value)).toEqual(['4']);
  });
});

describe('parseDuration', () => {
  it('reads hours, "never", and refuses the rest', () => {
    expect(parseDuration('168')).toBe(168);
    expect(parseDuration(NO_END)).toBeNull();
    expect(parseDuration('')).toBeUndefined();
    expect(parseDuration('1.5')).toBeUndefined();
  });
});
