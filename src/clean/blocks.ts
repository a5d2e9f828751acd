// The clean stage's working view of the tree: every top-level block carries the source lines it
// came from (`data.lines`), so that transformers can drop or trim single lines and say which
// source line they touched. Lines are 1-based within the body (clean.ts adds the body's offset).
import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import type { RemovedLine } from '../types.ts';

export interface SourceLine {
  text: string;
  line: number;
}

declare module 'mdast' {
  interface Data {
    /** The block's source lines, in order (txt: raw lines; md: the block's plain text as one line). */
    lines?: SourceLine[];
    /** Blocks split from one loose txt paragraph share a group number. */
    group?: number;
    /** Built from plain text (txt): its text is its lines. */
    plain?: boolean;
    /** md blocks keep their inline content unless a transformer rewrote their text. */
    rewritten?: boolean;
  }
}

/** What a transformer sees while the clean stage runs: the removed-line log and the fields found. */
export interface CleanState {
  removed: RemovedLine[];
  headline: string | null;
  byline: string | null;
  dateline: string | null;
}

export type CleanTransformer = (tree: Root, file: VFile, state: CleanState) => void;

export function linesOf(node: RootContent): SourceLine[] {
  return node.data?.lines ?? [];
}

/** Runs of white space as one space, trimmed. */
export function singleSpaced(s: string): string {
  return SPACING.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}
/** Text holding none of these (white space at either end, one other than a space, two in a row) is single-spaced already. */
const SPACING = /^\s|\s$|[^\S ]|\s\s/;

/** A block's text is asked for again and again while the clean stage runs; a change of lines makes a new list. */
const blockTextMemo = new WeakMap<SourceLine[], string>();

export function blockText(node: RootContent): string {
  const lines = linesOf(node);
  let text = blockTextMemo.get(lines);
  if (text === undefined) {
    text = singleSpaced(lines.map((l) => l.text.trim()).join(' '));
    blockTextMemo.set(lines, text);
  }
  return text;
}

/** Logs and drops a whole top-level block. */
export function removeBlock(tree: Root, node: RootContent, state: CleanState, rule: string): void {
  for (const l of linesOf(node)) if (l.text.trim()) state.removed.push({ line: l.line, text: l.text.trim(), rule });
  const at = tree.children.indexOf(node);
  if (at >= 0) tree.children.splice(at, 1);
}

/** Logs and drops some lines of a block; the block goes when no line is left. */
export function removeLines(tree: Root, node: RootContent, drop: SourceLine[], state: CleanState, rule: string): void {
  const lines = linesOf(node);
  if (drop.length === lines.length) return removeBlock(tree, node, state, rule);
  for (const l of drop) if (l.text.trim()) state.removed.push({ line: l.line, text: l.text.trim(), rule });
  node.data = { ...node.data, lines: lines.filter((l) => !drop.includes(l)), rewritten: true };
}

/** Blocks that hold running text (not lists, tables or code). */
export function isTextBlock(node: RootContent): boolean {
  return node.type === 'paragraph' || node.type === 'heading';
}

/** A rule's test on a line of text. */
export interface LineTest {
  test(text: string): boolean;
}

/**
 * A pattern as a test. Under /iu V8 cannot scan ahead for a pattern that opens with \b, and is
 * several times slower; the pattern without that \b matches wherever the pattern does, so it is
 * tried first and the whole pattern only where it matches.
 */
export function compileTest(pattern: string, flags = 'iu'): LineTest {
  const re = new RegExp(pattern, flags);
  if (!pattern.startsWith('\\b') || !flags.includes('i') || !flags.includes('u')) return re;
  const looser = new RegExp(pattern.slice(2), flags);
  return { test: (text) => looser.test(text) && re.test(text) };
}

export function compile(patterns: string[], flags = 'iu'): LineTest[] {
  return patterns.map((p) => compileTest(p, flags));
}
