import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PageError, readHtmlPage } from './html-page.ts';
import { ReadError } from './read-article.ts';
import { articleFromPage } from './read-page.ts';
import { MAX_HTML_ELEMENTS, MAX_HTML_NESTING } from './limits.ts';

const PAGES = path.join(import.meta.dirname, '../../tests/fixtures/saved-pages');
const page = (name: string) => fs.readFileSync(path.join(PAGES, name), 'utf8');
/** Words that only page furniture says, in any of the layouts. */
const FURNITURE = /cookie|Share (?:on|this)|Email this|Related|Most read|Sign up|newsletter|Subscribe|Comments|minerfan|Great analysis|Leave a Reply|Read Next|Advertisement|Back to news|Download PDF|All rights reserved|Skip to content|Privacy|powered by|Photo:|Home ›|Follow him/i;

describe('a saved web page', () => {
  it.each([
    ['news-site.html', { title: 'Codelco copper output falls 9% as Chuquicamata ores thin', date: '2026-03-04', byline: 'Valentina Rojas', source: 'https://www.miningledger.example/news/2026/03/codelco-copper-output-falls', publisher: 'Mining Ledger' }, 'Chile\'s state miner Codelco', 'up 1.2% on the day.'],
    ['blog.html', { title: "Why nickel's oversupply will outlast 2026", date: '2026-02-17', byline: 'Daniel Okafor', source: 'https://oreport.example/2026/02/nickel-oversupply/', publisher: 'The Ore Report' }, 'Indonesia mined about 2.2 million tonnes', 'through 2027.'],
    ['press-release.html', { title: 'Lundin Mining announces first concentrate from Josemaria', date: '2026-05-12', source: 'https://lundinmining.example/news/2026/first-concentrate-josemaria/', publisher: 'Lundin Mining' }, 'VANCOUVER, British Columbia', 'applicable Canadian securities laws.'],
    ['wire-story.htm', { title: "Peru's Las Bambas copper mine halts shipments after road blockade", date: '2026-04-21', byline: 'Marco Aquino and Lucinda Elliott', source: 'https://wire.example/markets/commodities/peru-las-bambas-halts-shipments-2026-04-21/', publisher: 'Global Wire' }, 'LIMA, April 21 (Global Wire)', 'Editing by Rosalba O\'Brien)'],
  ])('%s: metadata from the page, the article without its furniture', (name, metadata, first, last) => {
    const found = readHtmlPage(page(name));
    expect(found.metadata).toEqual(metadata);
    expect(found.markdown).toContain(first);
    expect(found.markdown).toContain(last);
    expect(found.markdown).not.toMatch(FURNITURE);
    expect(found.markdown).not.toMatch(/<|https?:\/\/|\]\(/);
    // the headline is front matter, and labels over the article ("News Release", a date) are not text
    expect(found.markdown.split('\n')[0]).toContain(first);
  });

  it('drops labels over the article but keeps a dateline on its own line', () => {
    const prose = '<p>BHP said on Tuesday copper output at Escondida rose 4% in the quarter to 310,000 tonnes, helped by higher grades.</p>'.repeat(3);
    expect(readHtmlPage(`<html><body><article><p>Exclusive</p><p>Mining</p>${prose}</article></body></html>`).markdown).toMatch(/^BHP said/);
    expect(readHtmlPage(`<html><body><article><p>MELBOURNE (Reuters) -</p>${prose}</article></body></html>`).markdown).toMatch(/^MELBOURNE \(Reuters\) -\n\nBHP said/);
  });

  it('keeps a layout element named like furniture when it holds most of the page: a page wrapped in a <form>, a body class', () => {
    const prose = '<p>Anglo American said it would sell its nickel business in Brazil to MMG for up to $500 million, it said on Tuesday.</p>'.repeat(3);
    const page = readHtmlPage(`<html><body class="single content-sidebar comments-open"><form id="aspnetForm"><nav><a href="/">Home</a></nav><div class="post tags-mining">${prose}</div><aside class="sidebar">Most read: gold</aside></form></body></html>`);
    expect(page.markdown).toMatch(/^Anglo American said/);
    expect(page.markdown).not.toMatch(/Home|Most read/);
  });

  it('reads metadata from the weaker places when the stronger ones are missing', () => {
    const html = `<html><head><title>Ignored | Site</title><meta name="author" content="Ana Lima"><link rel="canonical" href="/news/zinc?utm_source=feed#top"></head>
      <body><article><h1>Zinc smelter restarts</h1><time datetime="2026-01-09T08:00:00+09:00">9 Jan</time><p>${'Nyrstar restarted the zinc smelter at Port Pirie after a three-month halt, the company said. '.repeat(4)}</p></article></body></html>`;
    const found = readHtmlPage(html, 'https://example.com/a/b');
    expect(found.metadata).toMatchObject({ title: 'Zinc smelter restarts', date: '2026-01-09', byline: 'Ana Lima', source: 'https://example.com/news/zinc' });
  });

  it('takes the day as the page or feed writes it, and no organisation as a byline', async () => {
    const { dayOf } = await import('./page-metadata.ts');
    expect(dayOf('Mon, 08 Jun 2026 23:30:00 -0500')).toBe('2026-06-08');
    expect(dayOf('2026-06-08T23:30:00-05:00')).toBe('2026-06-08');
    expect(dayOf('June 8, 2026')).toBe('2026-06-08');
    const html = `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Tin smelter shut","author":{"@type":"Organization","name":"Global Wire"},"publisher":{"@type":"NewsMediaOrganization","name":"Global Wire"}}</script></head><body><article><p>${'Malaysia Smelting Corp shut its tin smelter at Butterworth for two weeks of maintenance, it said. '.repeat(4)}</p></article></body></html>`;
    expect(readHtmlPage(html).metadata).toEqual({ title: 'Tin smelter shut', publisher: 'Global Wire' });
  });

  it('runs nothing and fetches nothing: scripts, styles and remote images never reach the text', () => {
    const globals = globalThis as { pageRan?: boolean };
    const html = `<html><body><script>globalThis.pageRan = true</script><img src="http://127.0.0.1:9/x.png" onerror="globalThis.pageRan = true"><style>p{}</style><article><p>${'Copper output rose at the Kamoa-Kakula mine in the quarter, Ivanhoe said on Monday. '.repeat(5)}</p></article></body></html>`;
    const found = readHtmlPage(html);
    expect(globals.pageRan).toBeUndefined();
    expect(found.markdown).not.toMatch(/pageRan|png|p\{\}/);
  });

  it('refuses a page with no article', () => {
    expect(() => readHtmlPage('<html><body><nav><a href="/a">Copper</a><a href="/b">Gold</a></nav><ul><li><a href="/x">Nickel prices</a></li></ul></body></html>')).toThrow(PageError);
    expect(() => articleFromPage(Buffer.from('<html><body><header>Menu</header><p>Log in to continue.</p></body></html>'), 'login.html')).toThrow(ReadError);
  });

  it('refuses, quickly, a page nested too deep, with too many elements, or with too much text', () => {
    const para = '<p>Copper output rose 4% at the mine in the quarter, the company said on Monday.</p>';
    const started = performance.now();
    expect(() => readHtmlPage(`<html><body>${'<div>'.repeat(5000)}${para}${'</div>'.repeat(5000)}</body></html>`)).toThrow(new RegExp(`more than ${MAX_HTML_NESTING} levels deep`));
    expect(() => readHtmlPage(`<html><body>${'<span>x</span>'.repeat(MAX_HTML_ELEMENTS)}</body></html>`)).toThrow(/HTML elements, over the limit/);
    expect(() => readHtmlPage(`<html><body><article>${para.repeat(15_000)}</article></body></html>`)).toThrow(/MB of text, over the 1 MB limit/);
    expect(performance.now() - started).toBeLessThan(5_000);
    // nesting news pages do reach builds
    expect(readHtmlPage(`<html><body>${'<div>'.repeat(60)}${para.repeat(5)}${'</div>'.repeat(60)}</body></html>`).markdown).toContain('Copper output rose');
  });

  it('reads a page in the charset it declares when its bytes are not UTF-8', () => {
    const head = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Polyus</title></head><body><article><p>';
    const prose = ' Polyus said gold output at Olimpiada rose 5% in the quarter, and it kept its forecast for the year unchanged. '.repeat(4);
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from([0xc7, 0xee, 0xeb, 0xee, 0xf2, 0xee]), Buffer.from(`${prose}</p></article></body></html>`)]);
    const file = articleFromPage(bytes, 'polyus.html');
    expect(String(file.value)).toMatch(/^Золото Polyus said/);
    expect(file.messages).toEqual([]);
  });

  it('enters the pipeline as a markdown article with front matter', () => {
    const file = articleFromPage(Buffer.from(page('blog.html')), 'blog.html');
    expect(file.data.source).toMatchObject({ relPath: 'blog.html', format: 'md', frontMatter: { title: "Why nickel's oversupply will outlast 2026", date: '2026-02-17', byline: 'Daniel Okafor' } });
    expect(String(file.value)).toContain('## Where the surplus goes');
  });
});
