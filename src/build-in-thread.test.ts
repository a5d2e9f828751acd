// The heap a build's thread is given: capped by the number of articles, and a rebuild's started
// with room for the records it decodes, so it does not collect the whole heap on its way there.
import { describe, expect, it } from 'vitest';
import { BUILD_THREAD_FIRST_OLD_SPACE_MB, firstOldSpaceMb, heapBudgetMb } from './build-in-thread.ts';

describe("a rebuild's thread", () => {
  it('starts with room for its decoded records, at least the floor, never past its cap', () => {
    expect(firstOldSpaceMb(heapBudgetMb(4_000), 4_000)).toBe(BUILD_THREAD_FIRST_OLD_SPACE_MB);
    expect(firstOldSpaceMb(heapBudgetMb(100_000), 100_000)).toBe(391);
    expect(firstOldSpaceMb(heapBudgetMb(100_000), 100_000)).toBeLessThan(heapBudgetMb(100_000) / 2);
    // a cap given by hand (--max-heap-mb) below it
    expect(firstOldSpaceMb(100, 100_000)).toBe(100);
  });
});
