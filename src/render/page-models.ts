// What each page shows, as plain data for its template. One function per kind of page; each reads
// only the entity and its own articles (never the whole site), so a page costs the same at 100
// articles and at 100,000.
import type { CompanyEntity, EntityBase, LinkedArticle, PersonEntity, SiteData, TermEntity } from '../link/link.ts';
import type { HeldRecord, RecordBody } from '../types.ts';
import { bodyHtml, type BodyMark } from './body-html.ts';
import { formatFigureValue } from './figure-format.ts';
import { columnChart, horizontalBarChart, perPeriod } from './charts.ts';
import { byTimelineKey, dateRange } from './dates.ts';
import { timelineEntry } from './timeline-entry.ts';
import { cutList, listNav, numberedNav, type CutRule, type ListPage, type PageOfList } from './list-pages.ts';
import { fnv1a, fnv1aOn } from '../fnv1a.ts';
import { factsOf, forEachTimelinePoint } from '../store/held-facts.ts';
import { keyOfTimelineCode } from '../extract/timeline-key.ts';
import { datesNaming, figureMetalNames } from '../store/held-record.ts';
import { BoundedMemo } from '../memo.ts';

/**
 * HTML made only when a template prints it (printing calls toString), and left out of a page's
 * input key (JSON.stringify calls toJSON): a page that is reused never renders its body.
 */
export class LazyHtml {
  constructor(private readonly make: () => string) {}
  toString(): string {
    return this.make();
  }
  toJSON(): undefined {
    return undefined;
  }
}

/** Where an entity's articles are cut into pages: 12 to 36 articles, about 22 on average (list-pages.ts). */
export const ENTITY_CUT: CutRule = { min: 12, spread: 12, max: 36 };
/** Where the digest is cut into pages: 20 to 60 articles, about 37 on average. */
export const HOME_CUT: CutRule = { min: 20, spread: 20, max: 60 };

export type EntityKind = 'companies' | 'people' | 'metals' | 'topics';

export const KIND_LABELS: Record<EntityKind, { plural: string; singular: string }> = {
  companies: { plural: 'Companies', singular: 'Company' },
  people: { plural: 'People', singular: 'Person' },
  metals: { plural: 'Metals', singular: 'Metal' },
  topics: { plural: 'Topics', singular: 'Topic' },
};

/** Where an article's body comes from: the whole record the held record carries, else the cache on disk. */
export type RecordBodies = (held: HeldRecord) => RecordBody | undefined;

export const attachedBody: RecordBodies = (held) => held.full;

export interface ArticleCard {
  id: string;
  url: string;
  title: string;
  date: string | null;
  summary: string;
  companies: { name: string; url: string }[];
  metals: { name: string; url: string }[];
  /** The story's other copies, by who published them. */
  alsoPublishedBy: Copy[];
}

/** Another copy of an article's story: its publisher (else its file's name), title and page. */
export interface Copy {
  publisher: string;
  title: string;
  url: string;
}

const CARDS_MAX = 20_000;
const NO_COPIES: Copy[] = Object.freeze([]) as unknown as Copy[];

export class SiteIndex {
  readonly articleById = new Map<string, LinkedArticle>();
  /** An article's place in the site's order, newest first (the order of every entity's list too). */
  readonly placeById = new Map<string, number>();
  /** An article's date as days since 1970 (related lists rank ties by it); an undated one is far from every dated one. */
  readonly dayById = new Map<string, number>();
  readonly companyById = new Map<string, CompanyEntity>();
  readonly personById = new Map<string, PersonEntity>();
  readonly personByName = new Map<string, PersonEntity>();
  readonly metalById = new Map<string, TermEntity>();
  readonly topicById = new Map<string, TermEntity>();
  /** Company id → people who hold a role there. */
  readonly peopleOfCompany = new Map<string, PersonEntity[]>();
  /** The digest's articles: one copy of each story, its earliest, in the site's order. */
  readonly digest: LinkedArticle[];

  constructor(
    readonly site: SiteData,
    /** The body of an article (its tree and the positions of its mentions), for its own page. */
    private readonly recordBodies: RecordBodies = attachedBody,
  ) {
    site.articles.forEach((a, i) => {
      this.articleById.set(a.id, a);
      this.placeById.set(a.id, i);
      this.dayById.set(a.id, dayOf(a.date));
    });
    for (const c of site.companies) this.companyById.set(c.id, c);
    for (const p of site.people) {
      this.personById.set(p.id, p);
      if (!this.personByName.has(p.name)) this.personByName.set(p.name, p);
      for (const r of p.roles) {
        if (!r.companyId) continue;
        const list = this.peopleOfCompany.get(r.companyId) ?? [];
        if (!list.includes(p)) list.push(p);
        this.peopleOfCompany.set(r.companyId, list);
      }
    }
    for (const m of site.metals) this.metalById.set(m.id, m);
    for (const t of site.topics) this.topicById.set(t.id, t);
    this.digest = site.stories.size ? site.articles.filter((a) => a.story === a.id) : site.articles;
  }

  /**
   * Related lists are scored by site place, in typed arrays: each article page's list looks at
   * up to 200 articles of each of its entities, and maps of ids were most of the cost.
   */
  private related: { days: Float64Array; stories: Int32Array; score: Int32Array; touched: number[] } | null = null;
  private readonly places = new WeakMap<EntityBase, Int32Array>();

  /** By site place: days since 1970, a number for the story, a zeroed score (and the places scored, to zero again). */
  relatedTables(): { days: Float64Array; stories: Int32Array; score: Int32Array; touched: number[] } {
    if (this.related) return this.related;
    const articles = this.site.articles;
    const storyNumber = new Map<string, number>();
    const stories = new Int32Array(articles.length);
    const days = new Float64Array(articles.length);
    articles.forEach((a, i) => {
      days[i] = this.dayById.get(a.id)!;
      let n = storyNumber.get(a.story);
      if (n === undefined) storyNumber.set(a.story, (n = storyNumber.size));
      stories[i] = n;
    });
    return (this.related = { days, stories, score: new Int32Array(articles.length), touched: [] });
  }

  /** An entity's articles as places in the site's articles (EntityBase.places; worked out from the ids for an entity link did not make). */
  placesOf(e: EntityBase): Int32Array {
    if (e.places) return e.places;
    let places = this.places.get(e);
    if (!places) this.places.set(e, (places = Int32Array.from(e.articles, (id) => this.placeById.get(id)!)));
    return places;
  }

  /** An entity's articles (those from `from` to `to` in its list), as the linked articles, in its list's order. */
  *articlesOf(e: EntityBase, from = 0, to = e.articles.length): Generator<LinkedArticle> {
    const { articles } = this.site;
    for (const place of this.placesOf(e).subarray(from, to)) yield articles[place]!;
  }

  /**
   * The site places of the `window` + 1 articles of an entity's list nearest to site place `place`
   * (the list is in site order, so its places ascend): `places` from `from` to `to`.
   */
  placesAround(e: EntityBase, place: number, window: number): { places: Int32Array; from: number; to: number } {
    const places = this.placesOf(e);
    let lo = 0;
    let hi = places.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (places[mid]! < place) lo = mid + 1;
      else hi = mid;
    }
    const from = Math.max(0, Math.min(lo - (window >> 1), places.length - window));
    return { places, from, to: Math.min(places.length, from + window + 1) };
  }

  /** The other copies of an article's story, earliest first. */
  copiesOf(a: LinkedArticle): Copy[] {
    const members = this.site.stories.get(a.story);
    if (!members) return NO_COPIES;
    return members.filter((id) => id !== a.id).map((id) => {
      const copy = this.articleById.get(id)!;
      return { publisher: copy.record.publisher ?? copy.source.replace(/^.*\//, ''), title: copy.title, url: copy.url };
    });
  }

  recordBody(a: LinkedArticle): RecordBody {
    const record = this.recordBodies(a.record);
    if (!record) throw new Error(`render: the record of ${a.source} is neither in memory nor in the cache; rebuild with --no-cache`);
    return record;
  }

  /**
   * Cards made this build, by article: one article's card is on its related articles' pages, its
   * entities' pages and a digest page (in a cold build's thread at 4,000 articles, 25,800 of 29,800
   * asks answered, about 0.2 s).
   */
  private readonly cards = new BoundedMemo<LinkedArticle, ArticleCard>(CARDS_MAX);

  card(a: LinkedArticle): ArticleCard {
    return this.cards.get(a, (article) => this.newCard(article));
  }

  private newCard(a: LinkedArticle): ArticleCard {
    return {
      id: a.id,
      url: a.url,
      title: a.title,
      date: a.date,
      summary: a.summary,
      companies: [...a.companies].sort((x, y) => y.mentions - x.mentions).slice(0, 4).map((c) => ({ name: this.companyById.get(c.id)?.name ?? c.name, url: `companies/${c.id}/` })),
      metals: a.metals.slice(0, 5).map((m) => ({ name: m.name, url: `metals/${m.id}/` })),
      alsoPublishedBy: this.copiesOf(a),
    };
  }
}

/**
 * A page of the digest. The latest page also carries the totals and the most mentioned entities;
 * an older page only its own articles, so it never changes once written.
 */
export function homeModel(index: SiteIndex, page: PageOfList) {
  const { site } = index;
  const { from, to } = page.pages[page.at]!;
  const latest = page.at === 0;
  const articles = index.digest.slice(from, to).map((a) => index.card(a));
  const top = <T extends { id: string; name: string; articles: string[] }>(list: T[], kind: EntityKind) =>
    list.slice(0, 10).map((e) => ({ name: e.name, url: `${kind}/${e.id}/`, count: e.articles.length }));
  return {
    latest,
    articles,
    range: dateRange(articles),
    total: latest ? index.digest.length : null,
    pagination: listNav(page),
    top: latest
        ? {
            companies: top(site.companies, 'companies'),
            people: top(site.people, 'people'),
            metals: top(site.metals, 'metals'),
            topics: top(site.topics, 'topics'),
          }
        : null,
  };
}

/**
 * The pages of a newest-first list of articles (the digest, an entity's articles). An article's
 * hash is of the list's own name and the article's id: lists that share articles are not all cut
 * at the same ones.
 */
export function articleListPages(index: SiteIndex, ids: { length: number; at(i: number): string }, list: string, rule: CutRule, latestPath: string): ListPage[] {
  // fnv1a(`${list}\0${id}`), the list's part hashed once
  const listPart = fnv1a(`${list}\u0000`);
  const items = {
    length: ids.length,
    hash: (i: number) => fnv1aOn(listPart, ids.at(i)),
    label: (i: number) => index.articleById.get(ids.at(i))!.date ?? 'undated',
  };
  return cutList(items, rule, latestPath, `${latestPath}page/`);
}

/** An article's body with its mentions linked and figures marked: the one part of a page that needs more than the held record. */
function articleBodyHtml(index: SiteIndex, a: LinkedArticle, base: string, record: RecordBody): string {
  const { text } = record.doc;
  const x = record.extraction;
  const marks: BodyMark[] = [];
  for (const c of x.companies) {
    const id = a.companies.find((ac) => ac.name === c.name || ac.aliases.includes(c.name))?.id;
    if (!id) continue;
    for (const surface of [c.name, ...c.aliases, ...c.spans.map((s) => text.slice(s.start, s.end))]) {
      if (/^[A-Z]/.test(surface)) marks.push({ surface, kind: 'company', href: `${base}companies/${id}/` });
    }
  }
  for (const p of a.people) {
    const person = x.people.find((xp) => xp.name === p.name);
    const surfaces = new Set([p.name, ...(person?.spans ?? []).map((s) => text.slice(s.start, s.end))]);
    for (const surface of surfaces) if (/^[A-Z]/.test(surface)) marks.push({ surface, kind: 'person', href: `${base}people/${p.id}/` });
  }
  for (const m of x.metals) {
    const id = a.metals.find((am) => am.name === m.name)?.id;
    if (!id) continue;
    for (const s of m.spans) marks.push({ surface: text.slice(s.start, s.end), kind: 'metal', href: `${base}metals/${id}/` });
  }
  factsOf(a).figures.forEach((f) => marks.push({ surface: f.text, kind: 'figure', label: formatFigureValue(f) }));
  return bodyHtml(record.doc.segments, marks);
}

/** How many related articles an article's page shows. */
export const RELATED_SHOWN = 5;

export function articleModel(index: SiteIndex, a: LinkedArticle, base: string) {
  const related = relatedArticles(index, a, RELATED_SHOWN);
  const { figures, dates } = factsOf(a);
  // read once for the body's HTML and the page's search record (render-site.ts)
  let body: RecordBody | undefined;
  const bodyRecord = () => (body ??= index.recordBody(a));
  return {
    article: a,
    bodyHtml: new LazyHtml(() => articleBodyHtml(index, a, base, bodyRecord())),
    /** The body as the record keeps it (a function: no part of the page's data or key). */
    bodySegments: () => bodyRecord().doc.segments,
    companies: a.companies.map((c) => ({ ...c, canonical: index.companyById.get(c.id)?.name ?? c.name, url: `companies/${c.id}/` })),
    people: a.people.map((p) => ({ ...p, url: `people/${p.id}/`, companyUrl: companyUrlOf(index, p.company, a) })),
    metals: a.metals.map((m) => ({ ...m, url: `metals/${m.id}/` })),
    topics: a.topics.map((t) => ({ ...t, url: `topics/${t.id}/` })),
    figures: figures.map((f) => ({ ...f, normalised: formatFigureValue(f) })),
    dates,
    quotes: a.quotes.map((q) => ({ ...q, speakerUrl: q.speaker ? personUrl(index, q.speaker) : null })),
    places: a.places,
    copies: index.copiesOf(a),
    related: related.map((r) => index.card(r)),
  };
}

/** How many of an entity's articles, nearest in time to the page's article, are looked at for its related articles. */
export const RELATED_WINDOW = 200;

/**
 * Articles sharing the most companies, people and metals with this one, looked up through those
 * entities only, among the RELATED_WINDOW articles of each that are nearest to it in time; ties go
 * to the nearer in time, then by id. Related news is news of the same time, and an added article
 * then changes the related lists of its neighbours only: with the newest of every entity as the
 * candidates, one article added to 100,000 re-rendered 29,117 pages.
 */
export function relatedArticles(index: SiteIndex, a: LinkedArticle, limit: number): LinkedArticle[] {
  const { days, stories, score, touched } = index.relatedTables();
  const place = index.placeById.get(a.id)!;
  const story = stories[place]!;
  const add = (entity: EntityBase | undefined, weight: number) => {
    if (!entity) return;
    const { places, from, to } = index.placesAround(entity, place, RELATED_WINDOW);
    for (let i = from; i < to; i++) {
      const p = places[i]!;
      // its own story's copies are listed as such, not as related news
      if (stories[p] === story) continue;
      if (score[p] === 0) touched.push(p);
      score[p] += weight;
    }
  };
  for (const c of a.companies) add(index.companyById.get(c.id), 3);
  for (const p of a.people) add(index.personById.get(p.id), 3);
  for (const m of a.metals) add(index.metalById.get(m.id), 1);
  // nearer in time by date, not by place in the site: a place moves whenever an article is added
  // anywhere before it, and the related lists of a build must follow from their neighbours only
  const day = days[place]!;
  const articles = index.site.articles;
  // the `limit` highest scores, ties by distance, then by id: one pass, where sorting every candidate was most of a page's model
  const before = (x: number, y: number) => score[x]! > score[y]! || (score[x] === score[y] && (Math.abs(days[x]! - day) - Math.abs(days[y]! - day) || (articles[x]!.id < articles[y]!.id ? -1 : 1)) < 0);
  const top: number[] = [];
  for (const p of touched) {
    if (top.length === limit) {
      if (!before(p, top[limit - 1]!)) continue;
      top.pop();
    }
    let at = top.length;
    while (at > 0 && before(p, top[at - 1]!)) at--;
    top.splice(at, 0, p);
  }
  for (const p of touched) score[p] = 0;
  touched.length = 0;
  return top.map((p) => articles[p]!);
}

/** Days since 1970 of a YYYY-MM-DD date; an undated article is far from every dated one. */
function dayOf(date: string | null): number {
  const ms = date ? Date.parse(date.slice(0, 10)) : NaN;
  return Number.isNaN(ms) ? 1e7 : ms / 86_400_000;
}

function companyUrlOf(index: SiteIndex, companyName: string | null, a: LinkedArticle): string | null {
  if (!companyName) return null;
  const c = a.companies.find((ac) => ac.name === companyName || ac.aliases.includes(companyName));
  return c ? `companies/${c.id}/` : null;
}

function personUrl(index: SiteIndex, name: string): string | null {
  const person = index.personByName.get(name);
  return person ? `people/${person.id}/` : null;
}

/**
 * An older page of an entity (`page/<date>-<hash>/`): its articles only. What the entity is at a
 * glance is on its latest page; repeating it here would rewrite every page of the entity at each
 * new article.
 */
function olderEntityPage(index: SiteIndex, kind: EntityKind, e: EntityBase, page: PageOfList) {
  const list = entityList(index, e, page);
  return { latest: false as const, kind, entity: { id: e.id, name: e.name, url: `${kind}/${e.id}/` }, ...list, range: dateRange(list.articles) };
}

/** One page of an entity's articles, with the links to its other pages. */
function entityList(index: SiteIndex, e: EntityBase, page: PageOfList) {
  const { from, to } = page.pages[page.at]!;
  return { articles: Array.from(index.articlesOf(e, from, to), (a) => index.card(a)), pagination: listNav(page) };
}

/** Of a company's or metal's figures, and a company's quotes, the newest shown on its page. */
const FIGURES_SHOWN = 30;
const QUOTES_SHOWN = 6;

/** Everything the site knows about one company: people and roles, quotes, figures, metals, related companies. */
export function companyModel(index: SiteIndex, c: CompanyEntity, page: PageOfList) {
  if (page.at > 0) return olderEntityPage(index, 'companies', c, page);
  return {
    ...companyAtAGlance(index, c),
    latest: true as const,
    ...entityList(index, c, page),
  };
}

/** What a company's latest page shows above its articles. */
function companyAtAGlance(index: SiteIndex, c: CompanyEntity) {
  const people = (index.peopleOfCompany.get(c.id) ?? []).map((p) => ({
    name: p.name,
    url: `people/${p.id}/`,
    roles: p.roles.filter((r) => r.companyId === c.id).map((r) => r.role).filter(Boolean),
  }));
  const peopleNames = new Set(people.map((p) => p.name));
  const quotes: { speaker: string; speakerUrl: string; text: string; article: ArticleCard }[] = [];
  const figures: { text: string; normalised: string; measure?: string; direction?: string; sentence: string; article: ArticleCard }[] = [];
  const metals = new Map<string, { name: string; url: string; count: number }>();
  const relatedCompanies = new Map<string, { name: string; url: string; count: number }>();
  const dated: CompanyDate[] = [];
  // its articles' dates, for the chart, read in the same pass
  const articleDates: (string | null)[] = [];
  // quotes, figures and dates are shown from the newest articles only: once there are enough, the
  // rest of a big company's articles (thousands at 100,000) are not unpacked or made into cards
  for (const a of index.articlesOf(c)) {
    if (dated.length < 100) dated.push(...companyDates(a, c.id));
    if (quotes.length < QUOTES_SHOWN) {
      for (const q of a.quotes) if (q.speaker && peopleNames.has(q.speaker)) quotes.push({ speaker: q.speaker, speakerUrl: people.find((p) => p.name === q.speaker)!.url, text: q.text, article: index.card(a) });
    }
    if (figures.length < FIGURES_SHOWN) {
      factsOf(a).figures.forEach((f, i) => {
        if (a.figureCompanies[i] === c.id) figures.push({ text: f.text, normalised: formatFigureValue(f), measure: f.measure, direction: f.direction, sentence: f.sentence, article: index.card(a) });
      });
    }
    for (const m of a.metals) bump(index, metals, 'metals', m.id, m.name);
    for (const other of a.companies) if (other.id !== c.id) bump(index, relatedCompanies, 'companies', other.id, other.name);
    articleDates.push(a.date);
  }
  return {
    chart: companyChart(c, articleDates),
    // plans and targets first (the furthest ahead on top), then what happened, latest first
    // entries made for the twelve shown alone: a big company's hundred candidates each made one
    dates: [...dated].sort((x, y) => (x.ahead === y.ahead ? byTimelineKey(x.key, y.key) : x.ahead ? -1 : 1)).slice(0, 12).map((d) => timelineEntry(d.article, d.date, d.key)),
    kind: 'companies' as const,
    entity: { ...c, url: `companies/${c.id}/` },
    otherNames: c.aliases.filter((n) => !c.formerNames.includes(n)),
    people,
    quotes: quotes.slice(0, QUOTES_SHOWN),
    figures: figures.slice(0, FIGURES_SHOWN),
    metals: ranked(metals),
    relatedCompanies: ranked(relatedCompanies).slice(0, 12),
  };
}

export function personModel(index: SiteIndex, p: PersonEntity, page: PageOfList) {
  if (page.at > 0) return olderEntityPage(index, 'people', p, page);
  const quotes: { text: string; article: ArticleCard }[] = [];
  for (const a of index.articlesOf(p)) {
    for (const q of a.quotes) if (q.speaker === p.name) quotes.push({ text: q.text, article: index.card(a) });
  }
  return {
    latest: true as const,
    kind: 'people' as const,
    entity: { ...p, url: `people/${p.id}/` },
    roles: p.roles.map((r) => ({ role: r.role, company: r.company, url: r.companyId ? `companies/${r.companyId}/` : null })),
    quotes,
    ...entityList(index, p, page),
  };
}

/** A metal or a topic: the companies and other terms that come up with it, and its articles. */
export function termModel(index: SiteIndex, kind: 'metals' | 'topics', t: TermEntity, page: PageOfList) {
  if (page.at > 0) return olderEntityPage(index, kind, t, page);
  return {
    ...termAtAGlance(index, t, kind),
    latest: true as const,
    ...entityList(index, t, page),
  };
}

function termAtAGlance(index: SiteIndex, t: TermEntity, kind: 'metals' | 'topics') {
  const companies = new Map<string, { name: string; url: string; count: number }>();
  const metals = new Map<string, { name: string; url: string; count: number }>();
  const topics = new Map<string, { name: string; url: string; count: number }>();
  const figures: { text: string; normalised: string; measure?: string; direction?: string; sentence: string; article: ArticleCard }[] = [];
  for (const a of index.articlesOf(t)) {
    for (const c of a.companies) bump(index, companies, 'companies', c.id, c.name);
    for (const m of a.metals) if (kind !== 'metals' || m.id !== t.id) bump(index, metals, 'metals', m.id, m.name);
    for (const tp of a.topics) if (kind !== 'topics' || tp.id !== t.id) bump(index, topics, 'topics', tp.id, tp.name);
    if (kind === 'metals' && figures.length < FIGURES_SHOWN) {
      const card = index.card(a);
      factsOf(a).figures.forEach((f, i) => {
        // a figure is about the metal when the metal is named in its sentence
        if (figureMetalNames(a.record, i).includes(t.name)) figures.push({ text: f.text, normalised: formatFigureValue(f), measure: f.measure, direction: f.direction, sentence: f.sentence, article: card });
      });
    }
  }
  return {
    kind,
    entity: { ...t, url: `${kind}/${t.id}/` },
    companies: ranked(companies).slice(0, 15),
    metals: ranked(metals).slice(0, 12),
    topics: ranked(topics).slice(0, 12),
    figures: figures.slice(0, FIGURES_SHOWN),
  };
}

/** Rows per page of an entity index (A–Z): past it, `companies/page/2/` and on. */
export const INDEX_PAGE_SIZE = 500;

/** An entity index's A–Z order and where each letter starts: computed once per kind, shared by its pages. */
export interface NameOrder {
  entities: EntityBase[];
  letters: { letter: string; anchor: string; page: number; count: number }[];
}

export function nameOrder(index: SiteIndex, kind: EntityKind): NameOrder {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  // by letter group first ("#" for names not starting with A–Z), so each letter is one run
  const entities = [...(index.site[kind] as EntityBase[])].sort((a, b) => {
    const la = groupLetter(a.name);
    const lb = groupLetter(b.name);
    return la !== lb ? (la < lb ? -1 : 1) : collator.compare(a.name, b.name);
  });
  const letters: NameOrder['letters'] = [];
  entities.forEach((e, i) => {
    const letter = groupLetter(e.name);
    const last = letters[letters.length - 1];
    if (last && last.letter === letter) last.count++;
    else letters.push({ letter, anchor: letter === '#' ? 'other' : letter, page: Math.floor(i / INDEX_PAGE_SIZE) + 1, count: 1 });
  });
  return { entities, letters };
}

export function entityIndexPages(order: NameOrder): number {
  return Math.max(1, Math.ceil(order.entities.length / INDEX_PAGE_SIZE));
}

export function entityIndexModel(index: SiteIndex, kind: EntityKind, order: NameOrder, pageNumber: number) {
  const latest = (ids: string[]) => index.articleById.get(ids[0]!)?.date ?? null;
  const slice = order.entities.slice((pageNumber - 1) * INDEX_PAGE_SIZE, pageNumber * INDEX_PAGE_SIZE);
  const groups: { letter: string; anchor: string; first: boolean; entries: { name: string; url: string; count: number; mentions: number; latest: string | null }[] }[] = [];
  for (const e of slice) {
    const letter = groupLetter(e.name);
    let g = groups[groups.length - 1];
    if (!g || g.letter !== letter) {
      const info = order.letters.find((l) => l.letter === letter)!;
      g = { letter, anchor: info.anchor, first: info.page === pageNumber, entries: [] };
      groups.push(g);
    }
    g.entries.push({ name: e.name, url: `${kind}/${e.id}/`, count: e.articles.length, mentions: e.mentions, latest: latest(e.articles) });
  }
  // metals and topics are few and compared at a glance: a chart of the most written about (the
  // site's lists are already ordered by articles, so this is the head of the list)
  const all = index.site[kind] as EntityBase[];
  let chart: { svg: string; rows: { name: string; count: number }[]; title: string } | null = null;
  if ((kind === 'metals' || kind === 'topics') && all.length > 1 && pageNumber === 1) {
    const top = all.slice(0, 15).map((e) => ({ name: e.name, count: e.articles.length }));
    const title = `Articles per ${KIND_LABELS[kind].singular.toLowerCase()}${all.length > top.length ? `, top ${top.length}` : ''}`;
    chart = {
      title,
      rows: top,
      svg: horizontalBarChart(top.map((e) => ({ label: e.name, value: e.count })), { id: `${kind}-chart`, title, desc: `Bar chart: ${top.map((e) => `${e.name} ${e.count}`).join(', ')}.` }),
    };
  }
  const pages = entityIndexPages(order);
  return {
    kind,
    label: KIND_LABELS[kind],
    total: order.entities.length,
    from: (pageNumber - 1) * INDEX_PAGE_SIZE + 1,
    to: (pageNumber - 1) * INDEX_PAGE_SIZE + slice.length,
    chart,
    groups,
    letters: order.letters.map((l) => ({ ...l, url: l.page === 1 ? `${kind}/` : `${kind}/page/${l.page}/` })),
    pages,
    pageNumber,
    pagination: numberedNav(`${kind}/`, pageNumber, pages),
  };
}

function groupLetter(name: string): string {
  const c = name.normalize('NFKD').charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : '#';
}

/**
 * Counts an entity once more beside the one a page is about; its name (a company's as the site
 * names it) and page are made when it is first counted, not for each of a big entity's articles.
 */
function bump(index: SiteIndex, map: Map<string, { name: string; url: string; count: number }>, kind: EntityKind, id: string, name: string): void {
  const e = map.get(id);
  if (e) e.count++;
  else map.set(id, { name: kind === 'companies' ? (index.companyById.get(id)?.name ?? name) : name, url: `${kind}/${id}/`, count: 1 });
}

function ranked<T extends { name: string; count: number }>(map: Map<string, T>): T[] {
  return [...map.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** Articles about a company per month or year (from its own articles' dates only). */
function companyChart(c: CompanyEntity, articleDates: (string | null)[]) {
  const bars = perPeriod(articleDates);
  if (bars.length < 2) return null;
  const byMonth = /[A-Z]/.test(bars[0]!.label);
  const title = `Articles about ${c.name} per ${byMonth ? 'month' : 'year'}`;
  return {
    title,
    period: byMonth ? 'Month' : 'Year',
    rows: bars.map((b) => ({ name: b.label, count: b.value })),
    svg: columnChart(bars, { id: 'company-chart', title, desc: `Column chart, ${bars[0]!.label} to ${bars[bars.length - 1]!.label}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}.` }),
  };
}

/** A date of a company's own timeline, before it is made an entry: its article, its place there, its key, and whether it lies ahead of the article. */
interface CompanyDate {
  article: LinkedArticle;
  date: number;
  key: string;
  ahead: boolean;
}

/**
 * The dates of an article stated in a sentence that names the company (its own timeline): its
 * timeline points (a date with a key, the same date in the same sentence once) whose sentence
 * names it, read from the packed lists without unpacking the article's facts. A company's page goes
 * through its articles until it has a hundred; unpacking each one's facts, and making each an entry,
 * were two thirds of the time of a company page a change reached (4,000 articles).
 */
function companyDates(a: LinkedArticle, companyId: string): CompanyDate[] {
  const names = new Set(a.companies.filter((ac) => ac.id === companyId).flatMap((ac) => [ac.name, ...ac.aliases]));
  const naming = datesNaming(a.record, names);
  if (naming.length === 0) return [];
  const wanted = new Set(naming);
  const out: CompanyDate[] = [];
  forEachTimelinePoint(a, (code, date) => {
    if (!wanted.has(date)) return;
    const key = keyOfTimelineCode(code);
    // as timelineEntry tells a plan or target from an event
    out.push({ article: a, date, key, ahead: !!a.date && key > a.date.slice(0, key.length) });
  });
  return out;
}
