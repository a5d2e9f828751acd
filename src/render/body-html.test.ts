import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';
import { bodyHtml } from './body-html.ts';

const md = (text: string) => unified().use(remarkParse).parse(text) as Root;

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

  it('never lets markup from the article run', () => {
    const html = bodyHtml(md('Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <iframe src="https://evil"></iframe>'), []);
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe/i);
  });
});
