// The site-wide pages that list facts of every article: `figures/` (every figure in one table) and
// `timeline/` (every dated event and target on one axis). Both are cut into pages of a bounded
// number of rows, where their rows say (list-pages.ts), so each page costs O(its rows): the only
// site-wide work is one pass over the articles, done once per build and shared by all pages (an
// offset table for figures; for the timeline, a sorted list of small references), and the cut.
import type { LinkedArticle } from '../link/link.ts';
import { formatFigureValue } from './figure-format.ts';
import { dateRange, rangeLabel } from './dates.ts';
import type { SiteIndex } from './page-models.ts';
import { timelineEntry, type TimelineEntry } from './timeline-entry.ts';
import { fnv1a, fnv1aOn } from '../fnv1a.ts';
import { factsOf, forEachTimelinePoint } from '../store/held-facts.ts';
import { keyOfTimelineCode, timelineCode } from '../extract/timeline-key.ts';
import { figureMetalNames } from '../store/held-record.ts';
import { cutList, listNav, pageHolding, type CutRule, type ListPage, type PageOfList } from './list-pages.ts';

/** Pages of 120 to 400 figures, about 230 on average (list-pages.ts). */
export const FIGURES_CUT: CutRule = { min: 120, spread: 120, max: 400 };

export interface FigureRow {
  text: string;
  normalised: string;
  /** Number to sort by (the value, or a range's lower end). */
  sortValue: number | null;
  unit: string;
  measure: string | null;
  /** rise, fall, target, forecast or guidance, where the text says so. */
  direction: string | null;
  company: { id: string; name: string; url: string } | null;
  metals: { id: string; name: string; url: string }[];
  date: string | null;
  sentence: string;
  article: { title: string; url: string };
}

/** Figure counts per article, summed: figure k of the site lives in the article where the sum passes k. */
export class FigureOffsets {
  readonly starts: number[] = [];
  readonly total: number;
  constructor(articles: LinkedArticle[]) {
    let sum = 0;
    for (const a of articles) {
      this.starts.push(sum);
      // one company (or null) per figure: counted without unpacking the figures (held-facts.ts)
      sum += a.figureCompanies.length;
    }
    this.total = sum;
  }

  /** Index of the article holding site figure `k` (binary search). */
  articleOf(k: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** The metals named in the sentence of figure `i`, as linked metals. */
function figureMetals(a: LinkedArticle, i: number): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  for (const name of figureMetalNames(a.record, i)) {
    const linked = a.metals.find((am) => am.name === name);
    if (linked && !out.some((o) => o.id === linked.id)) out.push(linked);
  }
  return out;
}

export function figureRows(index: SiteIndex, a: LinkedArticle): FigureRow[] {
  return factsOf(a).figures.map((f, i) => {
    const companyId = a.figureCompanies[i] ?? null;
    const company = companyId ? index.companyById.get(companyId) : undefined;
    return {
      text: f.text,
      normalised: formatFigureValue(f),
      sortValue: f.value ?? f.min ?? f.max ?? null,
      unit: f.unit,
      measure: f.measure ?? null,
      direction: f.direction ?? null,
      company: company ? { id: company.id, name: company.name, url: `companies/${company.id}/` } : null,
      metals: figureMetals(a, i).map((m) => ({ ...m, url: `metals/${m.id}/` })),
      date: a.date,
      sentence: f.sentence,
      article: { title: a.title, url: a.url },
    };
  });
}

/**
 * `\0` and a small number (a figure's or a date's place in its article, -1 for its publication),
 * as the cut hashes read them: each made once, not once an item (1.5 million points at 100,000).
 */
const nulAndNumbers: string[] = [];
const nulAndNumber = (n: number) => (nulAndNumbers[n + 1] ??= `\u0000${n}`);

/**
 * The pages of `figures/`, latest first. A figure's hash is of its article's id and its place in
 * the article; an older page is named after its oldest figure's article date.
 */
export function figuresPages(articles: readonly LinkedArticle[], offsets: FigureOffsets, cut: CutRule = FIGURES_CUT): ListPage[] {
  const items = {
    length: offsets.total,
    hash: (k: number) => {
      const ai = offsets.articleOf(k);
      return fnv1aOn(fnv1a(articles[ai]!.id), nulAndNumber(k - offsets.starts[ai]!));
    },
    label: (k: number) => articles[offsets.articleOf(k)]!.date ?? 'undated',
  };
  return cutList(items, cut, 'figures/', 'figures/page/');
}

/**
 * A page of `figures/`: figures newest article first, in text order within an article. Totals
 * are on the latest page only, so older pages stay as they are.
 */
export function figuresModel(index: SiteIndex, offsets: FigureOffsets, page: PageOfList) {
  const { from, to } = page.pages[page.at]!;
  const latest = page.at === 0;
  const rows: FigureRow[] = [];
  if (from < to) {
    for (let ai = offsets.articleOf(from); ai < index.digest.length && offsets.starts[ai]! < to; ai++) {
      const a = index.digest[ai]!;
      const start = offsets.starts[ai]!;
      figureRows(index, a).forEach((row, i) => {
        if (start + i >= from && start + i < to) rows.push(row);
      });
    }
  }
  const options = (pick: (r: FigureRow) => { id: string; name: string }[]) => {
    const seen = new Map<string, string>();
    for (const r of rows) for (const x of pick(r)) seen.set(x.id, x.name);
    return [...seen.entries()].map(([id, name]) => ({ id, name })).sort((x, y) => x.name.localeCompare(y.name));
  };
  return {
    latest,
    rows,
    range: dateRange(rows),
    total: latest ? offsets.total : null,
    articles: latest ? index.digest.length : null,
    filters: {
      companies: options((r) => (r.company ? [r.company] : [])),
      metals: options((r) => r.metals),
      units: options((r) => [{ id: r.unit, name: r.unit }]),
    },
    pagination: listNav(page),
  };
}

/**
 * A figures page's data for its key, without the rows: for each article with figures on the page,
 * what the rows take from the link stage (its title, address and date, its figures' companies and
 * its metals as linked) and which of its figures; the figures themselves follow from its source's
 * digest and the extractor's version, which are in the key.
 */
export function figuresKeyData(index: SiteIndex, offsets: FigureOffsets, page: PageOfList) {
  const { from, to } = page.pages[page.at]!;
  const latest = page.at === 0;
  const articles: unknown[] = [];
  for (let ai = from < to ? offsets.articleOf(from) : index.digest.length; ai < index.digest.length && offsets.starts[ai]! < to; ai++) {
    const a = index.digest[ai]!;
    const start = offsets.starts[ai]!;
    const first = Math.max(from, start) - start;
    const end = Math.min(to, start + a.figureCompanies.length) - start;
    if (first >= end) continue;
    const companies = a.figureCompanies.slice(first, end).map((id) => (id ? (index.companyById.get(id)?.name ?? null) : null));
    articles.push([a.id, a.url, a.title, a.date, a.record.source.digest, first, end, companies, a.metals.map((m) => [m.id, m.name])]);
  }
  return { articles, total: latest ? offsets.total : null, count: latest ? index.digest.length : null, pagination: listNav(page) };
}

// ---------------------------------------------------------------------------------------------

/** One point on the timeline: an article's publication (date = -1) or a date found in its text. */
export interface TimelineRef {
  /** Sortable date: "2025", "2025-03", "2025-03-18". */
  key: string;
  article: number;
  date: number;
}


/**
 * Every dated point of every article, newest (furthest ahead) first, packed in typed arrays: a
 * synthetic article has about fifteen, and one object each was 1.1 KiB an article, more than
 * 100 MB of a 100,000-article build's heap while it renders.
 */
export class TimelinePoints {
  private constructor(
    /** The distinct sortable dates, and each one's number (timelineCode). */
    private readonly keys: string[],
    private readonly codes: number[],
    private readonly keyAt: Uint32Array,
    private readonly articleAt: Uint32Array,
    /** The date's place in its article's dates, -1 for the article's publication. */
    private readonly dateAt: Int32Array,
  ) {}

  get length(): number {
    return this.articleAt.length;
  }

  key(i: number): string {
    return this.keys[this.keyAt[i]!]!;
  }

  /** Point i's key as its number (timelineCode). */
  keyCode(i: number): number {
    return this.codes[this.keyAt[i]!]!;
  }

  /** Point i's key as its place among the distinct keys (`distinctKeys`): for what is worked out once a key. */
  keyPlace(i: number): number {
    return this.keyAt[i]!;
  }

  get distinctKeys(): readonly string[] {
    return this.keys;
  }

  /** The place of point i's article in the site's order. */
  article(i: number): number {
    return this.articleAt[i]!;
  }

  /** Point i's place in its article's dates (-1: the article's publication). */
  date(i: number): number {
    return this.dateAt[i]!;
  }

  at(i: number): TimelineRef {
    return { key: this.key(i), article: this.articleAt[i]!, date: this.dateAt[i]! };
  }

  static of(articles: LinkedArticle[]): TimelinePoints {
    // each distinct key by its number (timelineCode), given an id as it comes; the points in typed
    // arrays that grow, not arrays of numbers pushed to (1.5 million points at 100,000 articles:
    // 224-273 against 136-199 ms, BENCHMARKS.md)
    const idOfCode = new Map<number, number>();
    const codes: number[] = [];
    let keyOf = new Uint32Array(1024);
    let articleOf = new Uint32Array(1024);
    let dateOf = new Int32Array(1024);
    let count = 0;
    const add = (code: number, article: number, date: number) => {
      if (count === keyOf.length) {
        keyOf = grown(keyOf, new Uint32Array(2 * count));
        articleOf = grown(articleOf, new Uint32Array(2 * count));
        dateOf = grown(dateOf, new Int32Array(2 * count));
      }
      let id = idOfCode.get(code);
      if (id === undefined) idOfCode.set(code, (id = codes.push(code) - 1));
      keyOf[count] = id;
      articleOf[count] = article;
      dateOf[count++] = date;
    };
    articles.forEach((a, ai) => {
      if (a.date) add(timelineCode(a.date), ai, -1);
      // keyed where the record was made, the same date in the same sentence once (held-facts.ts)
      forEachTimelinePoint(a, (code, di) => add(code, ai, di));
    });
    // each distinct key's rank in timeline order, the larger number first (two keys are never
    // ordered alike), so the points sort by numbers
    const keys = codes.map(keyOfTimelineCode);
    const byOrder = codes.map((_, i) => i).sort((x, y) => codes[y]! - codes[x]!);
    const rank = new Uint32Array(codes.length);
    byOrder.forEach((id, i) => (rank[id] = i));
    // points by rank, then article, then date: they were added in article and date order, so a
    // counting sort on the rank alone keeps the rest (1.5 million points at 100,000 articles)
    const starts = new Uint32Array(keys.length + 1);
    for (let i = 0; i < count; i++) starts[rank[keyOf[i]!]! + 1]!++;
    for (let r = 1; r <= keys.length; r++) starts[r]! += starts[r - 1]!;
    const keyAt = new Uint32Array(count);
    const articleAt = new Uint32Array(count);
    const dateAt = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const at = starts[rank[keyOf[i]!]!]!++;
      keyAt[at] = keyOf[i]!;
      articleAt[at] = articleOf[i]!;
      dateAt[at] = dateOf[i]!;
    }
    return new TimelinePoints(keys, codes, keyAt, articleAt, dateAt);
  }
}

/** `to` holding `from`'s elements first. */
function grown<T extends Uint32Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function entry(index: SiteIndex, ref: TimelineRef): TimelineEntry {
  return timelineEntry(index.digest[ref.article]!, ref.date, ref.key);
}


/**
 * Timeline pages are cut where the points say (list-pages.ts), each point hashed by its date, its
 * article's id and its place there: pages of a fixed count of points, numbered from the oldest,
 * all moved by one point when an article's dates landed in the past, as nearly every article's do
 * (one article added to 100,000 re-rendered 5,710 of 7,700 timeline pages).
 */
export const TIMELINE_CUT: CutRule = { min: 60, spread: 150, max: 400 };

/** One page of the timeline: `timeline/` for the latest, an older one named after its oldest point (`timeline/2025-03-14-9f2c01ab/`). */
export type TimelinePage = ListPage;

/** The timeline's pages, latest first; always at least one (an empty timeline has its latest page). */
export function timelinePages(articles: readonly { id: string }[], refs: TimelinePoints, cut: CutRule = TIMELINE_CUT): TimelinePage[] {
  // a point's hash is fnv1a(`${key}\0${id}\0${date}`), made without that string: the key's part once a key
  const keyParts = refs.distinctKeys.map((key) => fnv1a(`${key}\u0000`));
  const items = {
    length: refs.length,
    hash: (i: number) => fnv1aOn(fnv1aOn(keyParts[refs.keyPlace(i)]!, articles[refs.article(i)]!.id), nulAndNumber(refs.date(i))),
    label: (i: number) => refs.key(i),
  };
  return cutList(items, cut, 'timeline/', 'timeline/');
}

/** "14 March 2025 to 2 April 2025": the dates of a page's oldest and newest points. */
function timelineSpan(refs: TimelinePoints, page: TimelinePage): string {
  return page.to <= page.from ? '' : rangeLabel({ newest: refs.key(page.from), oldest: refs.key(page.to - 1) });
}

/**
 * A timeline page's data for its key, made without unpacking any article's facts: each point as
 * its date and its article (id, url, title, date and the source's digest: with the extractor's
 * version in the key, the digest vouches for the sentence and the figure the point shows), the
 * years that start on the page, and what the latest page adds. Working out a key from the model
 * instead unpacked 150,000 articles' facts at 100,000 articles (114 s of a build that added one).
 */
export function timelineKeyData(index: SiteIndex, refs: TimelinePoints, years: TimelineYear[], pages: TimelinePage[], at: number) {
  const page = pages[at]!;
  const points: unknown[] = [];
  for (let i = page.from; i < page.to; i++) {
    const ref = refs.at(i);
    const a = index.digest[ref.article]!;
    points.push([ref.key, ref.date, a.id, a.url, a.title, a.date, a.record.source.digest]);
  }
  return {
    points,
    yearsStarting: years.filter((y) => y.path === page.path).map((y) => y.year),
    total: at === 0 ? refs.length : null,
    years: at === 0 ? years : null,
    pagination: listNav({ pages, at }),
  };
}

/** A year on the timeline: its count of points, and the page its first (newest) point is on. */
export interface TimelineYear {
  year: string;
  count: number;
  path: string;
}

/** Years on the timeline with their count and the page their first entry is on (computed once). */
export function timelineYears(refs: TimelinePoints, pages: TimelinePage[]): TimelineYear[] {
  const years: TimelineYear[] = [];
  for (let i = 0; i < refs.length; i++) {
    const year = refs.key(i).slice(0, 4);
    const last = years[years.length - 1];
    if (last && last.year === year) last.count++;
    else years.push({ year, count: 1, path: pages[pageHolding(pages, i)]!.path });
  }
  return years;
}

/**
 * A page of `timeline/`. The years with their counts are on the latest page only: a new year or
 * one more point would otherwise rewrite every page.
 */
export function timelineModel(index: SiteIndex, refs: TimelinePoints, years: TimelineYear[], pages: TimelinePage[], at: number) {
  const page = pages[at]!;
  const slice: TimelineEntry[] = [];
  for (let i = page.from; i < page.to; i++) slice.push(entry(index, refs.at(i)));
  const groups: { year: string; first: boolean; entries: TimelineEntry[] }[] = [];
  for (const e of slice) {
    const last = groups[groups.length - 1];
    if (last && last.year === e.year) last.entries.push(e);
    else groups.push({ year: e.year, first: years.find((y) => y.year === e.year)?.path === page.path, entries: [e] });
  }
  return {
    latest: at === 0,
    span: timelineSpan(refs, page),
    groups,
    total: at === 0 ? refs.length : null,
    years: at === 0 ? years.map((y) => ({ ...y, url: y.path })) : null,
    pagination: listNav({ pages, at }),
  };
}

/** What names an older timeline page in its title and breadcrumbs: the span of its dates. */
export function timelinePageName(refs: TimelinePoints, pages: TimelinePage[], at: number): string {
  return timelineSpan(refs, pages[at]!);
}
