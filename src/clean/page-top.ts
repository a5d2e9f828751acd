// Page furniture above an article: skip links, navigation menus (a list of one-word links, or a
// run of one-word lines with "Home" or "Menu" among them), icon text, exchange headers and a
// section label in capitals over the headline. Only blocks before the first line of news go, so
// a headline under a menu is the first block again.
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { CleanTransformer } from './blocks.ts';
import { blockText, isTextBlock, linesOf, removeBlock } from './blocks.ts';
import { isHeadlineLike } from './headline.ts';
import { lineRuleOf } from './boilerplate.ts';

/** Words a site menu holds one of at least. */
const MENU_WORD = /^(?:home|menu|news|latest|search|sign in|log ?in|subscribe|markets|topics|sections)$/i;
/** A menu entry: at most three words, no sentence mark. */
const isMenuEntry = (text: string) => text.length > 0 && text.split(/\s+/).length <= 3 && !/[.,;:!?"“”]/.test(text);
const MIN_MENU_ENTRIES = 4;
/** Line rules that mark furniture wherever it stands above the news (a byline or a date card is no such line). */
const TOP_RULES = new Set(['navigation', 'icons', 'share', 'reading-time', 'exchange-header', 'exchange-code', 'distribution-notice', 'date-stamp', 'dateline-stamp', 'advertisement', 'cookies']);

export const removePageTop: CleanTransformer = (tree, _file, state) => {
  for (;;) {
    const node = tree.children[0];
    if (!node) return;
    const menu = menuRun(tree.children);
    if (menu.length) {
      for (const n of menu) removeBlock(tree, n, state, 'navigation');
      continue;
    }
    if (isTextBlock(node) && TOP_RULES.has(lineRuleOf(blockText(node)) ?? '')) {
      removeBlock(tree, node, state, lineRuleOf(blockText(node))!);
      continue;
    }
    if (isSectionLabel(node, tree.children[1])) {
      removeBlock(tree, node, state, 'section-label');
      continue;
    }
    return;
  }
};

/** The menu that opens `blocks`: a list of short links, or a run of one-line blocks of menu entries. */
function menuRun(blocks: RootContent[]): RootContent[] {
  const first = blocks[0]!;
  if (first.type === 'list') {
    const items = first.children.map((item) => toString(item).trim());
    const links = first.children.every((item) => item.children.every((p) => p.type === 'paragraph' && p.children.every((c) => c.type === 'link' || (c.type === 'text' && !c.value.trim()))));
    return links && items.every(isMenuEntry) && items.some((t) => MENU_WORD.test(t)) ? [first] : [];
  }
  let end = 0;
  while (end < blocks.length && isTextBlock(blocks[end]!) && linesOf(blocks[end]!).length === 1 && isMenuEntry(blockText(blocks[end]!))) end++;
  const run = blocks.slice(0, end);
  return run.length >= MIN_MENU_ENTRIES && run.some((n) => MENU_WORD.test(blockText(n))) ? run : [];
}

/** "MINING & METALS" over "Gold Fields to spend…": a short line in capitals right above a headline. */
function isSectionLabel(node: RootContent, next: RootContent | undefined): boolean {
  if (!isTextBlock(node) || linesOf(node).length !== 1 || !next || !isTextBlock(next) || linesOf(next).length !== 1) return false;
  const text = blockText(node);
  const headline = blockText(next);
  return text.split(/\s+/).length <= 4 && /\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text) && isHeadlineLike(headline) && /\p{Ll}/u.test(headline);
}
