// Plain-text articles → mdast: blocks are separated by blank lines. A paragraph remembers its
// source lines; whether they are hard-wrapped prose or separate short lines is decided later
// (layout.ts), after boilerplate has had its chance to remove single lines.
import type { Paragraph, Root } from 'mdast';
import type { SourceLine } from './blocks.ts';

export function parseTxt(text: string): Root {
  const lines = text.split(/\r\n|\r|\n/);
  const root: Root = { type: 'root', children: [] };
  let current: SourceLine[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const value = current.map((l) => l.text.trim()).join('\n');
    const paragraph: Paragraph = {
      type: 'paragraph',
      children: [{ type: 'text', value }],
      data: { lines: current, plain: true },
      position: {
        start: { line: current[0]!.line, column: 1 },
        end: { line: current[current.length - 1]!.line, column: current[current.length - 1]!.text.length + 1 },
      },
    };
    root.children.push(paragraph);
    current = [];
  };
  lines.forEach((text, i) => {
    // non-breaking and zero-width spaces count as blank
    if (text.replace(/[\s\u00a0\u200b\ufeff]/g, '') === '') flush();
    else current.push({ text: text.replace(/\u00a0/g, ' ').replace(/\s+$/, ''), line: i + 1 });
  });
  flush();
  return root;
}
