// Property tests: random text and random front matter, laced with XSS payloads and markdown
// syntax, go read → clean → extract → link → render; the pipeline never crashes (a file is built
// or refused with a ReadError) and the page never holds markup that came from the input.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { articleFromBytes, ReadError } from '../../src/read/read-article.ts';
import { processArticle } from '../../src/pipeline/process-article.ts';
import { link } from '../../src/link/link.ts';
import { SiteRenderer } from '../../src/render/render-site.ts';
import { testRenderOptions } from '../helpers/render-options.ts';
import { CSP } from '../../src/build.ts';
import { forbidsInlineScript, unsafeMarkup, XSS_PAYLOADS } from './html-safety.ts';

const FRAGMENTS = [
  ...XSS_PAYLOADS,
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '[x](javascript:alert(1))',
  '<https://example.com/a>',
  '<!-- ',
  ' -->',
  '```',
  '`',
  '**',
  '_',
  '> ',
  '- ',
  '1. ',
  '# ',
  '\n',
  '\n\n',
  '\r\n',
  '---\n',
  '"',
  "'",
  '&',
  '&lt;script&gt;',
  '</script>',
  '\u0000',
  '\ufeff',
  'BHP said copper output rose 5% to 310,000 tonnes. ',
  '"We will expand," chief executive Mike Henry said. ',
  'Rio Tinto',
  'US$1.2 billion',
];

const hostileText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) }), { maxLength: 30 })
  .map((parts) => parts.join(''));

const renderer = (site: ReturnType<typeof link>) =>
  new SiteRenderer(site, testRenderOptions({ assets: { css: ['/assets/site.css'], js: ['/assets/main.js'] }, csp: CSP }));

/** The article through the whole pipeline: null when it is refused, else its page and the home page. */
function pages(text: string, relPath: string): string[] | null {
  let file;
  try {
    file = articleFromBytes(Buffer.from(text), relPath);
  } catch (error) {
    if (error instanceof ReadError) return null;
    throw error;
  }
  const site = link([processArticle(file)]);
  const r = renderer(site);
  return [r.pageAt(site.articles[0]!.url)!.html, r.pageAt('')!.html];
}

function expectSafe(html: string[] | null): void {
  if (!html) return;
  for (const page of html) {
    expect(unsafeMarkup(page)).toEqual([]);
    expect(forbidsInlineScript(page)).toBe(true);
  }
}

describe('the markup check', () => {
  it('flags the payloads themselves when they are raw markup', () => {
    const markup = XSS_PAYLOADS.filter((p) => p.startsWith('<') || p.startsWith('"') || p.startsWith('javascript:'));
    const flagged = markup.filter((p) => unsafeMarkup(`<p>${p}</p>`).length > 0);
    expect(markup.length).toBeGreaterThanOrEqual(30);
    expect(markup.length - flagged.length).toBeLessThanOrEqual(2);
  });
});

describe('random input never crashes the pipeline nor reaches a page as markup', () => {
  it('random text, as .txt and as .md', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom('a.txt', 'a.md'), (text, name) => expectSafe(pages(text, name))),
      { numRuns: 150 },
    );
  });

  it('random front matter: title, byline, source, tags, slug, id, date', () => {
    const value = fc.oneof(hostileText, fc.constantFrom('../../x', '/etc/passwd', 'a/b', 'index', '..', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', ' JaVaScRiPt:alert(1)'));
    const frontMatter = fc.record(
      { title: value, byline: value, source: value, url: value, slug: value, id: value, date: value, tags: fc.array(value, { maxLength: 4 }) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(frontMatter, hostileText, fc.constantFrom('a.txt', 'a.md'), (fm, body, name) => {
        // JSON is YAML: every value arrives as the string it is
        const html = pages(`---\n${JSON.stringify(fm)}\n---\n\nCopper output rose. ${body}\n`, name);
        expectSafe(html);
        // a title's angle brackets arrive as text (a title of just "-->" has no '<' to escape)
        if (html && typeof fm.title === 'string' && fm.title.trim() && fm.title.includes('<')) expect(html[0]).toContain('&lt;');
        if (html && typeof fm.title === 'string' && fm.title.trim() && fm.title.includes('>')) expect(html[0]).toContain('&gt;');
      }),
      { numRuns: 150 },
    );
  });

  it('random front matter text (broken YAML included) and random bytes are refused or built, never thrown', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (matter, body) => expectSafe(pages(`---\n${matter}\n---\n${body}`, 'a.md'))),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          articleFromBytes(bytes, 'a.txt');
        } catch (error) {
          expect(error).toBeInstanceOf(ReadError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
