// Boilerplate removal: page furniture that news sites put around and inside an article. Each
// transformer has one kind of furniture; the patterns are data (src/data/boilerplate.json).
import type { RootContent } from 'mdast';
import { boilerplateList as boilerplate } from '../data/word-lists.ts';
import type { CleanState, CleanTransformer, SourceLine } from './blocks.ts';
import { blockText, compile, compileTest, isTextBlock, linesOf, removeBlock, removeLines } from './blocks.ts';
import type { Root } from 'mdast';
import { BoundedMemo } from '../memo.ts';

interface LineRuleData {
  rule: string;
  pattern: string;
  maxLength?: number;
  mustContain?: string;
  caseSensitive?: boolean;
}
const LINE_RULES = (boilerplate.lines as LineRuleData[]).map((r) => ({
  rule: r.rule,
  pattern: r.pattern,
  re: compileTest(r.pattern, r.caseSensitive ? 'u' : 'iu'),
  maxLength: r.maxLength ?? Infinity,
  also: r.mustContain ? compileTest(r.mustContain) : null,
}));
/**
 * Most rules hold only at a line's start (every branch opens with ^, and no group is referred back
 * to, which joining would renumber). One alternation of them all, tried at the start, tells
 * whether any can match; when none can, only the other rules are tried.
 */
const AT_START = LINE_RULES.filter((r) => anchoredAtStart(r.pattern) && !/\\[1-9k]|\(\?<[^=!]/.test(r.pattern));
const ANY_AT_START = new RegExp(`^(?:${AT_START.map((r) => `(?:${r.pattern})`).join('|')})`, 'iu');
const NOT_AT_START = LINE_RULES.filter((r) => !AT_START.includes(r));
/** No furniture line is longer than this: longer lines are prose and skip the rules. */
const LONGEST_RULE = Math.max(...LINE_RULES.map((r) => (r.maxLength === Infinity ? 0 : r.maxLength)), 600);
const CTA = new RegExp(boilerplate.cta, 'iu');
const PROMO_STRONG = compile(boilerplate.promo.strong);
const PROMO_IMPERATIVE = new RegExp(boilerplate.promo.imperative, 'iu');
const PROMO_WEAK = compile(boilerplate.promo.weak);
const SPONSOR = new RegExp(boilerplate.sponsor, 'iu');
const COMMENTS = new RegExp(boilerplate.comments, 'iu');

// markdown marks out; '>' only where it opens a quote, so breadcrumbs ('Home > Markets') keep theirs
const clean = (s: string) => (NEEDS_CLEANING.test(s) ? s.replace(/^(?:\s*>)+/, ' ').replace(/[*_#]+/g, ' ').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim() : s);
/** What clean changes: without any of these, every step of it leaves the text as it is. */
const NEEDS_CLEANING = /^[\s>]|\s$|[*_#’‘]|[^\S ]|\s\s/;

/** The clean stage asks about the same line several times (page top, headline, sections, layout); a line's rule depends on its text alone (6,400 of 36,300 asks answered, 2,000 articles). */
const lineRules = new BoundedMemo<string, string | null>(4096);

export function lineRuleOf(text: string): string | null {
  return lineRules.get(text, readLineRule);
}

function readLineRule(text: string): string | null {
  const t = clean(text);
  if (!t || t.length > LONGEST_RULE) return null;
  return (ANY_AT_START.test(t) ? LINE_RULES : NOT_AT_START).find((r) => t.length <= r.maxLength && r.re.test(t) && (!r.also || r.also.test(t)))?.rule ?? null;
}

/** Whether every top-level branch of a pattern opens with ^. */
function anchoredAtStart(pattern: string): boolean {
  let depth = 0;
  let inClass = false;
  let branchStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (branchStart) {
      if (c !== '^') return false;
      branchStart = false;
    }
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) branchStart = true;
  }
  return !branchStart;
}

/** A reader-comments section: its header and every block after it that looks like a comment. */
export const removeComments: CleanTransformer = (tree, _file, state) => {
  const start = tree.children.findIndex((node) => isTextBlock(node) && COMMENTS.test(clean(linesOf(node)[0]?.text ?? '')));
  if (start < 0) return;
  const header = tree.children[start]!;
  // comments close the page: in the article's second half the header and everything after it go;
  // higher up (a "3 comments" counter under the headline) only the counter and its own lines do
  const group = header.data?.group;
  const doomed = start >= tree.children.length / 2 ? tree.children.slice(start) : [header, ...tree.children.filter((n) => n !== header && group !== undefined && n.data?.group === group && lineRuleOf(blockText(n)) !== null)];
  for (const node of doomed) removeBlock(tree, node, state, 'comments');
};

/** Single lines that are furniture wherever they stand ("Advertisement", "Read more: …", captions, placeholders). */
export const removeBoilerplateLines: CleanTransformer = (tree, _file, state) => {
  for (const node of [...tree.children]) {
    if (!isTextBlock(node) && node.type !== 'blockquote') continue;
    const whole = lineRuleOf(blockText(node));
    if (whole) {
      const at = tree.children.indexOf(node);
      removeBlock(tree, node, state, whole);
      // "## Related" over links (a list, or one link per paragraph): the links go with their heading
      if (node.type === 'heading') while (tree.children[at] && isLinkList(tree.children[at]!)) removeBlock(tree, tree.children[at]!, state, whole);
      // "Related Articles" over a few headline lines in one txt paragraph: the headlines go too
      const group = node.data?.group;
      if (whole === 'read-more' && group !== undefined) {
        while (tree.children[at]?.data?.group === group && kindOf(tree.children[at]!) === 'title') removeBlock(tree, tree.children[at]!, state, whole);
      }
      continue;
    }
    if (!node.data?.plain || linesOf(node).length < 2) continue;
    const byRule = new Map<string, SourceLine[]>();
    for (const l of linesOf(node)) {
      const rule = lineRuleOf(l.text);
      if (rule) byRule.set(rule, [...(byRule.get(rule) ?? []), l]);
    }
    for (const [rule, lines] of byRule) if (tree.children.includes(node)) removeLines(tree, node, lines, state, rule);
  }
};

function isLinkList(node: RootContent): boolean {
  const onlyLinks = (p: RootContent) => p.type === 'paragraph' && p.children.every((c) => c.type === 'link' || (c.type === 'text' && !c.value.trim()));
  if (node.type === 'paragraph') return onlyLinks(node);
  if (node.type !== 'list') return false;
  return node.children.every((item) => item.children.every((p) => onlyLinks(p)));
}

type Kind = 'cta' | 'promo' | 'sponsor' | 'title' | 'other';

/** How a block reads: a call to action, a sales pitch, a sponsor credit, a bare title, or article text. */
const kindMemo = new WeakMap<RootContent, { lines: unknown; kind: Kind }>();
export function kindOf(node: RootContent): Kind {
  const memo = kindMemo.get(node);
  if (memo && memo.lines === node.data?.lines) return memo.kind;
  const kind = readKind(node);
  kindMemo.set(node, { lines: node.data?.lines, kind });
  return kind;
}

/** Longer than any pitch, sponsor line or call to action. */
const LONGEST_PITCH_CHARS = 500;

function readKind(node: RootContent): Kind {
  if (!isTextBlock(node)) return 'other';
  const raw = blockText(node);
  if (raw.length > LONGEST_PITCH_CHARS) return 'other';
  const text = clean(raw);
  if (CTA.test(text)) return 'cta';
  if (SPONSOR.test(text) && text.split(' ').length <= 5) return 'sponsor';
  // quoted speech is never a pitch, however it addresses the reader
  if (!/["“”]/.test(text) && isPitch(text)) return 'promo';
  if (text.split(' ').length <= 12 && !/[.,;:]$/.test(text)) return 'title';
  return 'other';
}

/**
 * Promotions (newsletter boxes, event and award adverts, sponsor boxes) are recognised by shape:
 * a run of adjacent blocks made of a title, pitch sentences, a sponsor line and a call to action.
 * A run goes when it holds a call to action, two pitches, or a pitch and a sponsor; a loose txt
 * paragraph goes whole when one of its lines is a call to action.
 */
export const removePromotions: CleanTransformer = (tree, _file, state) => {
  removePromoGroups(tree, state);
  const kinds = tree.children.map(kindOf);
  const doomed = new Set<RootContent>();
  let i = 0;
  while (i < kinds.length) {
    if (kinds[i] === 'other') {
      i++;
      continue;
    }
    let j = i;
    while (j < kinds.length && kinds[j] !== 'other') j++;
    const run = kinds.slice(i, j);
    const count = (k: Kind) => run.filter((x) => x === k).length;
    const isPromo = count('cta') > 0 || count('promo') >= 2 || (count('promo') >= 1 && count('sponsor') >= 1);
    if (isPromo) {
      // a bare title only belongs to the promotion it heads: titles after the last promo block stay
      let last = j - 1;
      while (last >= i && kinds[last] === 'title') last--;
      let first = i;
      // without any pitch, a call to action takes only the one title right above it, never list items
      if (count('promo') === 0 && count('sponsor') === 0) {
        const cta = kinds.indexOf('cta', i);
        first = cta - 1 >= i && !/^[•*\-–—·]/.test(blockText(tree.children[cta - 1]!)) ? cta - 1 : cta;
      }
      // the classic box: a title, one line of pitch we could not read as one, then the call to action
      if (kinds[i] === 'cta' && i >= 2 && kinds[i - 1] === 'other' && kinds[i - 2] === 'title' && isShortPlain(tree.children[i - 1]!)) first = i - 2;
      for (let k = first; k <= last; k++) doomed.add(tree.children[k]!);
    }
    i = j;
  }
  for (const node of doomed) removeBlock(tree, node, state, 'promotion');
};

function isShortPlain(node: RootContent): boolean {
  const text = blockText(node);
  return isTextBlock(node) && text.split(/\s+/).length <= 30 && !/["“”]/.test(text);
}

/** Selling words, or an imperative or exclamation that addresses the reader ("Gain the recognition you deserve!"). */
function isPitch(text: string): boolean {
  if (PROMO_STRONG.some((re) => re.test(text))) return true;
  const weak = PROMO_WEAK.filter((re) => re.test(text)).length;
  return weak >= 2 || (weak >= 1 && PROMO_IMPERATIVE.test(text));
}

function removePromoGroups(tree: Root, state: CleanState): void {
  const groups = new Map<number, RootContent[]>();
  for (const node of tree.children) {
    const g = node.data?.group;
    if (g !== undefined) groups.set(g, [...(groups.get(g) ?? []), node]);
  }
  for (const members of groups.values()) {
    // a box of short lines, not a whole article typed without blank lines
    const prose = members.filter((n) => kindOf(n) === 'other').length;
    const isBox = members.length <= 8 && prose <= 1 && members.every((n) => blockText(n).split(/\s+/).length <= 40);
    if (isBox && members.some((n) => kindOf(n) === 'cta')) for (const n of members) removeBlock(tree, n, state, 'promotion');
  }
}
