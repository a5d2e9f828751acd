// The article body as HTML: the cleaned body's HTML as remark-html writes it, made with the record
// (clean/body-segments.ts), with the mentions of companies, people and metals in its runs of text
// turned into links to their pages and each figure marked with its normalised value. The marks are
// the generator's own elements, written as hast-util-to-html writes the same elements
// (body-html.test.ts compares the two).
import { normalizeUri } from 'micromark-util-sanitize-uri';
import { stringifyEntities } from 'stringify-entities';
import type { BodySegments } from '../types.ts';

export interface BodyMark {
  /** The exact text to find. */
  surface: string;
  kind: 'company' | 'person' | 'metal' | 'figure';
  href?: string;
  /** For figures: the normalised value shown on hover and focus. */
  label?: string;
}

/** What HTML escapes in text, and in a double-quoted attribute value (hast-util-to-html's choices by default). */
const TEXT_ESCAPED = ['<', '&'];
const ATTRIBUTE_ESCAPED = ['\0', '"', '&', "'", '`'];
const escapeText = (value: string) => stringifyEntities(value, { subset: TEXT_ESCAPED });
const escapeAttribute = (value: string) => stringifyEntities(value, { subset: ATTRIBUTE_ESCAPED });

export function bodyHtml(body: BodySegments, marks: BodyMark[]): string {
  const surfaces = surfacesOf(marks);
  let html = body.html[0]!;
  for (let i = 0; i < body.text.length; i++) html += (surfaces ? markedText(body.text[i]!, surfaces) : escapeText(body.text[i]!)) + body.html[i + 1]!;
  // as remark-html ends a document
  return html && !/[\r\n]$/.test(html) ? `${html}\n` : html;
}

/** The surfaces to link. */
interface Surfaces {
  byText: Map<string, BodyMark>;
  /** Longest first: at a place where several start, the longest is tried first. */
  ordered: string[];
}

function surfacesOf(marks: BodyMark[]): Surfaces | null {
  // longest surfaces first, so "JX Advanced Metals" wins over "JX"
  const byText = new Map<string, BodyMark>();
  for (const m of [...marks].sort((a, b) => b.surface.length - a.surface.length)) {
    if (m.surface.trim().length >= 2 && !byText.has(m.surface)) byText.set(m.surface, m);
  }
  return byText.size === 0 ? null : { byText, ordered: [...byText.keys()] };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the character (code point) ending just before `at` is a letter or digit. */
function wordCharBefore(value: string, at: number): boolean {
  if (at === 0) return false;
  const unit = value.charCodeAt(at - 1);
  const start = unit >= 0xdc00 && unit <= 0xdfff && at >= 2 ? at - 2 : at - 1;
  return WORD_CHAR.test(String.fromCodePoint(value.codePointAt(start)!));
}

function wordCharAt(value: string, at: number): boolean {
  return at < value.length && WORD_CHAR.test(String.fromCodePoint(value.codePointAt(at)!));
}

/** The surface that starts at `at` as a whole word: the longest one whose end is a word edge. */
function wholeSurfaceAt(value: string, at: number, found: string, surfaces: Surfaces): string | null {
  if (wordCharBefore(value, at)) return null;
  if (!wordCharAt(value, at + found.length)) return found;
  for (const s of surfaces.ordered) if (s.length < found.length && value.startsWith(s, at) && !wordCharAt(value, at + s.length)) return s;
  return null;
}

/**
 * A run of text as HTML, its surfaces marked, from the first place on, each the longest surface
 * starting there that ends at a word edge. Places are found with indexOf, surface by surface: an
 * alternation of an article's surfaces was a regular expression compiled for each article, most
 * of the cost of marking.
 */
function markedText(value: string, surfaces: Surfaces): string {
  const { ordered, byText } = surfaces;
  // every place a surface starts, and the first surface (longest) starting there
  const firstAt = new Map<number, string>();
  for (const surface of ordered) {
    for (let at = value.indexOf(surface); at >= 0; at = value.indexOf(surface, at + 1)) if (!firstAt.has(at)) firstAt.set(at, surface);
  }
  if (firstAt.size === 0) return escapeText(value);
  let html = '';
  let last = 0;
  for (const at of [...firstAt.keys()].sort((a, b) => a - b)) {
    if (at < last) continue;
    const surface = wholeSurfaceAt(value, at, firstAt.get(at)!, surfaces);
    if (!surface) continue;
    if (at > last) html += escapeText(value.slice(last, at));
    html += markHtml(byText.get(surface)!, surface);
    last = at + surface.length;
  }
  return last < value.length ? html + escapeText(value.slice(last)) : html;
}

/** A mark as HTML, as hast-util-to-html writes the element remark-html makes of it. */
function markHtml(mark: BodyMark, text: string): string {
  if (mark.kind === 'figure') {
    const label = escapeAttribute(mark.label ?? '');
    return `<data value="${label}" data-norm="${label}" tabindex="0" class="figure">${escapeText(text)}</data>`;
  }
  return `<a href="${escapeAttribute(normalizeUri(mark.href ?? '#'))}" class="mention mention-${mark.kind}">${escapeText(text)}</a>`;
}
