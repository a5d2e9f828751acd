// ArticleRecord (one article's extraction) → the `article` record of records.schema.json.
import type { ArticleRecord } from '../types.ts';
import { slugify } from './slug.ts';

export interface ArticleJson {
  id: string;
  source: string;
  url: string;
  title: string;
  date: string | null;
  byline: string | null;
  summary: string;
  text: string;
  dateline: string | null;
  sourceUrl: string | null;
  tags: string[];
  companies: { id: string; name: string; mentions: number; aliases: string[] }[];
  people: { id: string; name: string; role: string | null; company: string | null }[];
  metals: { id: string; name: string }[];
  places: string[];
  topics: { id: string; name: string }[];
  figures: { text: string; value: number | null; min?: number; max?: number; unit: string; measure?: string; sentence: string; start: number; end: number; convertsFigure?: number }[];
  dates: { text: string; value: string | null; sentence: string; start: number; end: number }[];
  quotes: { speaker: string | null; text: string; start: number; end: number }[];
}

/**
 * `companyId` resolves an article's company name to the site-wide company id (the link stage
 * merges aliases and former names); without it, the name's own slug is used.
 */
export function toArticleJson(id: string, a: ArticleRecord, companyId: (name: string) => string = slugify, personId: (name: string) => string = slugify): ArticleJson {
  const x = a.extraction;
  return {
    id,
    source: a.source.relPath,
    url: `articles/${id}/`,
    title: a.title,
    date: a.date,
    byline: a.byline,
    summary: x.summary,
    text: a.doc.text,
    dateline: a.dateline,
    sourceUrl: a.sourceUrl,
    tags: a.tags,
    companies: x.companies.map((c) => ({ id: companyId(c.name), name: c.name, mentions: Math.max(1, c.mentions), aliases: c.aliases })),
    people: x.people.map((p) => ({ id: personId(p.name), name: p.name, role: p.role, company: p.company })),
    places: x.places,
    ...ownParts(a),
  };
}

type OwnParts = Pick<ArticleJson, 'metals' | 'topics' | 'figures' | 'dates' | 'quotes'>;

/**
 * The parts that depend on the article alone, made once per record: the dev server links the
 * same records again after every change, and these are most of the work.
 */
const ownPartsOf = new WeakMap<ArticleRecord, OwnParts>();

function ownParts(a: ArticleRecord): OwnParts {
  let parts = ownPartsOf.get(a);
  if (parts) return parts;
  const x = a.extraction;
  parts = {
    metals: x.metals.map((m) => ({ id: slugify(m.name), name: m.name })),
    topics: x.topics.map((t) => ({ id: slugify(t.name), name: t.name })),
    figures: x.figures.map((f) => ({
      text: f.text,
      value: f.value,
      ...(f.min != null ? { min: f.min } : {}),
      ...(f.max != null ? { max: f.max } : {}),
      unit: f.unit,
      ...(f.measure ? { measure: f.measure } : {}),
      sentence: f.sentence,
      start: f.span.start,
      end: f.span.end,
      ...(f.convertsFigure != null ? { convertsFigure: f.convertsFigure } : {}),
    })),
    dates: x.dates.map((d) => ({ text: d.text, value: d.value, sentence: d.sentence, start: d.span.start, end: d.span.end })),
    quotes: x.quotes.map((q) => ({ speaker: q.speaker, text: q.text, start: q.span.start, end: q.span.end })),
  };
  ownPartsOf.set(a, parts);
  return parts;
}
