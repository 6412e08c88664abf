import { describe, expect, it } from 'vitest';
import { amountForBytes, bytesFromAmount, quotaTone } from './quota';

describe('quotaTone', () => {
  it('warns from 80 % and is red at the quota', () => {
    expect(quotaTone(7, 10)).toBe('normal');
    expect(quotaTone(8, 10)).toBe('warning');
    expect(quotaTone(10, 10)).toBe('danger');
    expect(quotaTone(0, 0)).toBe('danger');
    expect(quotaTone(5_000, null)).toBe('normal');
  });
});

describe('byte units', () => {
  it('turns an amount and unit into whole bytes', () => {
    expect(bytesFromAmount(1.5, 'GiB')).toBe(1_610_612_736);
    expect(bytesFromAmount(512, 'MiB')).toBe(536_870_912);
    expect(bytesFromAmount(Number.NaN, 'MiB')).toBeNaN();
  });

  it('shows a quota in the largest unit that keeps it at least 1', () => {
    expect(amountForBytes(536_870_912)).toEqual({ amount: 512, unit: 'MiB' });
    expect(amountForBytes(1_610_612_736)).toEqual({ amount: 1.5, unit: 'GiB' });
    expect(amountForBytes(2 * 1024 ** 4)).toEqual({ amount: 2, unit: 'TiB' });
    expect(amountForBytes(1000)).toEqual({ amount: 0, unit: 'MiB' });
  });
});
