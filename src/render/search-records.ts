// A searchable page's search record: what Pagefind indexes of it (its text, title, filters), in
// the form its custom records take. Two ways to one result:
// - from the page's data (articleSearchRecord, entitySearchRecord), as the built-in templates show
//   it: a build makes the record of each page it renders beside the page, and no page is read back
//   or parsed for its text (at 4,000 articles, reading the pages back and parsing them was 1.7 s
//   of a cold build's CPU);
// - from the HTML (searchRecordOf), read as Pagefind's own parser reads a page: for pages a build
//   did not render, and for pages of a user's own templates, whose markup decides what is shown.
// tests/search-records.test.ts holds the two equal on every searchable page of a site.
import type { BodySegments, SearchRecord } from '../types.ts';

export type { SearchRecord };
import { escapeHtml } from './templates.ts';
import { humanDate } from './dates.ts';

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

// ---- The same record from a page's data, as the built-in templates show it ----

/** The site-wide part of every record: the page language, and the title a page without one takes (its <title>). */
export interface SearchSite {
  language: string;
  title: string;
}

/** What an article page (templates/article.eta) shows that search takes. */
export interface ArticleSearchData {
  /** Its site path, e.g. `articles/x/`. */
  url: string;
  title: string;
  date: string | null;
  byline: string | null;
  dateline: string | null;
  sourceUrl: string | null;
  /** The body as the article's record keeps it (its marks add elements, not text). */
  body: BodySegments;
  /** Canonical names, in the page's order. */
  companies: readonly string[];
  metals: readonly string[];
  topics: readonly string[];
  quotes: readonly { text: string; speaker: string | null }[];
}

/** One element of a page being read: its tag, its text so far (as HTML), whether it is left out. */
interface Block {
  tag: string;
  text: string;
  ignored: boolean;
}

/** An element's text as it joins its parent's: a block spaced and ended by a full stop, a heading weighted. */
function joined(tag: string, text: string): string {
  if (SENTENCE_TAGS.has(tag)) text = ` ${text}${SENTENCE_END.test(text) ? '.' : ''} `;
  if (tag in HEADING_WEIGHTS) text = ` ___PAGEFIND_AUTO_WEIGHT___${HEADING_WEIGHTS[tag]} ${text} ___END_PAGEFIND_WEIGHT___ `;
  return text;
}

/** `<tag>text</tag>` as Pagefind joins it, the text escaped as the templates escape it. */
const shown = (tag: string, text: string) => joined(tag, escapeHtml(text));

/**
 * The body's text as Pagefind reads it from the body's HTML: its runs (escaped as the body's HTML
 * escapes them), the text between its tags, blocks ended by full stops, headings weighted. A
 * cleaned body holds no image (the clean stage drops them), so none sets the record's.
 */
function bodyText(body: BodySegments): string {
  const stack: Block[] = [{ tag: '', text: '', ignored: false }];
  const close = (el: Block) => {
    if (!el.ignored) stack[stack.length - 1]!.text += joined(el.tag, el.text);
  };
  for (let i = 0; i < body.html.length; i++) {
    const piece = body.html[i]!;
    let at = 0;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(piece); m; m = TOKEN.exec(piece)) {
      if (m.index > at) stack[stack.length - 1]!.text += piece.slice(at, m.index);
      at = TOKEN.lastIndex;
      const tag = m[2]?.toLowerCase();
      if (!tag) continue;
      if (m[1]) {
        const depth = stack.findLastIndex((el) => el.tag === tag);
        if (depth < 1) continue;
        while (stack.length > depth) close(stack.pop()!);
        continue;
      }
      const parent = stack[stack.length - 1]!;
      if (tag === 'br') parent.text += ' ';
      if (VOID_TAGS.has(tag) || m[3]!.endsWith('/')) continue;
      stack.push({ tag, text: '', ignored: parent.ignored || REMOVED_TAGS.has(tag) });
    }
    if (at < piece.length) stack[stack.length - 1]!.text += piece.slice(at);
    const run = body.text[i];
    if (run !== undefined) stack[stack.length - 1]!.text += /[<&]/.test(run) ? run.replace(/&/g, '&amp;').replace(/</g, '&lt;') : run;
  }
  while (stack.length > 1) close(stack.pop()!);
  return stack[0]!.text;
}

/** The language as Pagefind reads it from `<html lang="…">`. */
const languageOf = (site: SearchSite) => /^[^"'\s>]*/.exec(escapeHtml(site.language))![0].toLowerCase() || 'unknown';

/** A title as Pagefind takes it: the h1's text, or the page's <title> when the h1 is empty. */
function titleMeta(title: string, pageTitle: string, site: SearchSite): string {
  return (title ? title : normalized(escapeHtml(pageTitle ? `${pageTitle} · ${site.title}` : site.title))).replace(PRIVATE_MARKER, '');
}

/** An article page's record: its title, byline, dateline, body and quotes; its date and companies for the result; its companies, metals and topics as filters. */
export function articleSearchRecord(a: ArticleSearchData, site: SearchSite): SearchRecord {
  const meta: Record<string, string> = {};
  if (a.title) meta.title = a.title.replace(PRIVATE_MARKER, '');
  const date = a.date ? humanDate(a.date) : '';
  if (date) meta.date = date.replace(PRIVATE_MARKER, '');
  const companies = a.companies.join(', ');
  if (companies) meta.companies = companies.replace(PRIVATE_MARKER, '');
  const filters: Record<string, string[]> = {};
  // an element without text sets no filter
  const filter = (name: string, values: readonly string[]) => {
    const kept = values.filter((v) => v !== '');
    if (kept.length) filters[name] = kept.map((v) => normalized(escapeHtml(v)).replace(PRIVATE_MARKER, ''));
  };
  filter('company', a.companies);
  filter('metal', a.metals);
  filter('topic', a.topics);
  let line = ' ';
  if (a.byline) line += ` · By ${escapeHtml(a.byline)} `;
  if (a.dateline) line += ` · ${escapeHtml(a.dateline)} `;
  if (a.sourceUrl) line += ' · Original source ';
  let text = shown('h1', a.title) + joined('p', line) + joined('div', ` ${bodyText(a.body)} `);
  if (a.quotes.length > 0) {
    let quotes = shown('h2', 'Quotes');
    for (const q of a.quotes) quotes += `${shown('p', q.text)}${q.speaker ? `— ${escapeHtml(q.speaker)}` : ''} `;
    text += joined('section', ` ${quotes} `);
  }
  // no title: the page's <title> is then the site's alone, and names it
  if (!a.title) meta.title = titleMeta('', '', site);
  return { url: `/${a.url}`, content: normalized(text), language: languageOf(site), meta, filters };
}

/** What an entity's latest page (templates/company.eta, person.eta, term.eta) shows that search takes. */
export type EntitySearchData = { url: string; name: string; pageTitle: string } & (
  | { kind: 'companies'; formerNames: readonly string[]; otherNames: readonly string[]; people: readonly { name: string; roles: readonly (string | null)[] }[] }
  | { kind: 'people'; roles: readonly { role: string | null; company: string | null }[] }
  | { kind: 'metals' | 'topics'; label: string }
);

/**
 * An entity page's record: what the entity is (its name, other names, its people and their roles,
 * or a person's roles), not what changes with each article (counts, rankings, quotes, figures).
 */
export function entitySearchRecord(e: EntitySearchData, site: SearchSite): SearchRecord {
  const title = e.kind === 'metals' || e.kind === 'topics' ? capitalized(e.name) : e.name;
  let text = shown('h1', title);
  if (e.kind === 'companies') {
    let lede = 'Company';
    if (e.formerNames.length > 0) lede += ` · formerly ${e.formerNames.join(', ')}`;
    if (e.otherNames.length > 0) lede += ` · also ${e.otherNames.join(', ')}`;
    text += shown('p', lede);
    if (e.people.length > 0) {
      let items = ' ';
      for (const p of e.people) items += shown('li', p.roles.length > 0 ? `${p.name} ${p.roles.join(', ')}` : p.name);
      text += joined('div', ` ${joined('section', shown('h2', 'People') + joined('ul', items))} `);
    }
  } else if (e.kind === 'people') {
    text += shown('p', 'Person');
    if (e.roles.length > 0) {
      let items = ' ';
      for (const r of e.roles) items += shown('li', `${r.role || 'Role not given'}${r.company ? `, ${r.company}` : ''}`);
      text += joined('section', shown('h2', 'Roles') + joined('ul', items));
    }
  } else text += shown('p', e.label);
  return { url: `/${e.url}`, content: normalized(text), language: languageOf(site), meta: { title: titleMeta(title, e.pageTitle, site) }, filters: {} };
}

/** As the templates' `capitalize`: the first letter upper case, the rest lower. */
const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
