// HTML (an article found in a page, or a feed item's content) → markdown for the clean stage, the
// way a .md article is read. Furniture and media leave first; links keep their words only (a
// link's address is not article text, and no remote image or script survives).
import { fromHtml } from 'hast-util-from-html';
import { toMdast } from 'hast-util-to-mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfmToMarkdown } from 'mdast-util-gfm';
import type { Element, ElementContent, Nodes, Root as HastRoot } from 'hast';
import { isFurniture, isNeverText, removeAsFurniture } from './page-furniture.ts';

const attr = (el: Element, name: string): string | null => {
  const v = el.properties?.[name];
  return Array.isArray(v) ? v.join(' ') : v == null || v === false ? null : String(v);
};

/** Length of the text a hast node holds. */
function textLength(node: Nodes): number {
  if (node.type === 'text') return node.value.length;
  if (!('children' in node)) return 0;
  let n = 0;
  for (const c of node.children) n += textLength(c as Nodes);
  return n;
}

/** Removes code, media and furniture from a hast tree, and unwraps links (their text stays). */
export function stripFurniture(node: Nodes, pageText = -1): void {
  if (!('children' in node)) return;
  if (pageText < 0) {
    dropNeverText(node);
    pageText = textLength(node);
  }
  const kept: ElementContent[] = [];
  for (const child of node.children as ElementContent[]) {
    if (child.type === 'comment') continue;
    if (child.type === 'element') {
      const facts = { tag: child.tagName, className: attr(child, 'className'), id: attr(child, 'id'), role: attr(child, 'role'), hidden: child.properties?.hidden === true || attr(child, 'ariaHidden') === 'true' };
      if (isFurniture(facts) && removeAsFurniture(textLength(child), pageText)) continue;
      stripFurniture(child, pageText);
      if (child.tagName === 'a') {
        kept.push(...child.children);
        continue;
      }
    }
    kept.push(child);
  }
  (node as HastRoot).children = kept;
}

function dropNeverText(node: Nodes): void {
  if (!('children' in node)) return;
  (node as HastRoot).children = (node.children as ElementContent[]).filter((c) => !(c.type === 'element' && isNeverText(c.tagName)));
  for (const c of node.children) dropNeverText(c as Nodes);
}

/** Markdown of an HTML fragment; '' when nothing but furniture was in it. */
export function htmlToMarkdown(html: string): string {
  const tree = fromHtml(html, { fragment: true });
  stripFurniture(tree);
  const mdast = toMdast(tree);
  return toMarkdown(mdast, { bullet: '-', emphasis: '_', strong: '*', fences: true, rule: '-', extensions: [gfmToMarkdown()] })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text of an HTML fragment (titles and names in feeds sometimes carry markup or entities). */
export function htmlToText(html: string): string {
  const tree = fromHtml(html, { fragment: true });
  stripFurniture(tree);
  const out: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'text') out.push(n.value);
    else if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(tree);
  return out.join('').replace(/\s+/g, ' ').trim();
}
