// Limits that keep one hostile or broken file from crashing or stalling the build. Markdown
// parsing (micromark) recurses once per nesting level and spends time quadratic in the number of
// link and emphasis marks of one paragraph: 5,000 `>` or list levels overflow the stack, and a
// paragraph of 5,000 `![` takes minutes. No news article comes near these limits.

/** Files larger than this are skipped (about 170,000 words; a long read is 100 KB). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Feed files larger than this are skipped: a feed of 100 full articles is about 1 MB. */
export const MAX_FEED_BYTES = 8 * 1024 * 1024;

/** Saved web pages larger than this are skipped: a page is mostly scripts and styles, which cost little. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

/**
 * Pages whose elements nest deeper than this are refused: Readability's time grows with the square
 * of the depth (minutes at 3,000 levels) and it overflows the stack; news pages nest a few dozen.
 */
export const MAX_HTML_NESTING = 200;

/** Pages with more elements than this are refused (Readability's own limit, maxElemsToParse); news pages have a few thousand. */
export const MAX_HTML_ELEMENTS = 50_000;

/** Block quotes and lists nested deeper than this (on one line) are refused. */
export const MAX_MARKDOWN_NESTING = 100;

/** More `[`, `*` or `_` than this in one paragraph are refused. */
export const MAX_INLINE_MARKS = 1000;

export interface LimitProblem {
  reason: string;
  fix: string;
  /** 1-based line of the text given. */
  line: number;
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/** How many block quotes and lists the line opens, counting indentation as list nesting. */
export function lineNesting(line: string): number {
  return linePrefix(line).depth;
}

/** The line's container prefix: its nesting depth, whether it opens a list item, and what follows. */
function linePrefix(line: string): { depth: number; listItem: boolean; rest: string } {
  let depth = 0;
  let listItem = false;
  let indent = 0;
  let i = 0;
  let sawMarker = false;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ') {
      if (!sawMarker) indent++;
      i++;
    } else if (c === '\t') {
      if (!sawMarker) indent += 4;
      i++;
    } else if (c === '>') {
      depth++;
      sawMarker = true;
      i++;
    } else {
      const m = LIST_MARKER.exec(line.slice(i, i + 12));
      if (!m) break;
      depth++;
      sawMarker = true;
      listItem = true;
      i += m[0].length;
    }
  }
  // a nested list item is indented by at least two columns per level
  return { depth: sawMarker ? depth + Math.floor(indent / 2) : 0, listItem, rest: line.slice(i) };
}

/** The first limit a markdown text breaks, or null. `firstLine` is the file line of the text's first line. */
export function checkMarkdownLimits(text: string, firstLine = 1): LimitProblem | null {
  const lines = text.split(/\r\n|\r|\n/);
  let marks = 0;
  let paragraphStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const { depth, listItem, rest } = linePrefix(line);
    if (depth > MAX_MARKDOWN_NESTING) {
      return {
        reason: `nests block quotes or lists ${depth} levels deep, over the limit of ${MAX_MARKDOWN_NESTING}`,
        fix: 'flatten the quotes and lists (or save the article as .txt)',
        line: firstLine + i,
      };
    }
    // a blank line (also inside a quote), a list item or a heading starts a new paragraph
    if (rest.trim() === '') {
      marks = 0;
      paragraphStart = i + 1;
    } else if (listItem || /^\s{0,3}#/.test(rest)) {
      marks = 0;
      paragraphStart = i;
    }
    for (let j = 0; j < line.length; j++) {
      const c = line.charCodeAt(j);
      if (c === 91 /* [ */ || c === 42 /* * */ || c === 95 /* _ */) marks++;
    }
    if (marks > MAX_INLINE_MARKS) {
      return {
        reason: `has more than ${MAX_INLINE_MARKS} link or emphasis marks ([, *, _) in one paragraph`,
        fix: 'split the paragraph, or remove the stray marks (or save the article as .txt)',
        line: firstLine + paragraphStart,
      };
    }
  }
  return null;
}
