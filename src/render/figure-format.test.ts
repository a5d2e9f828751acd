// A figure's value as a reader sees it: grouped as en-US writes numbers, whole or not.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFigureValue, formatNumber } from './figure-format.ts';

const INTL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

describe('formatNumber', () => {
  it('writes every number as Intl writes it in en-US, to four decimals', () => {
    for (const n of [0, -0, 1, -1, 999, 1000, -1000, 12345, 999999, 1000000, -1234567, 0.5, 12.34567, -0.00004, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 1e21]) {
      expect(formatNumber(n), String(n)).toBe(INTL.format(n));
    }
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.double({ noNaN: true, noDefaultInfinity: true })), (n) => formatNumber(n) === INTL.format(n)), { numRuns: 2000 });
  });

  it('gives a figure its value and unit', () => {
    expect(formatFigureValue({ value: 1_700_000_000, unit: 'USD' })).toBe('1,700,000,000 USD');
    expect(formatFigureValue({ value: null, min: 12, max: 17, unit: '%' })).toBe('12–17%');
  });
});
