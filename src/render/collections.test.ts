import { describe, expect, it } from 'vitest';
import type { LinkedArticle } from '../link/link.ts';
import { TimelinePoints, timelineYears } from './collections.ts';

const article = (date: string | null, dates: [string | null, string][]) =>
  ({ date, dates: dates.map(([value, sentence]) => ({ text: value ?? '', value, sentence, start: 0, end: 0 })) }) as unknown as LinkedArticle;

describe('timeline points', () => {
  const articles = [
    article('2025-03-18', [
      ['2026', 'Output will double by 2026.'],
      ['2026', 'Output will double by 2026.'],
      ['2025-03', 'In March the mine reopened.'],
      [null, 'Some day.'],
    ]),
    article('2025-03-02', [
      ['FY2026', 'Its fiscal 2026 target stands.'],
      ['2026-06', 'A plant opens in June 2026.'],
    ]),
  ];
  const points = TimelinePoints.of(articles);
  const all = Array.from({ length: points.length }, (_, i) => points.at(i));

  it('puts the furthest ahead first; a year alone heads its year, above its months and days', () => {
    expect(all.map((p) => p.key)).toEqual(['2026', '2026', '2026-06', '2025-03-18', '2025-03-02', '2025-03']);
  });

  it('keeps a date said twice in one sentence once, drops dates with no year, and breaks ties by article, then by place', () => {
    expect(all.slice(0, 2)).toEqual([
      { key: '2026', article: 0, date: 0 },
      { key: '2026', article: 1, date: 0 },
    ]);
    // the articles' own publication dates are points too (date -1)
    expect(all.filter((p) => p.date === -1).map((p) => p.article)).toEqual([0, 1]);
  });

  it('counts the points of each year, newest first', () => {
    expect(timelineYears(points).map(({ year, count }) => [year, count])).toEqual([
      ['2026', 3],
      ['2025', 3],
    ]);
  });
});
