// The link stage: across articles. Gives every article a stable id, and merges the companies,
// people, metals and topics of all articles into one entity each (aliases and former names of a
// company resolve to it through the registry), with the cross-references the pages show.
import type { ArticleRecord, BuildMessage, HeldRecord, KnownStories } from '../types.ts';
import { toArticleJson, type ArticleFields } from './article-record.ts';
import { companyKey, knownCompanies, type CompanyRegistry } from './company-registry.ts';
import { assignArticleIds } from './article-ids.ts';
import { slugify } from '../slug.ts';
import { holdRecord } from '../store/held-record.ts';
import { byEarliest, knownStories, storyLeads } from './stories.ts';
import { sameList } from './same-list.ts';

export interface EntityBase {
  id: string;
  name: string;
  /** Ids of the articles that mention it, newest first. */
  articles: string[];
  mentions: number;
  /**
   * The same articles as their places in SiteData.articles (ascending), as link found them: a page
   * reads an entity's articles by place, not by a lookup of each id (100,000 articles: 0.3 s of a
   * rebuild's related lists). Not enumerable, so page models that spread an entity leave it out.
   */
  readonly places?: Int32Array;
}

/** An entity's articles as link finds them, in site order: each id once, and its place beside it. */
class ArticleList {
  readonly ids: string[] = [];
  private readonly places: number[] = [];

  add(id: string, place: number): void {
    // articles come in order, so a repeat can only be the last one: O(1), not O(articles)
    if (this.ids.at(-1) === id) return;
    this.ids.push(id);
    this.places.push(place);
  }

  /** `entity` with the places (EntityBase.places). */
  placed<T extends EntityBase>(entity: T): T {
    return Object.defineProperty(entity, 'places', { value: Int32Array.from(this.places), enumerable: false });
  }
}

export interface CompanyEntity extends EntityBase {
  aliases: string[];
  formerNames: string[];
}

export interface PersonEntity extends EntityBase {
  roles: { role: string | null; company: string | null; companyId: string | null }[];
}

export type TermEntity = EntityBase;

export interface LinkedArticle extends ArticleFields {
  record: HeldRecord;
  /** For each figure, the id of the company it is about (a company named in its sentence, else the article's main company). */
  figureCompanies: (string | null)[];
}

/** The site's kinds of entity, in site order: the order their pages are listed and written. */
export const ENTITY_KINDS = ['companies', 'people', 'metals', 'topics'] as const;

export interface SiteData {
  articles: LinkedArticle[];
  companies: CompanyEntity[];
  people: PersonEntity[];
  metals: TermEntity[];
  topics: TermEntity[];
  messages: BuildMessage[];
  /** Stories with more than one copy: the story's id → its copies' ids, earliest first. */
  stories: Map<string, string[]>;
  /**
   * Copies an entity does not list, because an earlier copy of the same story names it: article id →
   * `kind/entity id` keys. An entity lists a story once, by its earliest copy that names it.
   */
  unlisted: Map<string, Set<string>>;
  /** What the next link of these articles and more can start from (when asked for: see link). */
  knownStories?: KnownStories;
}

/**
 * What a process that links nearly the same records again and again (the dev server, at each
 * change) keeps between links: each record's linked form, and what it was made from. A build
 * links once and keeps none (at 100,000 articles it would hold some 20 MB to no use).
 */
export class LinkMemo {
  readonly linked = new WeakMap<HeldRecord, { id: string; story: string; companyIds: string[]; ownerIds: (string | null)[]; linked: LinkedArticle }>();
  /** The stories the last link found: the next compares only the articles new to it (a dev rebuild's link of 4,241 articles 36-42 -> 32-36 ms). */
  stories: KnownStories | null = null;
}

/**
 * Links the articles' records (whole ones are first reduced to what the site holds of them).
 * `storiesBefore`: what an earlier link found of the stories (stories.ts KnownStories); given, it
 * asks for this link's too, as SiteData.knownStories.
 */
export function link(records: (ArticleRecord | HeldRecord)[], registry: CompanyRegistry = knownCompanies, memo?: LinkMemo, storiesBefore?: { known: KnownStories | null }): SiteData {
  const messages: BuildMessage[] = [];
  const sorted = newestFirst(records.map((r) => holdRecord(r)));
  const ids = assignArticleIds(sorted, messages);
  const leads = storyLeads(sorted, storiesBefore ? storiesBefore.known : memo?.stories);
  const known = storiesBefore || memo ? knownStories(sorted, leads) : undefined;
  if (memo) memo.stories = known!;
  const storyIds = leads.map((lead) => ids[lead]!);

  const companies = new CompanyIndex(registry);
  for (const r of sorted) for (const c of r.companies) companies.add(c.name, c.aliases);
  companies.mergeShortForms();
  // the index is whole now: each name resolved once (a few hundred names, 100,000 articles)
  const idByName = new Map<string, string>();
  const companyIdOf = (name: string) => {
    let id = idByName.get(name);
    if (id === undefined) idByName.set(name, (id = companies.resolve(name).id));
    return id;
  };

  const people = new Map<string, { person: PersonEntity; list: ArticleList }>();

  const articles: LinkedArticle[] = sorted.map((record, i) => {
    const id = ids[i]!;
    const story = storyIds[i]!;
    const companyIds = record.companies.map((c) => companyIdOf(c.name));
    // a figure's owner is one of the article's companies, by its place in them (figureOwners)
    const ownerIds = Array.from(record.figureOwners, (at) => (at >= 0 && record.companies[at]!.name ? companyIds[at]! : null));
    // an article whose id and companies resolve as they did last time is linked as it was
    const last = memo?.linked.get(record);
    if (last && last.id === id && last.story === story && sameList(last.companyIds, companyIds) && sameList(last.ownerIds, ownerIds)) return last.linked;
    const linked = linkArticle(id, story, record, companyIds, ownerIds);
    memo?.linked.set(record, { id, story, companyIds, ownerIds, linked });
    return linked;
  });

  const roleCompany = (company: string | null) => (company ? (companies.find(company)?.id ?? null) : null);
  const { stories, unlisted } = storiesOf(articles, roleCompany);
  const listed = (a: LinkedArticle, key: string) => !unlisted.get(a.id)?.has(key);

  articles.forEach((a, place) => {
    for (const c of a.companies) if (listed(a, `companies/${c.id}`)) companies.entity(c.id).mentionedIn(a.id, place, c.mentions);
    for (const p of a.people) {
      if (!listed(a, `people/${p.id}`)) continue;
      let entry = people.get(p.id);
      if (!entry) {
        const list = new ArticleList();
        entry = { person: { id: p.id, name: p.name, articles: list.ids, mentions: 0, roles: [] }, list };
        people.set(p.id, entry);
      }
      const { person } = entry;
      entry.list.add(a.id, place);
      person.mentions++;
      // a role's company is usually one the article names as a company; when it is not (a
      // ministry, a university), the role keeps its name and links nowhere
      const companyId = roleCompany(p.company);
      const company = companyId ? companies.entity(companyId).name : p.company;
      if (!person.roles.some((r) => r.role === p.role && r.companyId === companyId)) person.roles.push({ role: p.role, company, companyId });
      // a person's own company page lists them even where it was named only in the title
      if (companyId && listed(a, `companies/${companyId}`)) companies.entity(companyId).mentionedIn(a.id, place, 0);
    }
  });

  return {
    articles,
    companies: companies.entities().map((c) => c.toEntity()),
    people: [...people.values()].map(({ person, list }) => list.placed(person)).sort(byMentions),
    metals: terms(articles, 'metals', listed),
    topics: terms(articles, 'topics', listed),
    messages,
    stories,
    unlisted,
    ...(storiesBefore ? { knownStories: known } : {}),
  };
}

/**
 * The stories with several copies, and for each copy the entities an earlier copy of its story
 * names already (the companies it names, its people, their companies, its metals and topics).
 */
function storiesOf(articles: LinkedArticle[], roleCompany: (company: string | null) => string | null): Pick<SiteData, 'stories' | 'unlisted'> {
  // each story's copies after its earliest, then the earliest (newest first, the earliest comes last)
  const copies = new Map<string, LinkedArticle[]>();
  for (const a of articles) {
    const list = copies.get(a.story);
    if (list) list.push(a);
    else if (a.story !== a.id) copies.set(a.story, [a]);
  }
  const stories = new Map<string, string[]>();
  const unlisted = new Map<string, Set<string>>();
  for (const [story, list] of copies) {
    const members = list.sort((x, y) => byEarliest(x.record, y.record));
    stories.set(story, members.map((a) => a.id));
    const named = new Set<string>();
    for (const a of members) {
      const keys = [
        ...a.companies.map((c) => `companies/${c.id}`),
        ...a.people.flatMap((p) => [`people/${p.id}`, ...(roleCompany(p.company) ? [`companies/${roleCompany(p.company)}`] : [])]),
        ...a.metals.map((m) => `metals/${m.id}`),
        ...a.topics.map((t) => `topics/${t.id}`),
      ];
      const seen = keys.filter((k) => named.has(k));
      if (seen.length) unlisted.set(a.id, new Set(seen));
      for (const k of keys) named.add(k);
    }
  }
  return { stories, unlisted };
}

/** An article's linked form, given its id and the site-wide ids its company names resolve to. */
function linkArticle(id: string, story: string, record: HeldRecord, companyIds: string[], ownerIds: (string | null)[]): LinkedArticle {
  const json = toArticleJson(id, record, (name) => companyIds[record.companies.findIndex((c) => c.name === name)]!, slugify, story);
  // one article may name one company twice (a former and a current name): keep the first, fold mentions
  const seen = new Map<string, (typeof json.companies)[number]>();
  for (const c of json.companies) {
    const prev = seen.get(c.id);
    if (prev) {
      prev.mentions += c.mentions;
      prev.aliases = [...new Set([...prev.aliases, c.name, ...c.aliases])];
    } else seen.set(c.id, c);
  }
  json.companies = [...seen.values()];
  const mainCompany = [...json.companies].sort((a, b) => b.mentions - a.mentions)[0]?.id ?? null;
  const figureCompanies = ownerIds.map((owner) => owner ?? mainCompany);
  const linked = Object.assign(json, { figureCompanies }) as LinkedArticle;
  // not enumerable: JSON (records.json, page keys) leaves it out; a page's key takes its digest instead
  Object.defineProperty(linked, 'record', { value: record, enumerable: false });
  return linked;
}

/** Sorted by byNewest, each record's keys read once (the comparator runs n log n times). */
function newestFirst(records: HeldRecord[]): HeldRecord[] {
  const keyed = records.map((record) => ({ date: record.date, source: { relPath: record.source.relPath }, record }));
  return keyed.sort(byNewest).map((k) => k.record);
}

/** Newest first; undated after dated; then by file name, so the order is stable. */
export function byNewest(a: { date: string | null; source: { relPath: string } }, b: { date: string | null; source: { relPath: string } }): number {
  if (a.date !== b.date) {
    if (a.date == null) return 1;
    if (b.date == null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : 0;
}

function byMentions<T extends EntityBase>(a: T, b: T): number {
  return b.articles.length - a.articles.length || b.mentions - a.mentions || a.name.localeCompare(b.name);
}

function terms(articles: LinkedArticle[], kind: 'metals' | 'topics', listed: (a: LinkedArticle, key: string) => boolean): TermEntity[] {
  const byId = new Map<string, { term: TermEntity; list: ArticleList }>();
  articles.forEach((a, place) => {
    for (const t of a[kind]) {
      if (!listed(a, `${kind}/${t.id}`)) continue;
      let entry = byId.get(t.id);
      if (!entry) {
        const list = new ArticleList();
        entry = { term: { id: t.id, name: t.name, articles: list.ids, mentions: 0 }, list };
        byId.set(t.id, entry);
      }
      entry.list.add(a.id, place);
      entry.term.mentions++;
    }
  });
  return [...byId.values()].map(({ term, list }) => list.placed(term)).sort(byMentions);
}

class CompanyBuilder {
  names = new Map<string, number>();
  aliases = new Set<string>();
  readonly list = new ArticleList();
  mentions = 0;
  id = '';
  constructor(
    readonly key: string,
    readonly canonical: string | null,
    readonly formerNames: string[],
  ) {}

  get name(): string {
    if (this.canonical) return this.canonical;
    // the longest of the most used forms
    return [...this.names.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]![0];
  }

  mentionedIn(articleId: string, place: number, mentions: number): void {
    this.list.add(articleId, place);
    this.mentions += mentions;
  }

  toEntity(): CompanyEntity {
    const name = this.name;
    const aliases = [...new Set([...this.names.keys(), ...this.aliases])].filter((n) => n !== name && !this.formerNames.includes(n));
    return this.list.placed({ id: this.id, name, aliases: [...aliases, ...this.formerNames], formerNames: this.formerNames, articles: this.list.ids, mentions: this.mentions });
  }
}

/** Company names of all articles, grouped into one builder per company. */
class CompanyIndex {
  /** Every name or alias key → the builder it resolves to. */
  private byKey = new Map<string, CompanyBuilder>();
  /** A builder's own key → the builder. */
  private byOwnKey = new Map<string, CompanyBuilder>();
  private builders: CompanyBuilder[] = [];
  private byId = new Map<string, CompanyBuilder>();

  constructor(private registry: CompanyRegistry) {}

  add(name: string, aliases: string[]): void {
    const builder = this.builderFor(name, aliases);
    builder.names.set(name, (builder.names.get(name) ?? 0) + 1);
    for (const a of aliases) {
      builder.aliases.add(a);
      if (!this.byKey.has(companyKey(a))) this.byKey.set(companyKey(a), builder);
    }
  }

  private builderFor(name: string, aliases: string[]): CompanyBuilder {
    const known = this.registry.lookup(name) ?? aliases.map((a) => this.registry.lookup(a)).find(Boolean);
    const key = known ? companyKey(known.name) : companyKey(name);
    let builder = this.byKey.get(key);
    if (!builder || builder.key !== key) {
      builder = this.byOwnKey.get(key);
      if (!builder) {
        builder = new CompanyBuilder(key, known?.name ?? null, known ? this.registry.formerNamesOf(known) : []);
        if (known) for (const a of known.aliases ?? []) builder.aliases.add(a);
        this.builders.push(builder);
        this.byOwnKey.set(key, builder);
      }
      this.byKey.set(key, builder);
    }
    this.byKey.set(companyKey(name), builder);
    return builder;
  }

  /** A company seen only by a short form ("Pilbara") joins the one company whose alias that is. */
  mergeShortForms(): void {
    const aliasOwners = new Map<string, Set<CompanyBuilder>>();
    for (const b of this.builders) for (const a of b.aliases) {
      const k = companyKey(a);
      if (!aliasOwners.has(k)) aliasOwners.set(k, new Set());
      aliasOwners.get(k)!.add(b);
    }
    for (const b of [...this.builders]) {
      if (b.canonical) continue;
      const owners = aliasOwners.get(b.key);
      if (!owners || owners.size !== 1) continue;
      const [owner] = owners;
      if (!owner || owner === b) continue;
      for (const [n, count] of b.names) owner.names.set(n, (owner.names.get(n) ?? 0) + count);
      for (const a of b.aliases) owner.aliases.add(a);
      owner.aliases.add(b.name);
      for (const [k, v] of this.byKey) if (v === b) this.byKey.set(k, owner);
      this.byOwnKey.delete(b.key);
      this.builders.splice(this.builders.indexOf(b), 1);
    }
    const used = new Set<string>();
    for (const b of this.builders.sort((x, y) => x.name.localeCompare(y.name))) {
      b.id = uniqueId(slugify(b.name), used);
      this.byId.set(b.id, b);
    }
  }

  /** The company a name of one of the articles' companies belongs to (every such name was added). */
  resolve(name: string): CompanyBuilder {
    const b = this.find(name);
    if (!b) throw new Error(`link: company "${name}" was not indexed`);
    return b;
  }

  find(name: string): CompanyBuilder | undefined {
    return this.byKey.get(companyKey(name)) ?? this.byKey.get(companyKey(this.registry.lookup(name)?.name ?? name));
  }

  entity(id: string): CompanyBuilder {
    return this.byId.get(id)!;
  }

  entities(): CompanyBuilder[] {
    return this.builders.filter((b) => b.list.ids.length > 0).sort((a, b) => b.list.ids.length - a.list.ids.length || b.mentions - a.mentions || a.name.localeCompare(b.name));
  }
}

export function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}
