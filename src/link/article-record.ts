// ArticleRecord (one article's extraction) → the `article` record of records.schema.json.
import type { HeldRecord, PackedFacts } from '../types.ts';
import { slugify } from '../slug.ts';

export interface ArticleJson {
  id: string;
  source: string;
  url: string;
  title: string;
  date: string | null;
  byline: string | null;
  summary: string;
  /** The id of the earliest copy of the same story (the article's own id when it has no copies). */
  story: string;
  dateline: string | null;
  sourceUrl: string | null;
  /** Who published it: the front matter's `publisher` (a saved page's or feed's own name), else the source URL's host. */
  publisher: string | null;
  tags: string[];
  companies: { id: string; name: string; mentions: number; aliases: string[] }[];
  people: { id: string; name: string; role: string | null; company: string | null }[];
  metals: { id: string; name: string }[];
  places: string[];
  topics: { id: string; name: string }[];
  figures: { text: string; value: number | null; min?: number; max?: number; unit: string; measure?: string; direction?: string; sentence: string; start: number; end: number; convertsFigure?: number }[];
  dates: { text: string; value: string | null; sentence: string; start: number; end: number }[];
  quotes: { speaker: string | null; text: string; start: number; end: number }[];
}

/** An article as records.json has it, with its figures and dates still packed (factsOf reads them). */
export interface ArticleFields extends Omit<ArticleJson, 'figures' | 'dates'> {
  facts: PackedFacts;
}

/** An article's page: `articles/<id>/`. */
export const articlePath = (id: string) => `${ARTICLES_FOLDER}${id}/`;
const ARTICLES_FOLDER = 'articles/';

/** The id of the article whose page is at `pagePath` (articlePath), or null for any other page. */
export const articleIdAt = (pagePath: string): string | null => (pagePath.startsWith(ARTICLES_FOLDER) && pagePath.endsWith('/') ? pagePath.slice(ARTICLES_FOLDER.length, -1) : null);

/**
 * `companyId` resolves an article's company name to the site-wide company id (the link stage
 * merges aliases and former names); without it, the name's own slug is used.
 */
export function toArticleJson(id: string, a: HeldRecord, companyId: (name: string) => string = slugify, personId: (name: string) => string = slugify, story = id): ArticleFields {
  return {
    id,
    source: a.source.relPath,
    url: articlePath(id),
    title: a.title,
    date: a.date,
    byline: a.byline,
    summary: a.summary,
    story,
    dateline: a.dateline,
    sourceUrl: a.sourceUrl,
    publisher: a.publisher ?? null,
    tags: a.tags,
    companies: a.companies.map((c) => ({ id: companyId(c.name), name: c.name, mentions: Math.max(1, c.mentions), aliases: c.aliases })),
    people: a.people.map((p) => ({ id: personId(p.name), name: p.name, role: p.role, company: p.company })),
    places: a.places,
    metals: a.metals.map(termRef),
    topics: a.topics.map(termRef),
    // the held record's own (no copy)
    facts: a.facts,
    quotes: a.quotes,
  };
}

/**
 * One frozen `{id, name}` per metal or topic name, shared by every article that names it: the
 * lexicons name a few hundred, and one object each per article was 0.3 KiB an article.
 */
const termRefs = new Map<string, { id: string; name: string }>();

function termRef(name: string): { id: string; name: string } {
  let ref = termRefs.get(name);
  if (!ref) termRefs.set(name, (ref = Object.freeze({ id: slugify(name), name })));
  return ref;
}
