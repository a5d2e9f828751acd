import { describe, expect, it } from 'vitest';
import type { LinkedArticle } from '../link/link.ts';
import { factsFrom, packedFacts } from '../store/held-facts.ts';
import { TIMELINE_CUT, timelinePages, TimelinePoints, timelineYears } from './collections.ts';
import fc from 'fast-check';

let made = 0;
const article = (date: string | null, dates: [string | null, string][]) =>
  ({ id: `article-${++made}`, date, facts: factsFrom(packedFacts([], dates.map(([value, sentence]) => ({ text: value ?? '', value, sentence, start: 0, end: 0 })))) }) as unknown as LinkedArticle;

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
    expect(timelineYears(points, timelinePages(points)).map(({ year, count }) => [year, count])).toEqual([
      ['2026', 3],
      ['2025', 3],
    ]);
  });
});

describe('timeline pages', () => {
  // articles of a long archive, each with dates across the years before it and a few ahead
  const archive = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const year = 2010 + (i % 16);
      const dates: [string, string][] = Array.from({ length: 9 }, (_, k) => {
        const y = year - 6 + ((i * 7 + k * 5) % 10);
        const m = String(1 + ((i + k) % 12)).padStart(2, '0');
        return [k % 3 === 0 ? String(y) : `${y}-${m}`, `Sentence ${k} of article ${i}.`];
      });
      return { ...article(`${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, dates), id: `a-${i}` } as LinkedArticle;
    });
  const pagesOf = (articles: LinkedArticle[]) => {
    const refs = TimelinePoints.of(articles);
    // each page as the points it holds (date, article id, place), by its path
    return new Map(timelinePages(refs).map((p) => [p.path, Array.from({ length: p.to - p.from }, (_, k) => `${refs.key(p.from + k)} ${articles[refs.article(p.from + k)]!.id} ${refs.date(p.from + k)}`).join('\n')]));
  };

  it('holds every point once, in order, on pages of bounded size, the latest at timeline/', () => {
    const articles = archive(400);
    const refs = TimelinePoints.of(articles);
    const pages = timelinePages(refs);
    expect(pages[0]!.path).toBe('timeline/');
    expect(pages[0]!.from).toBe(0);
    expect(pages.at(-1)!.to).toBe(refs.length);
    pages.forEach((p, i) => {
      if (i > 0) expect(p.from).toBe(pages[i - 1]!.to);
      // the latest page holds the page below it too when it has fewer than min points of its own
      expect(p.to - p.from).toBeLessThan(i === 0 ? TIMELINE_CUT.min + TIMELINE_CUT.max : TIMELINE_CUT.max + 1);
      expect(p.to - p.from).toBeGreaterThanOrEqual(TIMELINE_CUT.min);
    });
    expect(new Set(pages.map((p) => p.path)).size).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(10);
    expect(timelinePages(TimelinePoints.of([]))).toEqual([{ from: 0, to: 0, path: 'timeline/' }]);
  });

  it('changes only the pages an added article\u2019s points land on: pages are cut where the points say, not by counting', () => {
    const articles = archive(400);
    const before = pagesOf(articles);
    const added = archive(401).at(-1)!;
    const after = pagesOf([added, ...articles]);
    const changed = [...after].filter(([p, points]) => before.get(p) !== points).length;
    const points = TimelinePoints.of([added]).length;
    expect(points).toBeGreaterThan(5);
    // each point changes its own page, rarely a neighbour; counted pages changed nearly all of them
    expect(changed).toBeLessThanOrEqual(2 * points);
    expect(changed).toBeLessThan(before.size / 3);
  });

  it('patches the last build\'s points to the points made anew, whatever was added, removed or changed', () => {
    const pool = archive(160);
    const same = (x: TimelinePoints, y: TimelinePoints) => {
      const rows = (r: TimelinePoints) => Array.from({ length: r.length }, (_, i) => [r.key(i), r.keyCode(i), r.article(i), r.date(i), r.hash(i)]);
      expect(rows(x)).toEqual(rows(y));
      expect(timelinePages(x)).toEqual(timelinePages(y));
    };
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 159 }), { minLength: 20, maxLength: 120 }), fc.uniqueArray(fc.integer({ min: 0, max: 159 }), { maxLength: 12 }), fc.uniqueArray(fc.integer({ min: 0, max: 159 }), { maxLength: 6 }), (lastPicks, comings, edits) => {
        // the site's order is the pool's; an edited article keeps its id and takes another's dates
        const byOrder = (picks: number[]) => [...picks].sort((a, b) => a - b).map((i) => pool[i]!);
        const last = byOrder(lastPicks);
        const nowPicks = [...new Set([...lastPicks.filter((i) => !comings.includes(i)), ...comings.filter((i) => !lastPicks.includes(i))])];
        const editedIds = new Set(edits.filter((i) => nowPicks.includes(i)).map((i) => pool[i]!.id));
        const now = byOrder(nowPicks).map((a, i, all) => (editedIds.has(a.id) ? ({ ...all[(i + 1) % all.length]!, id: a.id } as LinkedArticle) : a));
        const changed = new Set([...comings.map((i) => pool[i]!.id), ...editedIds]);
        const patched = TimelinePoints.patched(TimelinePoints.of(last).kept(last), now, changed);
        expect(patched).not.toBeNull();
        same(patched!, TimelinePoints.of(now));
      }),
      { numRuns: 60 },
    );
    // points that do not fit the articles (an unchanged one gone): made anew instead
    const last = pool.slice(0, 10);
    expect(TimelinePoints.patched(TimelinePoints.of(last).kept(last), pool.slice(1, 10), new Set())).toBeNull();
  });

  it('counts the points of each year and links each year to the page its first point is on', () => {
    const articles = archive(400);
    const refs = TimelinePoints.of(articles);
    const pages = timelinePages(refs);
    for (const y of timelineYears(refs, pages)) {
      const page = pages.find((p) => p.path === y.path)!;
      const first = Array.from({ length: refs.length }, (_, i) => i).find((i) => refs.key(i).startsWith(y.year))!;
      expect(first >= page.from && first < page.to).toBe(true);
    }
  });
});
