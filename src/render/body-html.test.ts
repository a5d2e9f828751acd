import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkHtml from 'remark-html';
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import type { Root, Text } from 'mdast';
import { bodyHtml, type BodyMark } from './body-html.ts';
import { bodySegments } from '../clean/body-segments.ts';

const tree = (text: string) => unified().use(remarkParse).parse(text) as Root;
const md = (text: string) => bodySegments(tree(text));

describe('bodyHtml', () => {
  it('links mentions, longest name first, and marks figures', () => {
    const html = bodyHtml(md('Acme Copper Corp said Acme will spend $2bn on copper.'), [
      { surface: 'Acme Copper Corp', kind: 'company', href: '/companies/acme-copper/' },
      { surface: 'Acme', kind: 'company', href: '/companies/acme-copper/' },
      { surface: 'copper', kind: 'metal', href: '/metals/copper/' },
      { surface: '$2bn', kind: 'figure', label: '2,000,000,000 USD' },
    ]);
    expect(html).toContain('<a href="/companies/acme-copper/" class="mention mention-company">Acme Copper Corp</a>');
    expect(html).toContain('<a href="/companies/acme-copper/" class="mention mention-company">Acme</a> will');
    expect(html).toContain('<a href="/metals/copper/" class="mention mention-metal">copper</a>');
    expect(html).toMatch(/<data value="2,000,000,000 USD" data-norm="2,000,000,000 USD" tabindex="0" class="figure">\$2bn<\/data>/);
  });

  it('does not link inside words', () => {
    const html = bodyHtml(md('Tinto and tin.'), [{ surface: 'tin', kind: 'metal', href: '/metals/tin/' }]);
    expect(html).toContain('Tinto and <a');
  });

  it('writes its marks as remark-html writes the same link and data elements, escaping included', () => {
    const text = 'R&D at Fer & Fils "Nord" grew `5%`, costs <4%; Zoë Ørsted of Fer & Fils said so, after 5% & more.';
    const marks: BodyMark[] = [
      { surface: '<4%', kind: 'figure', label: '<4 %' },
      { surface: 'Fer & Fils', kind: 'company', href: '/digest & co/companies/fer-fils/' },
      { surface: 'Zoë Ørsted', kind: 'person', href: '/digest & co/people/zoë-ørsted/' },
      { surface: '5%', kind: 'figure', label: '5 % "per" <year> & \'more\' `x`' },
    ];
    // the marks as mdast nodes, through remark-html with sanitising on (how bodies were made until 2026-12-05)
    const body = tree(`${text}\n\n- a list: Fer & Fils\n\n> quoted 5%`);
    const allowMarks: Schema = {
      ...defaultSchema,
      tagNames: [...(defaultSchema.tagNames ?? []), 'data'],
      attributes: { ...defaultSchema.attributes, a: ['href', 'className'], data: ['value', 'dataNorm', 'tabIndex', ['className', 'figure']] },
    };
    const marked = structuredClone(body);
    const asNodes = (value: string) => {
      const out: unknown[] = [];
      let rest = value;
      for (;;) {
        const found = marks.map((m) => [rest.indexOf(m.surface), m] as const).filter(([at]) => at >= 0).sort((a, b) => a[0] - b[0] || b[1].surface.length - a[1].surface.length)[0];
        if (!found) break;
        const [at, m] = found;
        if (at > 0) out.push({ type: 'text', value: rest.slice(0, at) });
        const children = [{ type: 'text', value: m.surface }];
        out.push(m.kind === 'figure' ? { type: 'emphasis', children, data: { hName: 'data', hProperties: { value: m.label, dataNorm: m.label, tabIndex: 0, className: ['figure'] } } } : { type: 'link', url: m.href, children, data: { hProperties: { className: ['mention', `mention-${m.kind}`] } } });
        rest = rest.slice(at + m.surface.length);
      }
      if (rest) out.push({ type: 'text', value: rest });
      return out;
    };
    const visit = (node: { children?: unknown[] }) => {
      if (!node.children) return;
      node.children = node.children.flatMap((child) => ((child as Text).type === 'text' ? asNodes((child as Text).value) : (visit(child as { children?: unknown[] }), [child])));
    };
    visit(marked as never);
    const expected = String(unified().use(remarkHtml, { sanitize: allowMarks }).stringify(marked));
    expect(bodyHtml(bodySegments(body), marks)).toBe(expected);
    expect(expected).toContain('class="mention mention-person"');
    expect(expected).toContain('<data value="<4 %" data-norm="<4 %" tabindex="0" class="figure">&#x3C;4%</data>');
  });

  it('never lets markup from the article run', () => {
    const html = bodyHtml(md('Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <iframe src="https://evil"></iframe>'), []);
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe/i);
  });
});
