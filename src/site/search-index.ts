// Full-text search over the written pages, by Pagefind's Node API. Pagefind can read and parse the
// HTML itself (addDirectory), but at 4,000 articles that took it 6-7 s of CPU against 2.3 s for
// indexing the same text given as custom records; so the pages are read here (about 2 s, on the
// other core while Pagefind indexes), their searchable text taken out the way Pagefind's own parser
// takes it (data-pagefind-body, -ignore, -meta, -filter, heading weights), and handed over as
// records. Pagefind then builds a chunked index of each shard of the site (search-shards.ts), which
// the search page loads piece by piece.
import fs from 'node:fs';

// loaded when first used: a worker thread that imports it statically cannot be loaded from the
// TypeScript sources (tsx, as tests run them), and a build with nothing to index never needs it
const loadPagefind = () => import('pagefind');

/** One page as Pagefind indexes it (what its addCustomRecord takes). */
export interface SearchRecord {
  /** From the site's root, e.g. `/articles/some-slug/`: the search page puts the base path in front. */
  url: string;
  /** The text searched and cut into excerpts; may hold Pagefind's weight markers (see searchRecordOf). */
  content: string;
  /** ISO 639-1; one index per language. */
  language: string;
  /** `title` is what a result shows. */
  meta: Record<string, string>;
  /** e.g. { company: ['Lynas Rare Earths'], metal: ['rare earths'] } */
  filters: Record<string, string[]>;
}

/** Records handed to Pagefind and not yet answered, at most. */
const RECORDS_IN_FLIGHT = 64;

/**
 * Writes a Pagefind index of the given records to `outputPath`. Records are handed to Pagefind as
 * they come, so a generator that reads pages keeps both cores busy.
 */
export async function writeSearchIndex(outputPath: string, records: Iterable<SearchRecord> | AsyncIterable<SearchRecord>): Promise<{ pages: number }> {
  const pagefind = await loadPagefind();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
  try {
    // a few records in flight at a time: Pagefind's pipe has no back-pressure, and reading pages
    // is faster than indexing them (at 100,000 pages the queued records took gigabytes)
    const inFlight = new Set<Promise<void>>();
    const failed: string[] = [];
    let pages = 0;
    for await (const record of records) {
      pages++;
      const adding = index.addCustomRecord(record).then((added) => {
        failed.push(...added.errors);
        inFlight.delete(adding);
      });
      inFlight.add(adding);
      if (inFlight.size >= RECORDS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failed.length) throw new Error(`pagefind could not index the site: ${failed.join('; ')}`);
    // Pagefind writes the files itself: handing them all over (getFiles) would hold the whole
    // index in this process at once, hundreds of megabytes at 100,000 pages
    // a folder of its own: one there already may be another site's bundle, linked (output-folder.ts)
    fs.rmSync(outputPath, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
    return { pages };
  } finally {
    await index.deleteIndex();
  }
}

/** Stops Pagefind's helper process so the build can exit. */
export async function closeSearch(): Promise<void> {
  await (await loadPagefind()).close();
}

// ---- The page's text as Pagefind's HTML parser takes it (pagefind/src/fossick/parser.rs, 1.5) ----

/** Blocks: spaced from their neighbours and ended with a full stop, so excerpts read as sentences. */
const SENTENCE_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'td', 'div', 'ul', 'li', 'article', 'section']);
/** Never indexed, wherever they are. */
const REMOVED_TAGS = new Set(['head', 'style', 'script', 'noscript', 'label', 'form', 'svg', 'footer', 'nav', 'iframe', 'template']);
/** Their text is not markup. */
const RAW_TEXT_TAGS = new Set(['script', 'style', 'textarea', 'title']);
const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Pagefind weights a heading's words by its level (h1: 7 … h6: 2). */
const HEADING_WEIGHTS: Record<string, number> = { h1: 7, h2: 6, h3: 5, h4: 4, h5: 3, h6: 2 };
/** A block ending in one of these gets a full stop (Rust's \w is Unicode-aware). */
const SENTENCE_END = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}'")$*]$/u;

type Status = 'indexed' | 'ignored' | 'excluded' | 'body' | 'holds-body';

interface OpenElement {
  tag: string;
  text: string;
  status: Status;
  filters?: string[];
  metas?: string[];
  weight?: string;
}

const TOKEN = /<!--[\s\S]*?-->|<!\w[^>]*>|<(\/?)([a-zA-Z][\w:-]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>/g;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/**
 * A page's search record, taken from its HTML as Pagefind would take it: the text of its
 * data-pagefind-body (without data-pagefind-ignore parts and nav, form, svg…), with blocks
 * ended by full stops and headings wrapped in Pagefind's weight markers (its custom-record path
 * reads them, so titles rank as they did); data-pagefind-meta and -filter values; the language
 * from `<html lang>`. A page without data-pagefind-body gives null (Pagefind skips such pages
 * once any page has one). Sub-result anchors (headings' ids) are left out: the search page
 * does not show sub-results.
 */
export function searchRecordOf(html: string, url: string): SearchRecord | null {
  const bodyAttribute = html.indexOf('data-pagefind-body');
  if (bodyAttribute < 0) return null;
  const bodyStart = html.lastIndexOf('<', bodyAttribute);
  const bodyEnd = elementEnd(html, bodyStart);
  // Our pages mark nothing for Pagefind outside their body: then the rest of the page adds no
  // text, filter or meta, and only the body need be read.
  const onlyBody = bodyEnd > 0 && html.indexOf('data-pagefind-') === bodyAttribute && html.indexOf('data-pagefind-', bodyEnd) < 0;
  const page = onlyBody ? readMarkup(html, bodyStart, bodyEnd, true) : readMarkup(html, 0, html.length, false);
  if (!page.hasBody) return null;
  const { meta, filters } = page;
  const title = meta.title ?? page.firstH1 ?? (onlyBody ? titleOf(html) : page.pageTitle);
  if (title !== undefined) meta.title = title;
  // as Pagefind does: its private markers never reach meta or filters
  for (const key of Object.keys(meta)) meta[key] = meta[key]!.replace(PRIVATE_MARKER, '');
  for (const values of Object.values(filters)) values.forEach((v, i) => (values[i] = v.replace(PRIVATE_MARKER, '')));
  const language = (onlyBody ? langOf(html) : page.language) || 'unknown';
  return { url, content: normalized(page.text), language, meta, filters };
}

interface ReadMarkup {
  text: string;
  hasBody: boolean;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
  firstH1?: string;
  pageTitle?: string;
  language?: string;
}

/** Reads html[from, to) as Pagefind's parser does; `insideHtml`: the range lies within <html>. */
function readMarkup(html: string, from: number, to: number, insideHtml: boolean): ReadMarkup {
  const root: OpenElement = { tag: '', text: '', status: 'indexed' };
  const stack: OpenElement[] = [root];
  const page: ReadMarkup = { text: '', hasBody: false, filters: {}, meta: {} };

  const keepFiltersAndMeta = (el: OpenElement) => {
    for (const f of el.filters ?? []) {
      const pair = attributePair(f, el.text);
      if (pair) (page.filters[pair[0]] ??= []).push(normalized(pair[1]));
    }
    for (const m of el.metas ?? []) {
      const pair = attributePair(m, el.text);
      if (pair) page.meta[pair[0]] = decoded(pair[1]);
    }
  };
  const close = (el: OpenElement) => {
    const parent = stack[stack.length - 1]!;
    if (el.status === 'excluded') return;
    // filters and meta count even on ignored elements
    keepFiltersAndMeta(el);
    if (el.tag === 'h1' && page.firstH1 === undefined && el.text.trim()) page.firstH1 = normalized(el.text);
    if (el.tag === 'title' && page.pageTitle === undefined) page.pageTitle = normalized(el.text);
    if (el.status === 'ignored') return;
    let text = el.text;
    if (SENTENCE_TAGS.has(el.tag)) text = ` ${text}${SENTENCE_END.test(text) ? '.' : ''} `;
    if (el.weight !== undefined) text = ` ___PAGEFIND_WEIGHT___${el.weight} ${text} ___END_PAGEFIND_WEIGHT___ `;
    else if (el.tag in HEADING_WEIGHTS) text = ` ___PAGEFIND_AUTO_WEIGHT___${HEADING_WEIGHTS[el.tag]} ${text} ___END_PAGEFIND_WEIGHT___ `;
    const isBody = el.status === 'body' || el.status === 'holds-body';
    if (parent.status === 'holds-body' && !isBody) return;
    if (el.status === 'indexed') parent.text += text;
    else if (isBody) {
      if (parent.status !== 'holds-body') parent.text = '';
      parent.text += text;
      parent.status = 'holds-body';
    }
  };

  TOKEN.lastIndex = from;
  let at = from;
  for (let m = TOKEN.exec(html); m && m.index < to; m = TOKEN.exec(html)) {
    if (insideHtml && m.index > at) stack[stack.length - 1]!.text += html.slice(at, m.index);
    at = TOKEN.lastIndex;
    const tag = m[2]?.toLowerCase();
    if (!tag) continue; // a comment or doctype
    if (m[1]) {
      // an end tag closes its element and any left open inside it
      const depth = stack.findLastIndex((el) => el.tag === tag);
      if (depth < 1) continue;
      while (stack.length > depth) close(stack.pop()!);
      continue;
    }
    const rawAttributes = m[3]!;
    const attributes = rawAttributes.includes('data-pagefind') || tag === 'html' || tag === 'img' ? attributesOf(rawAttributes) : undefined;
    const parent = stack[stack.length - 1]!;
    if (tag === 'html') {
      insideHtml = true;
      page.language ??= attributes?.lang?.toLowerCase();
    }
    const ignore = attributes?.['data-pagefind-ignore'];
    let status: Status = attributes && 'data-pagefind-body' in attributes ? 'body' : ignore === undefined ? 'indexed' : ['', 'index', 'true'].includes(ignore.toLowerCase()) ? 'ignored' : 'excluded';
    if (parent.status === 'excluded') status = 'excluded';
    if (insideHtml && tag !== 'html' && REMOVED_TAGS.has(tag)) status = 'ignored';
    const el: OpenElement = {
      tag,
      text: '',
      status,
      filters: attributeList(attributes?.['data-pagefind-filter'], attributes),
      metas: attributeList(attributes?.['data-pagefind-meta'], attributes),
      weight: attributes?.['data-pagefind-weight'],
    };
    if (tag === 'br' && status !== 'excluded') parent.text += ' ';
    if (VOID_TAGS.has(tag) || rawAttributes.endsWith('/')) {
      // no content: only its filters, meta and (for the first image after a title) image count
      if (status === 'excluded') continue;
      keepFiltersAndMeta(el);
      if (tag === 'img' && attributes?.src && page.meta.image === undefined && (page.firstH1 !== undefined || page.meta.title !== undefined)) {
        page.meta.image = attributes.src;
        page.meta.image_alt = attributes.alt ?? '';
      }
      continue;
    }
    if ((status === 'ignored' || status === 'excluded') && !el.filters && !el.metas) {
      // nothing inside that counts (no text, and nothing Pagefind would take from an ignored part): jump over it
      const end = elementEnd(html, m.index);
      if (end > 0 && !COUNTS_WHEN_IGNORED.test(html.slice(at, end))) {
        at = TOKEN.lastIndex = end;
        continue;
      }
    }
    stack.push(el);
    if (RAW_TEXT_TAGS.has(tag)) {
      const end = new RegExp(`</${tag}`, 'gi');
      end.lastIndex = at;
      const stop = end.exec(html)?.index ?? html.length;
      el.text += html.slice(at, stop);
      at = TOKEN.lastIndex = stop;
    }
  }
  if (at < to) stack[stack.length - 1]!.text += html.slice(at, to);
  while (stack.length > 1) close(stack.pop()!);
  page.text = root.text;
  page.hasBody = root.status === 'holds-body';
  return page;
}

/** In an ignored part, what still counts (meta, filters, a first h1 or image), or hides markup (raw text). */
const COUNTS_WHEN_IGNORED = /data-pagefind-|<(?:h1|img|script|style|textarea|title)[\s/>]/i;

/** Where the element whose start tag begins at `start` ends (after its end tag), or -1. */
function elementEnd(html: string, start: number): number {
  const tag = /^<([a-zA-Z][\w:-]*)/.exec(html.slice(start, start + 64))?.[1];
  if (!tag) return -1;
  const tags = new RegExp(`<(/?)${tag}(?=[\\s/>])`, 'gi');
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) {
      const close = html.indexOf('>', m.index);
      return close < 0 ? -1 : close + 1;
    }
  }
  return -1;
}

const langOf = (html: string) => /<html\b[^>]*\blang\s*=\s*["']?([^"'\s>]*)/i.exec(html)?.[1]?.toLowerCase();
const titleOf = (html: string) => {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title/i.exec(html)?.[1];
  return title === undefined ? undefined : normalized(title);
};

const PRIVATE_MARKER = /___PAGEFIND_\S+\s?/g;

function attributesOf(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(raw); m; m = ATTRIBUTE.exec(raw)) attributes[m[1]!.toLowerCase()] ??= decoded(m[2] ?? m[3] ?? m[4] ?? '');
  return attributes;
}

/** `data-pagefind-filter="company, year:2024, cover[data-x]"` → ['company', 'year:2024', 'cover:<its data-x>'] */
function attributeList(value: string | undefined, attributes: Record<string, string> | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const colon = value.indexOf(':');
  if (colon >= 0) {
    const list = attributeList(value.slice(0, colon), attributes)!;
    list[list.length - 1] += `:${value.slice(colon + 1)}`;
    return list;
  }
  return value.split(',').map((chunk) => {
    const named = /^\s*([^:[\]]+)\[(.+)\]\s*$/.exec(chunk);
    return named ? `${named[1]}:${attributes?.[named[2]!.toLowerCase()] ?? ''}` : chunk.trim();
  });
}

/** `name:value`, or `name` with the element's text as its value (none when it has no text). */
function attributePair(spec: string, text: string): [string, string] | null {
  const colon = spec.indexOf(':');
  if (colon >= 0) return [spec.slice(0, colon), spec.slice(colon + 1)];
  return text ? [spec, text] : null;
}

/** Pagefind's normalize_content: entities decoded, ends trimmed, runs of white space made one space. */
function normalized(text: string): string {
  // one pass: a newline, or a run of white space, becomes one space (as Pagefind's three passes do)
  return decoded(text).trim().replace(/\s{2,}|\n/g, ' ');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The entities our pages hold: the templates' escaping writes the five named ones, remark numeric ones. */
function decoded(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED_ENTITIES[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
