// How a long list is cut into pages, and the links between them.
//
// The digest, an entity's articles, the figures and the timeline are shown newest first, and a new
// item may land anywhere in them: an article dated last year goes in the middle, and most of an
// article's timeline points are in the past. So their pages are cut where the items themselves
// say, as rsync and backup tools cut files into chunks: going up from the oldest item, a page
// ends, once it has `min` items, below an item whose hash is a multiple of `spread`, and at the
// latest at `max` items. An item added anywhere changes the page it lands on (rarely a neighbour
// too) and no other. Pages of a fixed count, numbered from the oldest, stayed put only while new
// items were the newest: one article of an older date added to 100,000 re-rendered 21,386 pages.
//
// An older page is named after its oldest item (its date and its hash: `page/2025-03-14-9f2c01ab/`),
// which stays its oldest as items are added. The latest page is the list's own address and holds
// what is newer than the last cut, with the page below it when that is fewer than `min` items (a
// front page of one article would be a poor one). Pages link newer, older and latest, without
// numbers: a number would change as pages appear before it.
//
// Alphabetical lists (the A–Z indexes) cannot be stable that way and keep the usual numbering.

/** Where a list's pages are cut: see above. */
export interface CutRule {
  min: number;
  spread: number;
  max: number;
}

/** `shape` for pages of at least `min` items: its spread and largest page in proportion. */
export function scaledCut(shape: CutRule, min: number): CutRule {
  return min === shape.min ? shape : { min, spread: Math.round((shape.spread * min) / shape.min), max: Math.round((shape.max * min) / shape.min) };
}

/** One page of a list. */
export interface ListPage {
  /** Its items: [from, to) of the newest-first list. */
  from: number;
  to: number;
  /** Its site path: the list's own for the latest page. */
  path: string;
}

/** A page of a list, with the list's other pages (for the links between them). */
export interface PageOfList {
  pages: readonly ListPage[];
  /** Its place in `pages` (0: the latest). */
  at: number;
}

/** The items of a newest-first list, as the cut sees them. */
export interface ListItems {
  length: number;
  /** A hash of item i that follows from the item alone (its id), not from its place. */
  hash(i: number): number;
  /** The start of the name of a page whose oldest item is i: its date ("2025-03-14"), or "undated". */
  label(i: number): string;
}

/**
 * A list's pages, latest first; always at least one (an empty list has its latest page). Older
 * pages' paths start with `olderPrefix`.
 */
export function cutList(items: ListItems, rule: CutRule, latestPath: string, olderPrefix: string): ListPage[] {
  const spans: { from: number; to: number }[] = [];
  let to = items.length;
  for (let i = items.length - 1; i >= 0; i--) {
    // the items i+1 … to-1 are on the page being filled; does item i start the next one?
    const size = to - (i + 1);
    if (size >= rule.max || (size >= rule.min && items.hash(i) % rule.spread === 0)) {
      spans.push({ from: i + 1, to });
      to = i + 1;
    }
  }
  spans.push({ from: 0, to });
  spans.reverse();
  if (spans.length > 1 && spans[0]!.to - spans[0]!.from < rule.min) spans.splice(0, 2, { from: 0, to: spans[1]!.to });
  const taken = new Set<string>();
  return spans.map(({ from, to: end }, n) => {
    if (n === 0) return { from, to: end, path: latestPath };
    const anchor = end - 1;
    const name = `${items.label(anchor)}-${items.hash(anchor).toString(16).padStart(8, '0')}`;
    // two oldest items of one date with one hash: the newer page gets a suffix
    let unique = name;
    for (let k = 2; taken.has(unique); k++) unique = `${name}-${k}`;
    taken.add(unique);
    return { from, to: end, path: `${olderPrefix}${unique}/` };
  });
}

/** The page (its place in `pages`) holding newest-first position `position`. */
export function pageHolding(pages: readonly ListPage[], position: number): number {
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pages[mid]!.to <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Each page's place by its path. */
export function pagesByPath(pages: readonly ListPage[]): Map<string, number> {
  return new Map(pages.map((p, i) => [p.path, i]));
}

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

/** Links of a newest-first list's page: newer and older neighbours, and the latest page. */
export function listNav({ pages, at }: PageOfList): PageNav {
  const newer = pages[at - 1];
  const older = pages[at + 1];
  return {
    show: pages.length > 1,
    previous: newer ? { url: newer.path, label: 'Newer' } : null,
    next: older ? { url: older.path, label: 'Older' } : null,
    links: [{ label: 'Latest', url: pages[0]!.path, current: at === 0 }],
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
