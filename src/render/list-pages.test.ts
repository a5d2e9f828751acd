import { describe, expect, it } from 'vitest';
import { isPage, listNav, numberedNav, numberedPages, pageRefs, pageSpan } from './list-pages.ts';

/** The items (newest-first positions) of every page of a list. */
const pagesOf = (total: number, size: number) => Object.fromEntries(pageRefs(total, size).map((p) => [p, pageSpan(total, size, p)]));

describe('pages of a newest-first list, cut from its oldest end', () => {
  it('puts the oldest items on page 1 and the newest size … 2·size − 1 on the latest page', () => {
    expect(pagesOf(7, 3)).toEqual({ 0: { from: 0, to: 4 }, 1: { from: 4, to: 7 } });
    expect(pagesOf(5, 3)).toEqual({ 0: { from: 0, to: 5 } });
    expect(pagesOf(0, 3)).toEqual({ 0: { from: 0, to: 0 } });
    expect(pageRefs(10, 3)).toEqual([0, 2, 1]);
  });

  it('keeps every numbered page as it was when newer items are added', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => `item ${n - i}`); // newest first
    const contents = (n: number, size: number) => {
      const list = items(n);
      return Object.fromEntries(pageRefs(n, size).filter((p) => p > 0).map((p) => [p, list.slice(pageSpan(n, size, p).from, pageSpan(n, size, p).to)]));
    };
    for (let n = 20; n < 60; n++) {
      const before = contents(n, 7);
      const after = contents(n + 1, 7);
      for (const [page, list] of Object.entries(before)) expect(after[page]).toEqual(list);
    }
  });

  it('knows which pages exist', () => {
    expect(numberedPages(10, 3)).toBe(2);
    expect([0, 1, 2, 3, -1, 1.5].map((p) => isPage(10, 3, p))).toEqual([true, true, true, false, false, false]);
  });
});

describe('links between pages', () => {
  it('link the latest page, the neighbours and the oldest, newest first', () => {
    const nav = listNav('metals/copper/', 5, 9);
    expect(nav.links.map((l) => l?.label ?? '…')).toEqual(['Latest', '…', '7', '6', '5', '4', '3', '…', '1']);
    expect(nav.previous?.url).toBe('metals/copper/page/6/');
    expect(nav.next?.url).toBe('metals/copper/page/4/');
    expect(listNav('', 9, 9).previous?.url).toBe('');
    expect(listNav('', 0, 9).next?.url).toBe('page/9/');
    expect(listNav('', 0, 0).show).toBe(false);
  });

  it('on an older page, do not change as the list grows', () => {
    expect(listNav('x/', 3, 40)).toEqual(listNav('x/', 3, 41));
  });

  it('of an alphabetical list keep the usual order', () => {
    expect(numberedNav('companies/', 1, 8).links.map((l) => l?.label ?? '…')).toEqual(['1', '2', '3', '…', '8']);
    expect(numberedNav('companies/', 2, 8).previous?.url).toBe('companies/');
  });
});
