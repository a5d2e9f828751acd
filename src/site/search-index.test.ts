import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { closeSearch } from './search-index.ts';
import { searchRecordOf, type SearchRecord } from '../render/search-records.ts';

// Pages shaped like ours (layout outside the body, filters in hidden spans, ignored panels),
// plus what Pagefind's parser treats specially: entities, <br>, headings, nav/svg, nesting.
// No element has an id: Pagefind would add sub-result anchors, which records leave out.
const layout = (body: string, head = '<title>Site</title>') =>
  `<!doctype html>\n<html lang="en">\n<head>${head}<meta charset="utf-8"></head>\n<body><header><nav><a href="/">Home</a></nav><form><input name="q"></form></header>\n<main>${body}</main>\n<footer>Built</footer></body></html>`;
const PAGES: Record<string, string> = {
  'articles/lynas/': layout(`<article class="article" data-pagefind-body>
  <header><h1 data-pagefind-meta="title">Lynas &amp; JX Nippon Mining &amp; Metals&#39; deal</h1>
    <p class="meta"><time datetime="2025-09-18">18 September 2025</time> · <span>By Jane</span></p>
    <span hidden data-pagefind-filter="company">Lynas Rare Earths</span><span hidden data-pagefind-filter="company">JX Advanced Metals</span>
    <span hidden data-pagefind-filter="metal">rare earths</span><span hidden data-pagefind-filter="topic">supply &amp; demand</span>
  </header>
  <div class="article-body"><p>Lynas said it would double output of dysprosium &#x26; terbium.<br>Prices rose 5%</p>
    <h2>Outlook</h2><p>"We are confident," the chief executive said</p><ul><li>A$1.2bn</li><li>US$3 a tonne</li></ul>
  </div>
  <aside data-pagefind-ignore><h2>Companies</h2><ul><li><a href="/companies/lynas/">Lynas</a></li></ul></aside>
  <section class="quotes"><h2>Quotes</h2><figure><blockquote><p>We are confident,</p></blockquote><figcaption>— Amanda Lacaze</figcaption></figure></section>
</article>
<section class="related" data-pagefind-ignore><h2>Related articles</h2><ol><li><h3><a href="/articles/x/">Other</a></h3></li></ol></section>`),
  'companies/lynas/': layout(`<article class="entity" data-pagefind-body>
  <h1 data-pagefind-meta="title">Lynas Rare Earths</h1>
  <p class="lede">Company · 3 articles · formerly Lynas Corporation</p>
  <div class="at-a-glance"><section class="panel"><h2>People</h2><ul><li><a href="/people/a/">Amanda Lacaze</a> <span class="role">chief executive</span></li></ul></section></div>
  <figure class="chart"><svg viewBox="0 0 10 10"><title>Articles a year</title><rect x="0" y="0" width="1" height="2"/><text>2024</text></svg><figcaption>Articles over time</figcaption></figure>
  <table class="figures"><tr><th>As written</th><th>Value</th></tr><tr><td>A$1.2bn</td><td>1,200,000,000 AUD</td></tr></table>
  <section data-pagefind-ignore><h2>Articles</h2><ol><li><h3>Lynas to double</h3><p>Summary</p></li></ol><nav class="pagination"><a href="page/1/">Older</a></nav></section>
</article>`),
  'topics/prices/': layout(`<article class="entity" data-pagefind-body><h1>Metal prices</h1><p>Topic · 1 article</p><p data-pagefind-ignore="all">gone <span data-pagefind-filter="topic">never</span></p></article>`),
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-index-'));
afterAll(async () => {
  await closeSearch();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Pagefind's output as path → bytes, with fragments decoded. */
async function indexFiles(add: (index: pagefind.PagefindIndex) => Promise<unknown>): Promise<Map<string, Buffer>> {
  const { index } = await pagefind.createIndex({});
  await add(index!);
  const { files } = await index!.getFiles();
  await index!.deleteIndex();
  return new Map(files.map((f) => [f.path, Buffer.from(f.content)]));
}
const fragments = (files: Map<string, Buffer>) =>
  [...files].filter(([p]) => p.startsWith('fragment/')).map(([, bytes]) => JSON.parse(gunzipSync(bytes).toString('utf8').replace(/^pagefind_dcd/, '')));

describe('searchRecordOf', () => {
  const records = Object.entries(PAGES).map(([url, html]) => searchRecordOf(html, `/${url}`)!);

  it('takes the body text, title, filters and language from our markup', () => {
    const [article, company, topic] = records as [SearchRecord, SearchRecord, SearchRecord];
    expect(article.meta).toEqual({ title: "Lynas & JX Nippon Mining & Metals' deal" });
    expect(article.filters).toEqual({ company: ['Lynas Rare Earths', 'JX Advanced Metals'], metal: ['rare earths'], topic: ['supply & demand'] });
    expect(article.language).toBe('en');
    expect(article.content).toContain('dysprosium & terbium.');
    expect(article.content).not.toMatch(/Companies|Related|Home|Built/);
    expect(company.content).not.toMatch(/Articles a year|Older|Summary/);
    expect(topic.meta.title).toBe('Metal prices'); // the first h1 when nothing is marked as the title
    expect(topic.filters).toEqual({});
  });

  it('gives Pagefind what its own HTML parser would: the same index files', async () => {
    const fromHtml = await indexFiles(async (index) => {
      for (const [url, html] of Object.entries(PAGES)) expect((await index.addHTMLFile({ url: `/${url}`, content: html })).errors).toEqual([]);
    });
    const fromRecords = await indexFiles(async (index) => {
      for (const record of records) expect((await index.addCustomRecord(record)).errors).toEqual([]);
    });
    expect(fragments(fromRecords)).toEqual(fragments(fromHtml));
    // the metadata and filter files may list filters and their values in another order (Pagefind
    // keeps them in hash maps), so their names, and the entry file naming them, may differ from
    // one index to the next (the fragments above hold each page's filters); every other file is equal
    const unordered = (file: string) => file.endsWith('.pf_meta') || file.endsWith('.pf_filter') || file === 'pagefind-entry.json';
    const others = (files: Map<string, Buffer>) => [...files.keys()].filter((f) => !unordered(f)).sort();
    expect(others(fromRecords)).toEqual(others(fromHtml));
    for (const file of others(fromHtml)) expect(fromRecords.get(file)!.equals(fromHtml.get(file)!), file).toBe(true);
  });

  it('skips a page without data-pagefind-body', () => {
    expect(searchRecordOf(layout('<p>Digest</p>'), '/')).toBeNull();
  });
});
