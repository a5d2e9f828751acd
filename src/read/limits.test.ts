import { describe, expect, it } from 'vitest';
import { checkMarkdownLimits, lineNesting, MAX_INLINE_MARKS, MAX_MARKDOWN_NESTING } from './limits.ts';
import { articleFromBytes, ReadError } from './read-article.ts';

describe('markdown limits', () => {
  it('counts quote and list nesting on a line, indentation as list levels', () => {
    expect(lineNesting('Plain text')).toBe(0);
    expect(lineNesting('> > quoted')).toBe(2);
    expect(lineNesting('- - 1. item')).toBe(3);
    expect(lineNesting('      - item')).toBe(4);
    expect(lineNesting('        indented code')).toBe(0);
    expect(lineNesting('*emphasis*, not a list')).toBe(0);
  });

  it('lets ordinary articles through', () => {
    const text = '# Title\n\n> A quote with *emphasis* and a [link](https://x.y).\n\n- one\n  - two\n    - three\n\n' + '[a](b) '.repeat(300);
    expect(checkMarkdownLimits(text)).toBeNull();
  });

  it('refuses nesting over the limit, naming the line', () => {
    const deep = `intro\n\n${'>'.repeat(MAX_MARKDOWN_NESTING + 1)} x\n`;
    expect(checkMarkdownLimits(deep, 10)).toMatchObject({ line: 12 });
    expect(checkMarkdownLimits(`${'>'.repeat(MAX_MARKDOWN_NESTING)} x`)).toBeNull();
  });

  it('refuses a paragraph with too many link or emphasis marks, naming where it starts', () => {
    const text = `first\n\nsecond\n${'!['.repeat(MAX_INLINE_MARKS + 1)}`;
    expect(checkMarkdownLimits(text)).toMatchObject({ line: 3 });
    // the same marks spread over list items (each item its own paragraph) are fine
    expect(checkMarkdownLimits(Array.from({ length: 2000 }, () => '- [a](b)').join('\n'))).toBeNull();
  });

  it('skips such a .md file with a ReadError; a .txt file is plain text and builds', () => {
    const bytes = Buffer.from(`---\ntitle: Deep\n---\n${'> '.repeat(5000)}copper\n`);
    expect(() => articleFromBytes(bytes, 'deep.md')).toThrow(ReadError);
    try {
      articleFromBytes(bytes, 'deep.md');
    } catch (error) {
      expect(error).toMatchObject({ line: 4 });
    }
    expect(articleFromBytes(bytes, 'deep.txt').data.source?.relPath).toBe('deep.txt');
  });
});
