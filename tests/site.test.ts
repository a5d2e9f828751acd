// The whole site built from the project's seeds: the records follow the public contract, the two
// articles about JX land on one company page, and every internal link resolves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildSite, internalLinks, resolves, walk, PROJECT, type BuiltSite } from './helpers/build-site.ts';

let site: BuiltSite;
let records: any;
let searchableDir = '';
/** What the build said of the searchable pages before it wrote them, then how many it had written, and which were there then. */
const searchableTold: { pages: string[]; written: number }[] = [];
const searchableWritten: { count: number; there: boolean[] }[] = [];
beforeAll(async () => {
  site = await buildSite({
    base: '/',
    onSearchablePages: ({ siteDir, pages, written }) => {
      searchableTold.push({ pages, written });
      expect(pages.some((p) => fs.existsSync(path.join(siteDir, p, 'index.html')))).toBe(false);
      searchableDir = siteDir;
    },
    onSearchablePagesWritten: (count) => searchableWritten.push({ count, there: searchableTold[0]!.pages.map((p) => fs.existsSync(path.join(searchableDir, p, 'index.html'))) }),
  });
  records = JSON.parse(fs.readFileSync(path.join(site.out, 'data/records.json'), 'utf8'));
});
afterAll(() => site?.cleanup());

describe('site built from seeds/', () => {
  it('writes records.json that follows records.schema.json', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(PROJECT, 'schemas/records.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, records);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(records.articles).toHaveLength(2);
  });

  it('tells, in a full render in one thread, which searchable pages it will write, then how many it has (search indexes them meanwhile)', () => {
    expect(searchableTold).toHaveLength(1);
    const { pages, written } = searchableTold[0]!;
    expect(written).toBe(0);
    // the articles first, then each entity's latest page, every one that carries a search record
    const articles = records.articles.map((a: any) => `articles/${a.id}/`);
    expect([...pages.slice(0, articles.length)].sort()).toEqual([...articles].sort());
    const searchable = walk(site.out).filter((f) => f.endsWith('index.html') && fs.readFileSync(path.join(site.out, f), 'utf8').includes('data-pagefind-body'));
    expect(pages.map((p) => `${p}index.html`).sort()).toEqual(searchable.sort());
    // fewer than a note's worth: told once, when all are written
    expect(searchableWritten).toEqual([{ count: pages.length, there: pages.map(() => true) }]);
  });

  it('keeps the project copy of the schema identical to the shared contract', () => {
    const shared = path.join(PROJECT, '../shared/records.schema.json');
    if (!fs.existsSync(shared)) return;
    expect(fs.readFileSync(path.join(PROJECT, 'schemas/records.schema.json'), 'utf8')).toBe(fs.readFileSync(shared, 'utf8'));
  });

  it('puts both JX articles, Hayashi and Murayama on one company page', () => {
    const jx = records.companies.find((c: any) => c.name === 'JX Advanced Metals');
    expect(jx).toBeDefined();
    expect(jx.articles).toHaveLength(2);
    expect(jx.aliases).toContain('JX Nippon Mining & Metals');
    const html = fs.readFileSync(path.join(site.out, `companies/${jx.id}/index.html`), 'utf8');
    expect(html).toContain('Yoichi Hayashi');
    expect(html).toContain('Seiichi Murayama');
    for (const a of records.articles) expect(html).toContain(`href="/articles/${a.id}/"`);
  });

  it('has pages for copper, tantalum and niobium', () => {
    for (const metal of ['copper', 'tantalum', 'niobium']) expect(fs.existsSync(path.join(site.out, `metals/${metal}/index.html`))).toBe(true);
  });

  it('has an index page for each kind and a page for every entity', () => {
    for (const kind of ['companies', 'people', 'metals', 'topics']) {
      expect(fs.existsSync(path.join(site.out, kind, 'index.html'))).toBe(true);
      for (const e of records[kind]) expect(fs.existsSync(path.join(site.out, kind, e.id, 'index.html'))).toBe(true);
    }
  });

  it('resolves every internal link of every page', () => {
    const broken: string[] = [];
    for (const file of walk(site.out).filter((f) => f.endsWith('.html'))) {
      const html = fs.readFileSync(path.join(site.out, file), 'utf8');
      for (const link of internalLinks(html, '/')) if (!resolves(site.out, link)) broken.push(`${file} → ${link}`);
    }
    expect(broken).toEqual([]);
  });

  it('shows the article text without the promotions, with mentions linked', () => {
    const a = records.articles.find((x: any) => x.source.startsWith('000_'));
    const html = fs.readFileSync(path.join(site.out, a.url, 'index.html'), 'utf8');
    expect(html).not.toContain('Nominate Now');
    expect(html).toMatch(/<a href="\/people\/yoichi-hayashi\/" class="mention mention-person">/);
    expect(html).toContain('class="figure"');
  });

  it('writes feeds, a sitemap, robots.txt, a 404 page and a search index', () => {
    for (const f of ['feed.xml', 'feed.json', 'sitemap.xml', 'robots.txt', '404.html', 'pagefind/shards.json', 'pagefind/pages-0/pagefind.js']) expect(fs.existsSync(path.join(site.out, f)), f).toBe(true);
  });
});
