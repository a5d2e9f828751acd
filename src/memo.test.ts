import { describe, expect, it } from 'vitest';
import { BoundedMemo, memoized } from './memo.ts';

describe('BoundedMemo', () => {
  it('makes a value once, keeps null and falsy values, and forgets everything once full', () => {
    const made: string[] = [];
    const memo = new BoundedMemo<string, string | null>(2);
    const make = (key: string) => (made.push(key), key === 'none' ? null : key.toUpperCase());
    expect(memo.get('a', make)).toBe('A');
    expect(memo.get('a', make)).toBe('A');
    expect(memo.get('none', make)).toBeNull();
    expect(memo.get('none', make)).toBeNull();
    expect(made).toEqual(['a', 'none']);
    // full: the third key clears it, so "a" is made again
    memo.get('b', make);
    memo.get('a', make);
    expect(made).toEqual(['a', 'none', 'b', 'a']);
  });

  it('memoized folds each text once', () => {
    let calls = 0;
    const fold = memoized((s) => (calls++, s.toLowerCase()));
    expect([fold('AB'), fold('AB'), fold('Cd')]).toEqual(['ab', 'ab', 'cd']);
    expect(calls).toBe(2);
  });
});
