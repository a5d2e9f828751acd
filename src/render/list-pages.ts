// How a long list is cut into pages, and the links between them.
//
// Lists shown newest first (the digest, an entity's articles, figures) are cut from
// their oldest end: `page/1/` holds the oldest `size` items, `page/2/` the next, and the list's own
// URL (the latest page) the newest `size` to `2·size − 1`. New items land on the latest page; every
// `size` of them add one numbered page. A numbered page therefore keeps its items and its URL for
// good: an incremental build leaves it alone, and a link to it stays right.
//
// That holds while new items are the newest. The timeline's new points land anywhere (an article's
// dates are mostly in the past), so its pages are cut where its points say (collections.ts).
//
// Alphabetical lists (the A–Z indexes) cannot be stable that way and keep the usual numbering.

/** 0 is the latest page (the list's own URL); 1 … n are `page/1/` (the oldest) onwards. */
export type PageRef = number;

/** How many numbered pages a list of `total` items has. */
export function numberedPages(total: number, size: number): number {
  return Math.max(0, Math.floor(total / size) - 1);
}

/** The items of a page, as [from, to) positions in the newest-first list. */
export function pageSpan(total: number, size: number, page: PageRef): { from: number; to: number } {
  const numbered = numberedPages(total, size);
  if (page === 0) return { from: 0, to: total - numbered * size };
  return { from: total - page * size, to: total - (page - 1) * size };
}

/** Whether a list of `total` items has this page. */
export function isPage(total: number, size: number, page: PageRef): boolean {
  return Number.isInteger(page) && page >= 0 && page <= numberedPages(total, size);
}

/** The pages of a list, latest first (the order a reader goes through them). */
export function pageRefs(total: number, size: number): PageRef[] {
  const numbered = numberedPages(total, size);
  return [0, ...Array.from({ length: numbered }, (_, i) => numbered - i)];
}

export const pageUrl = (prefix: string, page: PageRef): string => (page === 0 ? prefix : `${prefix}page/${page}/`);

export interface PageLink {
  label: string;
  url: string;
  current: boolean;
}

/** What the pagination partial shows. `links` may hold null for a gap ("…"). */
export interface PageNav {
  show: boolean;
  previous: { url: string; label: string } | null;
  next: { url: string; label: string } | null;
  links: (PageLink | null)[];
}

/**
 * Links of a newest-first list's page: newer and older, the latest page, the pages either side
 * of this one, and the oldest. Nothing in it depends on the list's length except on the pages
 * nearest the top, so older pages stay as they are while the list grows.
 */
export function listNav(prefix: string, page: PageRef, numbered: number): PageNav {
  const link = (p: PageRef): PageLink => ({ label: p === 0 ? 'Latest' : String(p), url: pageUrl(prefix, p), current: p === page });
  const newer = page === 0 ? null : page === numbered ? 0 : page + 1;
  const older = page === 0 ? (numbered > 0 ? numbered : null) : page > 1 ? page - 1 : null;
  const links: (PageLink | null)[] = [link(0)];
  if (numbered > 0) {
    const centre = page === 0 ? numbered + 1 : page;
    const top = Math.min(numbered, centre + 2);
    const bottom = Math.max(1, centre - 2);
    if (top < numbered) links.push(null);
    for (let p = top; p >= bottom; p--) links.push(link(p));
    if (bottom > 2) links.push(null);
    if (bottom > 1) links.push(link(1));
  }
  return {
    show: numbered > 0,
    previous: newer === null ? null : { url: pageUrl(prefix, newer), label: 'Newer' },
    next: older === null ? null : { url: pageUrl(prefix, older), label: 'Older' },
    links,
  };
}

/** Links of page `n` (1-based) of an alphabetical list of `pages` pages: first, last and the two either side. */
export function numberedNav(prefix: string, n: number, pages: number): PageNav {
  const url = (p: number) => (p === 1 ? prefix : `${prefix}page/${p}/`);
  const link = (p: number): PageLink => ({ label: String(p), url: url(p), current: p === n });
  const links: (PageLink | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - n) <= 2) links.push(link(p));
    else if (links.at(-1) !== null) links.push(null);
  }
  return {
    show: pages > 1,
    previous: n > 1 ? { url: url(n - 1), label: 'Previous' } : null,
    next: n < pages ? { url: url(n + 1), label: 'Next' } : null,
    links,
  };
}
