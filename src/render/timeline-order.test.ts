import { describe, expect, it } from 'vitest';
import { keyOfTimelineCode, timelineCode, timelineKey } from '../extract/timeline-key.ts';
import { byTimelineKey } from './dates.ts';

describe('timeline keys as numbers', () => {
  const keys = ['2025', '2025-12', '2025-12-31', '2025-03', '2025-03-14', '2025-03-01', '2024', '2024-01-02', '0999-01', '2026-07-04'];

  it('give every key back, and no two keys one number', () => {
    for (const key of keys) expect(keyOfTimelineCode(timelineCode(key))).toBe(key);
    expect(new Set(keys.map(timelineCode)).size).toBe(keys.length);
  });

  it('order as the timeline orders keys: the larger number first', () => {
    const byNumber = [...keys].sort((x, y) => timelineCode(y) - timelineCode(x));
    expect(byNumber).toEqual([...keys].sort(byTimelineKey));
    // a year alone comes before its months, a month before its days
    expect(byNumber.slice(0, 7)).toEqual(['2026-07-04', '2025', '2025-12-31', '2025-12', '2025-03-14', '2025-03-01', '2025-03']);
  });

  it('key the values the dates stage gives', () => {
    expect(['FY2025', 'Q3 2025', '2025-03', '2025-03-14'].map((v) => timelineCode(timelineKey(v)!))).toEqual([20259900, 20259900, 20250300, 20250314]);
  });
});
