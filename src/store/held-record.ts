// An article's record as the site holds it in memory (HeldRecord): what the link stage and the
// site-wide pages read, about a third of the whole record. The body tree, the sentences and the
// positions of mentions are read back from the cache for the article's own page only, which is
// what lets 100,000 articles build in a fixed amount of memory. Its stored and packed forms are
// the record cache's own (record-cache.ts): the stages after it see a HeldRecord only.
import { sentenceAt } from '../extract/sentences.ts';
import { factsBlocks, factsFrom, packedFacts, PackedFacts } from './held-facts.ts';
import { decodeHeld, type StoredHeld } from './held-bytes.ts';
import { SharedBlocks } from './shared-blocks.ts';
import { storySignature } from '../extract/story-signature.ts';
import type { ArticleRecord, DateMention, Figure, HeldRecord, Positioned, Sentence, Span } from '../types.ts';

/**
 * A held record with the article's text, before its figures and dates are packed (packHeld). The
 * text goes to the cache file on its own: records.json prints it, and the site does not hold it
 * in memory (at 100,000 articles, 400 MB of it).
 */
interface UnpackedHeld extends Omit<HeldRecord, 'facts'> {
  text: string;
  figures: Positioned<Figure>[];
  dates: Positioned<DateMention>[];
}


const isHeld = (r: ArticleRecord | HeldRecord): r is HeldRecord => 'figureOwners' in r;

/**
 * The held form of a record. `keepFull` attaches the whole record (when nothing on disk could
 * give it back: --no-cache, tests, the dev server's in-memory cache).
 */
export function holdRecord(record: ArticleRecord | HeldRecord, keepFull = true): HeldRecord {
  if (isHeld(record)) return record;
  // the dev server's cache hands the same records to every rebuild
  const memo = (keepFull ? heldWithFull : heldAlone).get(record);
  if (memo) return memo;
  const held = heldForm(record, keepFull);
  (keepFull ? heldWithFull : heldAlone).set(record, held);
  return held;
}

const heldWithFull = new WeakMap<ArticleRecord, HeldRecord>();
const heldAlone = new WeakMap<ArticleRecord, HeldRecord>();

function heldForm(record: ArticleRecord, keepFull: boolean): HeldRecord {
  return compactHeld(storedHeld(record, keepFull));
}

/** The held form as a cache file stores it (recordBytes): its figures and dates packed, without the article's text. */
export function storedHeld(record: ArticleRecord, keepFull = false): StoredHeld {
  return packHeld(unpackedHeld(record, keepFull));
}

/** The held form with its figures and dates as objects, and the article's text. */
export function unpackedHeld(record: ArticleRecord, keepFull = false): UnpackedHeld {
  const text = record.doc.text;
  const x = record.extraction;
  const sentenceOf = (span: Span) => x.sentences.find((s) => s.start <= span.start && s.end >= span.end);
  return {
    source: record.source,
    title: record.title,
    date: record.date,
    byline: record.byline,
    dateline: record.dateline,
    sourceUrl: record.sourceUrl,
    tags: record.tags,
    text,
    summary: x.summary,
    companies: x.companies.map(({ spans: _spans, ...c }) => c),
    people: x.people.map(({ spans: _spans, ...p }) => p),
    metals: x.metals.map((m) => m.name),
    topics: x.topics.map((t) => t.name),
    places: x.places,
    figures: x.figures.map((f) => ({
      text: f.text,
      value: f.value,
      ...(f.min != null ? { min: f.min } : {}),
      ...(f.max != null ? { max: f.max } : {}),
      unit: f.unit,
      ...(f.measure ? { measure: f.measure } : {}),
      ...(f.direction ? { direction: f.direction } : {}),
      sentence: f.sentence,
      start: f.span.start,
      end: f.span.end,
      ...(f.convertsFigure != null ? { convertsFigure: f.convertsFigure } : {}),
    })),
    dates: x.dates.map((d) => ({ text: d.text, value: d.value, sentence: d.sentence, start: d.span.start, end: d.span.end })),
    quotes: x.quotes.map((q) => ({ speaker: q.speaker, text: q.text, start: q.span.start, end: q.span.end })),
    figureOwners: Int32Array.from(x.figures, (f) => companyInSentence(record, sentenceAt(x.sentences, f.span.start), f.span.start)),
    figureMetals: Int32Array.from(x.figures.flatMap((f) => [...placesIn(x.metals, sentenceOf(f.span)), END_OF_ITEM])),
    dateCompanies: Int32Array.from(x.dates.flatMap((d) => [...placesIn(x.companies, sentenceAt(x.sentences, d.span.start)), END_OF_ITEM])),
    dateOffsets: NO_PLACES,
    signature: storySignature(text),
    publisher: publisherOf(record),
    messages: record.messages,
    ...(keepFull ? { full: record } : {}),
  };
}

/**
 * Packs figures and dates (held-facts.ts) and drops the article's text: records.json reads it back
 * from the cache file, and the one thing the site-wide pages took from it, where each date starts
 * in its sentence, is worked out here. Done where the record is made, so that a build reading
 * records back does neither (in a profile of reading 4,000 back, this was a third of the time).
 */
export function packHeld(unpacked: UnpackedHeld): StoredHeld {
  const { text, figures, dates, ...rest } = unpacked;
  const dateOffsets = Int32Array.from(dates, (d) => {
    const sentenceStart = text.indexOf(d.sentence);
    return sentenceStart >= 0 && d.start >= sentenceStart && d.end <= sentenceStart + d.sentence.length ? d.start - sentenceStart : d.sentence.indexOf(d.text);
  });
  return { ...rest, dateOffsets, facts: packedFacts(figures, dates) };
}

/**
 * The held record as the site keeps it in memory, from its stored form (made from a whole record,
 * or read back by a test): its typed arrays copied into blocks shared by many records.
 */
export function compactHeld(stored: StoredHeld): HeldRecord {
  const held = sharedFields(stored, (strings) => strings.map(shareString));
  held.facts = factsFrom(stored.facts);
  held.signature = signatures.copy(stored.signature);
  held.figureOwners = places.copy(stored.figureOwners);
  held.figureMetals = places.copy(stored.figureMetals);
  held.dateCompanies = places.copy(stored.dateCompanies);
  held.dateOffsets = places.copy(stored.dateOffsets);
  return held;
}

/**
 * The held record of a held part's bytes (held-bytes.ts), its facts and typed arrays copied from
 * them straight into the shared blocks. Throws on bytes that are not a held part.
 */
export function heldFromBytes(bytes: Uint8Array): HeldRecord {
  const stored = decodeHeld(
    bytes,
    (kind, _bytes, view, byteOffset, n) => (kind === 'signature' ? signatures : places).copyWords(view, byteOffset, n),
    (from, byteOffset, length) => factsBlocks.copy(new Uint8Array(from.buffer, from.byteOffset + byteOffset, length)),
  );
  const held = sharedFields(stored, shareEach);
  held.facts = new PackedFacts(stored.facts);
  return held;
}

/**
 * The plain fields of a stored held part as the site keeps them: one copy of each short string for
 * the whole site (a record read back from bytes has its own copy of every one, a few bytes each),
 * and of the front matter only what the link stage reads. The typed arrays are left as they are.
 * `share` shares a list's strings: in place when the lists are the part's own (read from bytes),
 * else in a new list (made from a record, they are the record's).
 */
function sharedFields(stored: StoredHeld, share: (strings: string[]) => string[]): HeldRecord {
  const held = stored as unknown as HeldRecord;
  for (const c of held.companies) {
    c.name = shareString(c.name);
    c.aliases = c.aliases.length ? share(c.aliases) : NONE;
  }
  for (const p of held.people) {
    p.name = shareString(p.name);
    if (p.role) p.role = shareString(p.role);
    if (p.company) p.company = shareString(p.company);
  }
  held.metals = share(held.metals);
  held.topics = share(held.topics);
  held.places = held.places.length ? share(held.places) : NONE;
  held.tags = held.tags.length ? share(held.tags) : NONE;
  if (held.publisher) held.publisher = shareString(held.publisher);
  if (!held.messages.length) held.messages = NO_MESSAGES;
  // the front matter's title, date and tags are the record's own fields already; of the rest, the
  // link stage reads only the slug (article ids)
  const { slug } = held.source.frontMatter;
  held.source = { ...held.source, frontMatter: slug ? { slug } : NO_FRONT_MATTER };
  return held;
}

/**
 * The lists of places are typed arrays, not arrays of numbers: read back, an array is made a
 * number at a time, a typed array its bytes at once (the held parts of 4,000 articles: 80 -> 63 ms).
 */
const places = new SharedBlocks<Int32Array>((length) => new Int32Array(length), 64 * 1024);
const signatures = new SharedBlocks<Uint32Array>((length) => new Uint32Array(length), 64 * 1024);
const NO_PLACES = new Int32Array(0);

const NO_FRONT_MATTER: HeldRecord['source']['frontMatter'] = Object.freeze({});
const NO_MESSAGES: HeldRecord['messages'] = Object.freeze([]) as unknown as HeldRecord['messages'];

/** The front matter's `publisher` (kept by the read stage as it is), else the source URL's host without `www.`. */
function publisherOf(record: ArticleRecord): string | null {
  const named = (record.source.frontMatter as { publisher?: unknown }).publisher;
  if (typeof named === 'string' && named.trim()) return named.trim();
  if (!record.sourceUrl) return null;
  try {
    return new URL(record.sourceUrl).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** Where in the article's companies is the one named in the same sentence as `offset`, the nearest mention before it first (-1: none). */
function companyInSentence(record: ArticleRecord, sentence: Sentence | undefined, offset: number): number {
  if (!sentence) return -1;
  let best = { at: -1, distance: Infinity };
  record.extraction.companies.forEach((c, at) => {
    for (const span of c.spans) {
      if (span.start < sentence.start || span.end > sentence.end) continue;
      // mentions before the figure are its subject more often than ones after it
      const distance = span.start <= offset ? offset - span.start : 10_000 + span.start - offset;
      if (distance < best.distance) best = { at, distance };
    }
  });
  return best.at;
}

/** Where in `mentions` are those that fall inside a sentence, in the article's order. */
function placesIn(mentions: { spans: Span[] }[], sentence: Sentence | undefined): number[] {
  if (!sentence) return [];
  const places: number[] = [];
  mentions.forEach((m, at) => {
    if (m.spans.some((sp) => sp.start >= sentence.start && sp.end <= sentence.end)) places.push(at);
  });
  return places;
}

/**
 * The companies and metals named in a figure's or a date's sentence are kept as places in the
 * article's own lists, each item's ended by END_OF_ITEM: one array of small integers a record.
 * Lists of names, an array or more a figure, took 36% of the time of reading held parts back
 * (4,000 articles: 113 -> 73 ms).
 */
const END_OF_ITEM = -1;

/** The names at item `i` of a packed list (figureMetals, dateCompanies), `names` being what its places point into. */
function namesAt(packed: Int32Array, i: number, names: (at: number) => string): string[] {
  let at = 0;
  for (let item = 0; item < i && at < packed.length; at++) if (packed[at] === END_OF_ITEM) item++;
  const out: string[] = [];
  for (; at < packed.length && packed[at] !== END_OF_ITEM; at++) out.push(names(packed[at]!));
  return out;
}

/** The metals named in figure `i`'s sentence, in the article's order. */
export function figureMetalNames(held: HeldRecord, i: number): string[] {
  return namesAt(held.figureMetals, i, (at) => held.metals[at]!);
}

/**
 * The places among the article's dates of those whose sentence names one of `names` (companies'
 * names), in order: read from the packed lists alone, so an article none of whose dates name the
 * company has its facts left packed.
 */
export function datesNaming(held: HeldRecord, names: ReadonlySet<string>): number[] {
  const out: number[] = [];
  const packed = held.dateCompanies;
  let date = 0;
  for (let at = 0; at < packed.length; at++) {
    const place = packed[at]!;
    if (place === END_OF_ITEM) date++;
    else if (out[out.length - 1] !== date && names.has(held.companies[place]!.name)) out.push(date);
  }
  return out;
}

const NONE: string[] = Object.freeze([]) as unknown as string[];

/**
 * One copy of each name, role, metal, topic, place and tag (records read from the cache or a worker
 * each carry their own): a few short strings repeated in every article add up over 100,000 of them.
 */
const sharedStrings = new Map<string, string>();
const SHARED_STRINGS_MAX = 200_000;

/** `strings` with each shared, in place. */
function shareEach(strings: string[]): string[] {
  for (let i = 0; i < strings.length; i++) strings[i] = shareString(strings[i]!);
  return strings;
}

function shareString(s: string): string {
  const known = sharedStrings.get(s);
  if (known !== undefined) return known;
  if (sharedStrings.size < SHARED_STRINGS_MAX) sharedStrings.set(s, s);
  return s;
}
