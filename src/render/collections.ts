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
 * The timeline's points as a build keeps them for the next one (TimelinePoints.patched): the
 * digest's article ids in its order, a line each, and by point its key's place among `codes` (the
 * distinct keys' numbers, newest first), its article's place in the ids, its date's place in the
 * article and its hash (the cut's).
 */
export interface KeptTimeline {
  ids: string;
  codes: Int32Array;
  keys: Uint32Array;
  articles: Uint32Array;
  dates: Int32Array;
  hashes: Uint32Array;
}

/**
 * Every dated point of every article, newest (furthest ahead) first, packed in typed arrays: a
 * synthetic article has about fifteen, and one object each was 1.1 KiB an article, more than
 * 100 MB of a 100,000-article build's heap while it renders. Points are in order of their key
 * (the larger number first), then of their article's place, then of their date's place there.
 */
export class TimelinePoints {
  private constructor(
    /** The distinct sortable dates, newest first, and each one's number (timelineCode). */
    private readonly keys: string[],
    private readonly codes: Int32Array,
    /** By point: its key's place in `keys`, its article's place in the site's order, its date's place in the article, its hash (pointHash). */
    private readonly keyAt: Uint32Array,
    private readonly articleAt: Uint32Array,
    /** The date's place in its article's dates, -1 for the article's publication. */
    private readonly dateAt: Int32Array,
    private readonly hashAt: Uint32Array,
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

  /** The place of point i's article in the site's order. */
  article(i: number): number {
    return this.articleAt[i]!;
  }

  /** Point i's place in its article's dates (-1: the article's publication). */
  date(i: number): number {
    return this.dateAt[i]!;
  }

  /** Point i's hash, by which the timeline is cut into pages (pointHash). */
  hash(i: number): number {
    return this.hashAt[i]!;
  }

  at(i: number): TimelineRef {
    return { key: this.key(i), article: this.articleAt[i]!, date: this.dateAt[i]! };
  }

  /** The points of `articles` (the digest, in the site's order). */
  static of(articles: readonly LinkedArticle[]): TimelinePoints {
    return TimelinePoints.sorted(pointsOf(articles, articles.map((_, i) => i)), articles);
  }

  /**
   * The points of `articles` made from the last build's (`last`), when no more than the articles in
   * `changed` (added, removed or changed since: their points go and come) differ: the same as
   * TimelinePoints.of, without going through every article's dates and hashing every point again
   * (1.5 million points at 100,000 articles). Null when `last` does not fit the articles.
   */
  static patched(last: KeptTimeline, articles: readonly LinkedArticle[], changed: ReadonlySet<string>): TimelinePoints | null {
    const { codes: lastCodes, keys: lastKeys, articles: lastArticles, dates: lastDates, hashes: lastHashes } = last;
    const n = lastArticles.length;
    if (lastKeys.length !== n || lastDates.length !== n || lastHashes.length !== n) return null;
    // each last article's place now (-1: its points go): the unchanged ones keep their order, so
    // both lists are walked together, the articles that came or changed stepped over
    const moved: number[] = [];
    const comingPlaces: number[] = [];
    let now = 0;
    const skipComing = () => {
      while (now < articles.length && changed.has(articles[now]!.id)) comingPlaces.push(now++);
    };
    for (let at = 0; at < last.ids.length; ) {
      const end = last.ids.indexOf('\n', at);
      const id = last.ids.slice(at, end < 0 ? last.ids.length : end);
      at = end < 0 ? last.ids.length : end + 1;
      if (changed.has(id)) {
        moved.push(-1);
        continue;
      }
      skipComing();
      if (now === articles.length || articles[now]!.id !== id) return null;
      moved.push(now++);
    }
    skipComing();
    if (now !== articles.length) return null;
    const coming = pointsOf(comingPlaces.map((i) => articles[i]!), comingPlaces);
    // the new points in timeline order, then merged with the kept ones (in that order already)
    const order = Array.from({ length: coming.count }, (_, i) => i).sort((x, y) => coming.codes[y]! - coming.codes[x]! || coming.articles[x]! - coming.articles[y]! || coming.dates[x]! - coming.dates[y]!);
    let keptCount = 0;
    for (let i = 0; i < n; i++) {
      const article = lastArticles[i]!;
      if (article >= moved.length) return null;
      if (moved[article]! >= 0) keptCount++;
    }
    const count = keptCount + coming.count;
    const codeAt = new Int32Array(count);
    const articleAt = new Uint32Array(count);
    const dateAt = new Int32Array(count);
    const hashAt = new Uint32Array(count);
    const keyParts = new Map<number, number>();
    let out = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const place = moved[lastArticles[i]!]!;
      if (place < 0) continue;
      const code = lastCodes[lastKeys[i]!]!;
      // the new points that come before this one
      while (b < order.length) {
        const c = order[b]!;
        const cCode = coming.codes[c]!;
        if (cCode < code || (cCode === code && coming.articles[c]! > place)) break;
        codeAt[out] = cCode;
        articleAt[out] = coming.articles[c]!;
        dateAt[out] = coming.dates[c]!;
        hashAt[out++] = pointHash(keyParts, cCode, articles[coming.articles[c]!]!.id, coming.dates[c]!);
        b++;
      }
      codeAt[out] = code;
      articleAt[out] = place;
      dateAt[out] = lastDates[i]!;
      hashAt[out++] = lastHashes[i]!;
    }
    for (; b < order.length; b++) {
      const c = order[b]!;
      codeAt[out] = coming.codes[c]!;
      articleAt[out] = coming.articles[c]!;
      dateAt[out] = coming.dates[c]!;
      hashAt[out++] = pointHash(keyParts, coming.codes[c]!, articles[coming.articles[c]!]!.id, coming.dates[c]!);
    }
    // the distinct keys are the runs of one code
    const distinct: number[] = [];
    const keyAt = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      if (i === 0 || codeAt[i] !== codeAt[i - 1]) distinct.push(codeAt[i]!);
      keyAt[i] = distinct.length - 1;
    }
    return new TimelinePoints(distinct.map(keyOfTimelineCode), Int32Array.from(distinct), keyAt, articleAt, dateAt, hashAt);
  }

  /** The points as the next build takes them back (patched), `articles` being the ones they were made of. */
  kept(articles: readonly LinkedArticle[]): KeptTimeline {
    return { ids: articles.map((a) => a.id).join('\n'), codes: this.codes, keys: this.keyAt, articles: this.articleAt, dates: this.dateAt, hashes: this.hashAt };
  }

  /** Points in the order they were found (an article's, in its order), put in timeline order and hashed. */
  private static sorted(found: FoundPoints, articles: readonly LinkedArticle[]): TimelinePoints {
    const { codes: codeOf, articles: articleOf, dates: dateOf, count } = found;
    // each distinct key's rank in timeline order, the larger number first
    const distinct = [...new Set(codeOf.subarray(0, count))].sort((x, y) => y - x);
    const rankOf = new Map(distinct.map((code, rank) => [code, rank]));
    // points by rank, then article, then date: they were found in article and date order, so a
    // counting sort on the rank alone keeps the rest (1.5 million points at 100,000 articles)
    const starts = new Uint32Array(distinct.length + 1);
    const rank = new Uint32Array(count);
    for (let i = 0; i < count; i++) starts[(rank[i] = rankOf.get(codeOf[i]!)!) + 1]!++;
    for (let r = 1; r <= distinct.length; r++) starts[r]! += starts[r - 1]!;
    const keyAt = new Uint32Array(count);
    const articleAt = new Uint32Array(count);
    const dateAt = new Int32Array(count);
    const hashAt = new Uint32Array(count);
    const keyParts = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const at = starts[rank[i]!]!++;
      keyAt[at] = rank[i]!;
      articleAt[at] = articleOf[i]!;
      dateAt[at] = dateOf[i]!;
      hashAt[at] = pointHash(keyParts, codeOf[i]!, articles[articleOf[i]!]!.id, dateOf[i]!);
    }
    return new TimelinePoints(distinct.map(keyOfTimelineCode), Int32Array.from(distinct), keyAt, articleAt, dateAt, hashAt);
  }
}

/** Points as found, `count` of them: each one's key's number, article's place and date's place. */
interface FoundPoints {
  codes: Int32Array;
  articles: Uint32Array;
  dates: Int32Array;
  count: number;
}

/**
 * The points of `articles`, each article given its place in the site's order (`places`), in the
 * order found: an article's publication, then its dates (keyed where the record was made, the same
 * date in the same sentence once: held-facts.ts). In typed arrays that grow, not arrays of numbers
 * pushed to (1.5 million points at 100,000 articles: 224-273 against 136-199 ms, BENCHMARKS.md).
 */
function pointsOf(articles: readonly LinkedArticle[], places: readonly number[]): FoundPoints {
  let codes = new Int32Array(1024);
  let articleOf = new Uint32Array(1024);
  let dates = new Int32Array(1024);
  let count = 0;
  const add = (code: number, article: number, date: number) => {
    if (count === codes.length) {
      codes = grown(codes, new Int32Array(2 * count));
      articleOf = grown(articleOf, new Uint32Array(2 * count));
      dates = grown(dates, new Int32Array(2 * count));
    }
    codes[count] = code;
    articleOf[count] = article;
    dates[count++] = date;
  };
  articles.forEach((a, i) => {
    const place = places[i]!;
    if (a.date) add(timelineCode(a.date), place, -1);
    forEachTimelinePoint(a, (code, di) => add(code, place, di));
  });
  return { codes, articles: articleOf, dates, count };
}

/**
 * A point's hash, by which the timeline is cut: fnv1a(`${key}\0${id}\0${date}`), made without
 * that string (the key's part once a key, in `keyParts`).
 */
function pointHash(keyParts: Map<number, number>, code: number, id: string, date: number): number {
  let keyPart = keyParts.get(code);
  if (keyPart === undefined) keyParts.set(code, (keyPart = fnv1a(`${keyOfTimelineCode(code)}\u0000`)));
  return fnv1aOn(fnv1aOn(keyPart, id), nulAndNumber(date));
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
export function timelinePages(refs: TimelinePoints, cut: CutRule = TIMELINE_CUT): TimelinePage[] {
  return cutList({ length: refs.length, hash: (i) => refs.hash(i), label: (i) => refs.key(i) }, cut, 'timeline/', 'timeline/');
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
  // a key's year is its number's first digits (timelineCode): no string a point (1.5 million at 100,000 articles)
  let lastYear = -1;
  for (let i = 0; i < refs.length; i++) {
    const year = Math.floor(refs.keyCode(i) / 10_000);
    if (year === lastYear) years[years.length - 1]!.count++;
    else years.push({ year: refs.key(i).slice(0, 4), count: 1, path: pages[pageHolding(pages, i)]!.path });
    lastYear = year;
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
