// The article body as HTML: the cleaned mdast, with the mentions of companies, people and metals
// turned into links to their pages and each figure marked with its normalised value, rendered
// by remark-html with sanitising on (only the elements and attributes below survive).
import { unified } from 'unified';
import remarkHtml from 'remark-html';
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import type { Root, PhrasingContent, Text, Parent } from 'mdast';

export interface BodyMark {
  /** The exact text to find. */
  surface: string;
  kind: 'company' | 'person' | 'metal' | 'figure';
  href?: string;
  /** For figures: the normalised value shown on hover and focus. */
  label?: string;
}

const schema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'data'],
  attributes: {
    ...defaultSchema.attributes,
    // markdown cannot set classes (raw HTML is dropped), so only our own marks carry one
    a: [...(defaultSchema.attributes?.a ?? []).filter((a) => !(Array.isArray(a) && a[0] === 'className')), 'className'],
    data: ['value', 'dataNorm', 'tabIndex', ['className', 'figure']],
  },
};

const compiler = unified().use(remarkHtml, { sanitize: schema }).freeze();

export function bodyHtml(body: Root, marks: BodyMark[]): string {
  const tree = structuredClone(body);
  if (marks.length > 0) markText(tree, marks);
  return String(compiler.stringify(compiler.runSync(tree) as Root));
}

const SKIP = new Set(['link', 'linkReference', 'inlineCode', 'code', 'html', 'definition', 'image', 'imageReference']);

/** The surfaces to link. */
interface Surfaces {
  byText: Map<string, BodyMark>;
  /** Longest first: at a place where several start, the longest is tried first. */
  ordered: string[];
}

function markText(tree: Root, marks: BodyMark[]): void {
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
    if (SKIP.has(child.type)) continue;
    if (child.type === 'text') {
      const parts = splitText(child, surfaces);
      if (parts) {
        node.children.splice(i, 1, ...(parts as typeof node.children));
        i += parts.length - 1;
      }
    } else if ('children' in child) walk(child as Parent, surfaces);
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
function splitText(node: Text, surfaces: Surfaces): PhrasingContent[] | null {
  const { ordered, byText } = surfaces;
  const value = node.value;
  // every place a surface starts, and the first surface (longest) starting there
  const firstAt = new Map<number, string>();
  for (const surface of ordered) {
    for (let at = value.indexOf(surface); at >= 0; at = value.indexOf(surface, at + 1)) if (!firstAt.has(at)) firstAt.set(at, surface);
  }
  if (firstAt.size === 0) return null;
  const out: PhrasingContent[] = [];
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

function markNode(mark: BodyMark, text: string): PhrasingContent {
  if (mark.kind === 'figure') {
    return {
      type: 'emphasis',
      children: [{ type: 'text', value: text }],
      data: { hName: 'data', hProperties: { value: mark.label ?? '', dataNorm: mark.label ?? '', tabIndex: 0, className: ['figure'] } },
    };
  }
  return {
    type: 'link',
    url: mark.href ?? '#',
    children: [{ type: 'text', value: text }],
    data: { hProperties: { className: ['mention', `mention-${mark.kind}`] } },
  };
}
