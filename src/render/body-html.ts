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

function markText(tree: Root, marks: BodyMark[]): void {
  // longest surfaces first, so "JX Advanced Metals" wins over "JX"
  const bySurface = new Map<string, BodyMark>();
  for (const m of [...marks].sort((a, b) => b.surface.length - a.surface.length)) {
    if (m.surface.trim().length >= 2 && !bySurface.has(m.surface)) bySurface.set(m.surface, m);
  }
  if (bySurface.size === 0) return;
  // one alternation inside one pair of word-edge checks: far faster than a lookaround per surface
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...bySurface.keys()].map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  walk(tree, bySurface, pattern);
}

function walk(node: Parent, marks: Map<string, BodyMark>, pattern: RegExp): void {
  for (let i = 0; i < node.children.length; i++) {
    const child = node.children[i]!;
    if (SKIP.has(child.type)) continue;
    if (child.type === 'text') {
      const parts = splitText(child, marks, pattern);
      if (parts) {
        node.children.splice(i, 1, ...(parts as typeof node.children));
        i += parts.length - 1;
      }
    } else if ('children' in child) walk(child as Parent, marks, pattern);
  }
}

function splitText(node: Text, marks: Map<string, BodyMark>, pattern: RegExp): PhrasingContent[] | null {
  const value = node.value;
  const out: PhrasingContent[] = [];
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(value); m; m = pattern.exec(value)) {
    const mark = marks.get(m[0]);
    if (!mark) continue;
    if (m.index > last) out.push({ type: 'text', value: value.slice(last, m.index) });
    out.push(markNode(mark, m[0]));
    last = m.index + m[0].length;
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
