import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from './codec';

const roundTrip = (value: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));

describe('the engine service codec', () => {
  it('carries what JSON alone would lose: dates, bigints, bytes and non-finite numbers', () => {
    const value = {
      createdAt: new Date('2026-12-02T10:00:00.123Z'),
      rows: [[1n << 70n, new Uint8Array([0, 255, 7]), Number.NaN, Number.POSITIVE_INFINITY, -0.5, 'text', null, true]],
    };
    expect(roundTrip(value)).toEqual(value);
    expect(roundTrip({ at: new Date(Number.NaN) })).toEqual({ at: new Date(Number.NaN) });
  });

  it('never lets data pose as a tag: an object with the tag key comes back as itself', () => {
    const forged = { $cd: 'date', v: '2026-01-01T00:00:00Z' };
    expect(roundTrip([forged, { nested: forged }])).toEqual([forged, { nested: forged }]);
  });

  it('drops undefined fields, as JSON does, and refuses what it cannot carry', () => {
    expect(roundTrip({ kept: 1, dropped: undefined })).toEqual({ kept: 1 });
    expect(() => encodeValue({ run: () => 1 })).toThrow(/cannot carry a function/);
    expect(() => decodeValue({ $cd: 'regexp', v: 'x' })).toThrow(/unknown value tag/);
  });
});
