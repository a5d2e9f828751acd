// SiteData → the public data contract (records.schema.json): what <out>/data/records.json holds.
// Extra properties beyond the schema's are additions only (dateline, sourceUrl, publisher, tags, offsets).
import type { LinkedArticle, SiteData } from './link.ts';
import { factsOf } from '../store/held-facts.ts';

/**
 * An article's cleaned text, which records.json prints and the site does not hold in memory: from
 * the whole record when it is attached, else (the build passes one) from the record's cache file.
 */
export type TextOf = (a: LinkedArticle) => string;

export const textFrom =
  (lookup?: (relPath: string, digest: string) => string | undefined): TextOf =>
  (a) => {
    const text = a.record.full?.doc.text ?? lookup?.(a.record.source.relPath, a.record.source.digest);
    if (text === undefined) throw new Error(`records.json: the text of ${a.source} is neither in memory nor in the cache`);
    return text;
  };

const attachedText = textFrom();

export function toRecords(site: SiteData, textOf: TextOf = attachedText) {
  return {
    articles: site.articles.map((a) => articleRecord(a, textOf)),
    companies: site.companies.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases, formerNames: c.formerNames, articles: c.articles, mentions: c.mentions })),
    people: site.people.map((p) => ({ id: p.id, name: p.name, roles: p.roles.map((r) => ({ role: r.role, company: r.company })), articles: p.articles })),
    metals: site.metals.map((m) => ({ id: m.id, name: m.name, articles: m.articles })),
    topics: site.topics.map((t) => ({ id: t.id, name: t.name, articles: t.articles })),
  };
}

export type Records = ReturnType<typeof toRecords>;

function articleRecord(a: LinkedArticle, textOf: TextOf) {
  // the text in its place after the summary, as the schema lists it
  const { record: _record, figureCompanies, id, source, url, title, date, byline, summary, facts: _facts, quotes, ...rest } = a;
  const { figures, dates } = factsOf(a);
  return { id, source, url, title, date, byline, summary, text: textOf(a), ...rest, figures: figures.map((f, i) => ({ ...f, company: figureCompanies[i] ?? null })), dates, quotes };
}

/**
 * Where each article's JSON lies in a records.json, in bytes: the articles' ids in the file's order,
 * a line each, and each one's first byte and length, two numbers an article in that order. Packed:
 * as an object of [start, length] by id, 100,000 articles' places took 70-107 ms to read back and
 * 46-79 ms to write, packed 2-6 and 1-4 ms (BENCHMARKS.md, 2026-12-07).
 */
export interface RecordsPlaces {
  ids: string;
  spans: Float64Array;
}

/** Whether a last build's places are in this form (an earlier version kept an object by id). */
export function isRecordsPlaces(places: unknown): places is RecordsPlaces {
  return typeof (places as RecordsPlaces | null)?.ids === 'string' && (places as RecordsPlaces).spans instanceof Float64Array;
}

/**
 * An article's [start, length] in the records.json `places` describes, by its id; undefined when it
 * is not there. Asked in the site's order, as records.json is written, an id is where the last one
 * ended, or one further (past an article gone): found there without a map of every id (at 100,000
 * articles, splitting the ids and mapping them took longer than an object's lookups had: 108-123
 * against 66-98 ms); any other is looked up in a map made when first needed.
 */
export function placeById(places: RecordsPlaces): (id: string) => [number, number] | undefined {
  const { ids, spans } = places;
  let nextIndex = 0;
  let nextAt = 0;
  let byId: Map<string, [index: number, at: number]> | null = null;
  const isAt = (id: string, at: number) => at + id.length <= ids.length && ids.startsWith(id, at) && (at + id.length === ids.length || ids.charCodeAt(at + id.length) === 10);
  return (id) => {
    let found: [number, number] | undefined;
    if (isAt(id, nextAt)) found = [nextIndex, nextAt];
    else {
      const after = ids.indexOf('\n', nextAt);
      if (after >= 0 && isAt(id, after + 1)) found = [nextIndex + 1, after + 1];
      else {
        if (!byId) {
          byId = new Map();
          let at = 0;
          for (const [index, other] of (ids ? ids.split('\n') : []).entries()) {
            byId.set(other, [index, at]);
            at += other.length + 1;
          }
        }
        found = byId.get(id);
      }
    }
    if (!found) return undefined;
    const [index, at] = found;
    nextIndex = index + 1;
    nextAt = at + id.length + 1;
    return [spans[2 * index]!, spans[2 * index + 1]!];
  };
}

/**
 * An article's JSON as the last records.json had it: where it lies there, and the bytes it starts
 * with (its id), for whoever copies it to check that they are that article's.
 */
export interface KeptJson {
  from: number;
  length: number;
  starts: string;
}

/**
 * records.json a piece at a time, the same JSON as `JSON.stringify(toRecords(site))`: at 100,000
 * articles the whole file would be one string longer than V8 allows (and gigabytes of memory).
 * `kept` gives where an article's JSON lies in the last file, when the article did not change (no
 * text to read back, nothing to print again); `spans` (two numbers an article, RecordsPlaces) is
 * filled with where each article's JSON lies, as the pieces are taken.
 */
export function* recordsJsonChunks(site: SiteData, textOf: TextOf = attachedText, kept?: (a: LinkedArticle) => [number, number] | undefined, spans?: Float64Array): Generator<string | KeptJson> {
  const { articles: _articles, ...entities } = toRecords({ ...site, articles: [] });
  const head = '{"articles":[';
  yield head;
  let at = head.length;
  for (let i = 0; i < site.articles.length; i++) {
    const a = site.articles[i]!;
    const place = kept?.(a);
    const json = place ? { from: place[0], length: place[1], starts: `{"id":${JSON.stringify(a.id)},` } : JSON.stringify(articleRecord(a, textOf));
    const length = typeof json === 'string' ? Buffer.byteLength(json) : json.length;
    if (spans) {
      spans[2 * i] = at + (i ? 1 : 0);
      spans[2 * i + 1] = length;
    }
    at += length + (i ? 1 : 0);
    if (i) yield ',';
    yield json;
  }
  yield ']';
  for (const [key, value] of Object.entries(entities)) yield `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  yield '}';
}

/** The places of `site`'s articles in a records.json: `spans` to be filled by recordsJsonChunks. */
export function recordsPlacesOf(site: SiteData): RecordsPlaces {
  return { ids: site.articles.map((a) => a.id).join('\n'), spans: new Float64Array(2 * site.articles.length) };
}
