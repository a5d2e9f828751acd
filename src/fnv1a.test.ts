import { describe, expect, it } from 'vitest';
import { FNV1A_START, fnv1a, fnv1aOn } from './fnv1a.ts';

describe('fnv1aOn', () => {
  it('goes on from a hash as if its text had been there: list pages keep their names when a hash is made in parts', () => {
    for (const [a, b] of [['2025-03-14\u0000', 'jx-advanced-metals-raises-output'], ['', 'tantalum'], ['copper', ''], ['Zürich ', '東京\u0000-1']]) {
      expect(fnv1aOn(fnv1a(a!), b!)).toBe(fnv1a(a! + b!));
    }
    expect(fnv1aOn(FNV1A_START, 'nickel')).toBe(fnv1a('nickel'));
    expect(fnv1a('')).toBe(FNV1A_START);
  });
});
