// The body's HTML made with its record is remark-html's (sanitising on), its runs of text put back.
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import type { Root } from 'mdast';
import { bodySegments } from './body-segments.ts';
import { bodyHtml } from '../render/body-html.ts';

const bodies = [
  'Plain text, one paragraph.',
  '## A heading\n\nR&D at Fer & Fils "Nord" grew `5%` <4%; *Zoë* **Ørsted** said so &amp; more &#x26; less.',
  '- one [link & text](https://example.com/?a=1&b=2 "t&tle")\n- two\n\n1. three\n\n> quoted\n> text',
  '```js\nconst a = "<b>" && 1;\n```\n\nAfter `code & more`.',
  'An image ![alt & text](https://example.com/x.png) and <span>raw html</span> <script>x()</script> kept out.',
  '| a | b |\n| - | - |\n| 1 & 2 | <3 |',
  'Line one  \nline two\\\nline three, a NUL \u0000 and a & in text, and the run mark &\u0000 itself.',
  '',
];

describe('bodySegments', () => {
  it('puts back, unmarked, what remark-html writes of the body with sanitising on', () => {
    for (const text of bodies) {
      const processor = unified().use(remarkParse).use(remarkGfm);
      const body = processor.runSync(processor.parse(text)) as Root;
      const expected = String(unified().use(remarkHtml, { sanitize: true }).stringify(body));
      const segments = bodySegments(body);
      expect(bodyHtml(segments, []), JSON.stringify(text)).toBe(expected);
      expect(segments.html.length).toBe(segments.text.length + 1);
    }
  });

  it('holds apart the runs of text outside links and code, as text', () => {
    const segments = bodySegments(unified().use(remarkParse).parse('Glencore & [Codelco](https://x.test) `BHP` said.') as Root);
    expect(segments.text).toEqual(['Glencore & ', ' ', ' said.']);
    expect(segments.html.join('|')).toBe('<p>|<a href="https://x.test">Codelco</a>|<code>BHP</code>|</p>');
  });
});
