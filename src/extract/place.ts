// Maps an offset in the cleaned text back to a line and column of the source file, so that an
// extractor's message reads like a compiler's: `seeds/x.txt:12:5 reason`.
import type { VFile } from 'vfile';

export function pointAt(file: VFile, offset: number): { line: number; column: number } | undefined {
  const doc = file.data.doc;
  if (!doc || doc.blockStarts.length === 0) return undefined;
  let block = doc.blockStarts[0]!;
  for (const b of doc.blockStarts) {
    if (b.offset > offset) break;
    block = b;
  }
  // hard-wrapped lines were joined, so the line is that of the block's first line; the column counts from it
  return { line: block.line, column: offset - block.offset + 1 };
}

/**
 * Shorthand for an extractor's note: `note(file, 'ambiguous "lead"', 'metals/ambiguous', offset)`.
 * Notes are informational (shown with --verbose): the article builds as usual.
 */
export function note(file: VFile, reason: string, ruleId: string, offset: number): void {
  file.info(reason, { ruleId, source: 'extract', place: pointAt(file, offset) });
}
