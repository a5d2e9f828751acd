// Layout of plain-text blocks: hard-wrapped prose (wire copy, often indented) is one paragraph;
// a paragraph of separate short lines (a promo box, a comments list, a headline over its byline)
// is several blocks; a short line in capitals between paragraphs is a subheading.
import type { Heading, Paragraph, RootContent } from 'mdast';
import type { CleanTransformer, SourceLine } from './blocks.ts';
import { blockText, linesOf } from './blocks.ts';
import { lineRuleOf } from './boilerplate.ts';

/** A line this short, followed by a capitalised line, ends a block rather than wrapping into the next. */
const SHORT_LINE = 40;

/** txt: splits paragraphs whose lines are not wrapped prose into one block per run of wrapped lines. */
export const splitLooseParagraphs: CleanTransformer = (tree) => {
  let group = 0;
  const out: RootContent[] = [];
  for (const node of tree.children) {
    const lines = linesOf(node);
    if (node.type !== 'paragraph' || lines.length < 2 || !isLoose(lines)) {
      out.push(node);
      continue;
    }
    group++;
    let run: SourceLine[] = [];
    const table = isTable(lines);
    lines.forEach((line, i) => {
      if (i > 0 && !continues(lines[i - 1]!, line, table)) {
        out.push(paragraphOf(run, group));
        run = [];
      }
      run.push(line);
    });
    out.push(paragraphOf(run, group));
  }
  tree.children = out;
};

function isLoose(lines: SourceLine[]): boolean {
  if (isTable(lines) || lines.some((l) => BULLET.test(l.text.trim()))) return true;
  return lines.some((l, i) => i < lines.length - 1 && l.text.trim().length < SHORT_LINE && /^[\p{Lu}\d"“‘'(]/u.test(lines[i + 1]!.text.trim()));
}

/** A bullet or a sub-bullet ("• Highlights", "o 19.0m @ 4.6g/t", "- item") opens a line of its own. */
const BULLET = /^(?:[•▪►◦●■–*-]|o)\s+\S/u;

/**
 * A table flattened to lines (a price list, drill intercepts): three or more lines that each start
 * with a capital or a digit, most of them holding a number, none ending a sentence. Each line is a
 * row of its own, never wrapped prose.
 */
export function isTable(lines: SourceLine[]): boolean {
  const rows = lines.map((l) => l.text.trim()).filter(Boolean);
  if (rows.length < 3) return false;
  const numbered = rows.filter((r) => /\d/.test(r)).length;
  return rows.every((r) => /^[\p{Lu}\d]/u.test(r) && !/[.!?]["”’)]?$/.test(r)) && numbered >= (2 * rows.length) / 3;
}

/** Does `next` carry on the sentence of `prev` (a wrapped line) rather than start a new block? */
function continues(prev: SourceLine, next: SourceLine, table = false): boolean {
  const p = prev.text.trim();
  const n = next.text.trim();
  if (table || BULLET.test(n)) return false;
  // page furniture ("icon share-bicon share", "4 min read") stands on its own line, whatever its case
  if (lineRuleOf(n) && !/[,;:\-–(&]$/.test(p)) return false;
  if (/^[\p{Ll}]/u.test(n)) return true;
  if (/[,;:\-–(&]$/.test(p)) return true;
  return p.length >= 60 && !/[.!?"”’)]$/.test(p);
}

function paragraphOf(lines: SourceLine[], group: number): Paragraph {
  return { type: 'paragraph', children: [{ type: 'text', value: lines.map((l) => l.text.trim()).join('\n') }], data: { lines, group, plain: true } };
}

/** txt: a one-line block in capitals ("CASERONES' COSTS") becomes a depth-2 heading. */
export const detectSubheadings: CleanTransformer = (tree) => {
  tree.children = tree.children.map((node, i) => {
    const lines = linesOf(node);
    if (node.type !== 'paragraph' || lines.length !== 1 || i === tree.children.length - 1) return node;
    const text = lines[0]!.text.trim();
    const letters = text.replace(/[^\p{L}]/gu, '');
    const isCaps = letters.length >= 3 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters);
    if (!isCaps || text.split(/\s+/).length > 8 || /[.,;:]$/.test(text)) return node;
    const heading: Heading = { type: 'heading', depth: 2, children: [{ type: 'text', value: text }], data: node.data };
    return heading;
  });
};

/** Writes each block's remaining lines back into its text (wrapped lines join with a space); md blocks keep their inline tree unless rewritten. */
export const materialiseText: CleanTransformer = (tree) => {
  tree.children = tree.children.filter((node) => {
    const lines = linesOf(node);
    if (lines.length === 0) return false;
    if ((node.type === 'paragraph' || node.type === 'heading') && (node.data?.plain || node.data?.rewritten)) {
      const value = blockText(node);
      if (!value) return false;
      node.children = [{ type: 'text', value }];
    }
    return true;
  });
};

/** md: the body keeps one level of subheading (depth 2), whatever level the source used. */
export const normaliseHeadings: CleanTransformer = (tree) => {
  for (const node of tree.children) if (node.type === 'heading') node.depth = 2;
};
