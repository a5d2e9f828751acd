// The article body as HTML: the cleaned mdast turned into HTML as remark-html does it (mdast to
// hast, sanitised, serialised: its three steps, called here), with the mentions of companies,
// people and metals turned into links to their pages and each figure marked with its normalised
// value. The marks go in after sanitising, as HTML made here: they are the generator's own
// elements, and through the three steps they cost three times the rest of the body (0.335 against
// 0.098 ms a body, BENCHMARKS.md, 2026-12-05). They are written as hast-util-to-html writes the
// same elements (body-html.test.ts compares the two).
import { toHast } from 'mdast-util-to-hast';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { normalizeUri } from 'micromark-util-sanitize-uri';
import { stringifyEntities } from 'stringify-entities';
import type { Root } from 'mdast';
import type { Element, ElementContent, Parent, Root as HastRoot, Text } from 'hast';

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

export function bodyHtml(body: Root, marks: BodyMark[]): string {
  // remark-html's compiler, sanitising with the default schema (markdown cannot set a class)
  const tree = sanitize(toHast(body)) as HastRoot;
  if (marks.length > 0) markText(tree, marks);
  const html = toHtml(tree, { allowDangerousHtml: true });
  // as remark-html ends a document
  return html && !/[\r\n]$/.test(html) ? `${html}\n` : html;
}

/** No mark inside a link or code (sanitising left no raw HTML). */
const SKIP = new Set(['a', 'code', 'pre']);

/** The surfaces to link. */
interface Surfaces {
  byText: Map<string, BodyMark>;
  /** Longest first: at a place where several start, the longest is tried first. */
  ordered: string[];
}

function markText(tree: HastRoot, marks: BodyMark[]): void {
  // longest surfaces first, so "JX Advanced Metals" wins over "JX"
  const byText = new Map<string, BodyMark>();
  for (const m of [...marks].sort((a, b) => b.surface.length - a.surface.length)) {
    if (m.surface.trim().length >= 2 && !byText.has(m.surface)) byText.set(m.surface, m);
  }
  if (byText.size === 0) return;
  walk(tree, { byText, ordered: [...byText.keys()] });
}

function walk(node: Parent, surfaces: Surfaces): void {
  for (let i = 0; i < node.children.length; i++) {
    const child = node.children[i]!;
    if (child.type === 'text') {
      const parts = splitText(child, surfaces);
      if (parts) {
        node.children.splice(i, 1, ...parts);
        i += parts.length - 1;
      }
    } else if (child.type === 'element' && !SKIP.has(child.tagName)) walk(child as Element, surfaces);
  }
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
 * The text with its surfaces marked, from the first place on, each the longest surface starting
 * there that ends at a word edge. Places are found with indexOf, surface by surface: an
 * alternation of an article's surfaces was a regular expression compiled for each article, most
 * of the cost of marking.
 */
function splitText(node: Text, surfaces: Surfaces): ElementContent[] | null {
  const { ordered, byText } = surfaces;
  const value = node.value;
  // every place a surface starts, and the first surface (longest) starting there
  const firstAt = new Map<number, string>();
  for (const surface of ordered) {
    for (let at = value.indexOf(surface); at >= 0; at = value.indexOf(surface, at + 1)) if (!firstAt.has(at)) firstAt.set(at, surface);
  }
  if (firstAt.size === 0) return null;
  const out: ElementContent[] = [];
  let last = 0;
  for (const at of [...firstAt.keys()].sort((a, b) => a - b)) {
    if (at < last) continue;
    const surface = wholeSurfaceAt(value, at, firstAt.get(at)!, surfaces);
    if (!surface) continue;
    if (at > last) out.push({ type: 'text', value: value.slice(last, at) });
    out.push(markNode(byText.get(surface)!, surface));
    last = at + surface.length;
  }
  if (out.length === 0) return null;
  if (last < value.length) out.push({ type: 'text', value: value.slice(last) });
  return out;
}

/** A mark as HTML, as hast-util-to-html writes the element remark-html makes of it. */
function markNode(mark: BodyMark, text: string): ElementContent {
  if (mark.kind === 'figure') {
    const label = escapeAttribute(mark.label ?? '');
    return raw(`<data value="${label}" data-norm="${label}" tabindex="0" class="figure">${escapeText(text)}</data>`);
  }
  return raw(`<a href="${escapeAttribute(normalizeUri(mark.href ?? '#'))}" class="mention mention-${mark.kind}">${escapeText(text)}</a>`);
}

/** HTML put in the tree as it is (hast-util-to-html's `raw` node, written with allowDangerousHtml). */
const raw = (value: string) => ({ type: 'raw', value }) as unknown as ElementContent;
