import { describe, expect, it } from 'vitest';
import { fnv1a } from '../fnv1a.ts';
import { cutList, listNav, numberedNav, pageHolding, type CutRule } from './list-pages.ts';

const rule: CutRule = { min: 5, spread: 5, max: 15 };

/** A newest-first list of item ids; each item's label is its id's first part ("2025-03-14"). */
const itemsOf = (ids: string[]) => ({ length: ids.length, hash: (i: number) => fnv1a(ids[i]!), label: (i: number) => ids[i]!.split('/')[0]! });
const archive = (n: number) => Array.from({ length: n }, (_, i) => `${2000 + Math.floor((n - 1 - i) / 12)}-${String(1 + ((n - 1 - i) % 12)).padStart(2, '0')}/item-${n - 1 - i}`);
/** Each page as the items it holds, by its path. */
const contents = (ids: string[]) => new Map(cutList(itemsOf(ids), rule, 'x/', 'x/page/').map((p) => [p.path, ids.slice(p.from, p.to).join(' ')]));

describe('pages of a newest-first list, cut where its items say', () => {
  it('holds every item once, in order, on pages of bounded size; the latest at the list\u2019s own path', () => {
    const ids = archive(300);
    const pages = cutList(itemsOf(ids), rule, 'x/', 'x/page/');
    expect(pages[0]).toMatchObject({ from: 0, path: 'x/' });
    expect(pages.at(-1)!.to).toBe(ids.length);
    pages.forEach((p, i) => {
      if (i > 0) expect(p.from).toBe(pages[i - 1]!.to);
      expect(p.to - p.from).toBeGreaterThanOrEqual(rule.min);
      expect(p.to - p.from).toBeLessThan(i === 0 ? rule.min + rule.max : rule.max + 1);
      if (i > 0) expect(p.path).toMatch(/^x\/page\/\d{4}-\d\d-[0-9a-f]{8}\/$/);
    });
    expect(new Set(pages.map((p) => p.path)).size).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(10);
    expect(cutList(itemsOf([]), rule, 'x/', 'x/page/')).toEqual([{ from: 0, to: 0, path: 'x/' }]);
    expect(cutList(itemsOf(archive(4)), rule, 'x/', 'x/page/')).toEqual([{ from: 0, to: 4, path: 'x/' }]);
  });

  it('names an older page after its oldest item', () => {
    const ids = archive(300);
    for (const p of cutList(itemsOf(ids), rule, 'x/', 'x/page/').slice(1)) expect(p.path).toBe(`x/page/${ids[p.to - 1]!.split('/')[0]}-${fnv1a(ids[p.to - 1]!).toString(16).padStart(8, '0')}/`);
  });

  it('changes only the page an item lands on (rarely a neighbour), wherever it lands', () => {
    const ids = archive(300);
    const before = contents(ids);
    for (const at of [0, 1, 40, 150, 299, 300]) {
      const after = contents([...ids.slice(0, at), `1999-01/added-at-${at}`, ...ids.slice(at)]);
      const changed = [...after].filter(([p, items]) => before.get(p) !== items).length;
      // counted pages changed every page newer than the item: up to all 30 here
      expect(changed, `added at ${at}`).toBeLessThanOrEqual(3);
    }
  });

  it('leaves every older page as it was while newer items arrive, but the newest one or two', () => {
    const ids = archive(300);
    for (let n = 1; n <= 40; n++) {
      const before = contents(ids);
      ids.unshift(`2030-01/new-${n}`);
      const after = contents(ids);
      const changed = [...after].filter(([p, items]) => p !== 'x/' && before.get(p) !== items);
      expect(changed.length).toBeLessThanOrEqual(1);
    }
  });

  it('finds the page holding a position', () => {
    const pages = cutList(itemsOf(archive(300)), rule, 'x/', 'x/page/');
    for (let i = 0; i < 300; i += 7) {
      const p = pages[pageHolding(pages, i)]!;
      expect(i >= p.from && i < p.to).toBe(true);
    }
  });
});

describe('links between pages', () => {
  const pages = cutList(itemsOf(archive(300)), rule, 'metals/copper/', 'metals/copper/page/');

  it('link newer, older and the latest page, without numbers', () => {
    const nav = listNav({ pages, at: 3 });
    expect(nav.previous).toEqual({ url: pages[2]!.path, label: 'Newer' });
    expect(nav.next).toEqual({ url: pages[4]!.path, label: 'Older' });
    expect(nav.links).toEqual([{ label: 'Latest', url: 'metals/copper/', current: false }]);
    expect(listNav({ pages, at: 0 }).previous).toBeNull();
    expect(listNav({ pages, at: pages.length - 1 }).next).toBeNull();
    expect(listNav({ pages: [pages[0]!], at: 0 }).show).toBe(false);
  });

  it('of an alphabetical list keep the usual order', () => {
    expect(numberedNav('companies/', 1, 8).links.map((l) => l?.label ?? '…')).toEqual(['1', '2', '3', '…', '8']);
    expect(numberedNav('companies/', 2, 8).previous?.url).toBe('companies/');
  });
});
