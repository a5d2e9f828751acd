// Markdown articles → mdast with remark (GFM for tables and autolinks). Raw HTML and images are
// page furniture, never article text: they leave the tree here. Each top-level block is given
// its plain text as `data.lines` so the shared transformers can judge it like a txt block.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Nodes, Parent, Root, RootContent } from 'mdast';
import type { CleanState } from './blocks.ts';
import { singleSpaced } from './blocks.ts';
import { parseTxt } from './parse-txt.ts';

/** A markdown body of plain paragraphs reads like a text file: one block per paragraph, its lines joined. */
function plainParagraphs(text: string): Root {
  const tree = parseTxt(text);
  for (const node of tree.children) node.data = { ...node.data, lines: [{ text: (node.data?.lines ?? []).map((l) => l.text.trim()).join(' '), line: node.data?.lines?.[0]?.line ?? 1 }] };
  return tree;
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** Any markdown syntax at all: without it a markdown body is plain paragraphs, and remark's full parse can be skipped. */
const MARKDOWN_SYNTAX = /[#*_[\]<>`|~\\]|^\s{0,3}(?:[-+]\s|\d+[.)]\s)|^(?: {4}|\t)|&[#\w]+;|^\s*(?:=+|-+)\s*$|https?:\/\//m;

export function parseMd(text: string, state: CleanState): Root {
  if (!MARKDOWN_SYNTAX.test(text)) return plainParagraphs(text);
  const tree = parser.parse(text) as Root;
  const sourceLines = text.split(/\r\n|\r|\n/);
  const sourceOf = (node: RootContent) => {
    const s = node.position?.start.line ?? 1;
    const e = node.position?.end.line ?? s;
    return sourceLines.slice(s - 1, e).join(' ').trim();
  };
  tree.children = tree.children.filter((node) => {
    const line = node.position?.start.line ?? 1;
    if (node.type === 'html') {
      state.removed.push({ line, text: sourceOf(node), rule: 'raw-html' });
      return false;
    }
    const hadImage = containsImage(node);
    stripImagesAndHtml(node);
    const plain = plainTextOf(node);
    if (plain === '') {
      if (node.type !== 'thematicBreak') state.removed.push({ line, text: sourceOf(node), rule: hadImage ? 'image' : 'empty' });
      return false;
    }
    node.data = { ...node.data, lines: [{ text: plain, line }] };
    return true;
  });
  return tree;
}

function plainTextOf(node: RootContent): string {
  if (node.type === 'list') return node.children.map((item) => singleSpaced(toString(item))).join('\n');
  if (node.type === 'thematicBreak') return '';
  return singleSpaced(toString(node));
}

function containsImage(node: Nodes): boolean {
  if (node.type === 'image' || node.type === 'imageReference') return true;
  return 'children' in node && (node as Parent).children.some((c) => containsImage(c as Nodes));
}

function stripImagesAndHtml(node: Nodes): void {
  if (!('children' in node)) return;
  const parent = node as Parent;
  parent.children = parent.children.filter((c) => c.type !== 'image' && c.type !== 'imageReference' && c.type !== 'html');
  for (const c of parent.children) stripImagesAndHtml(c as Nodes);
}
