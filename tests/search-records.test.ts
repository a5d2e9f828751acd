// A page's search record made from its data (render/search-records.ts) is the one Pagefind's
// parser reads off the page the built-in templates write (searchRecordOf): the build indexes the
// former for the pages it renders and the latter for pages it did not, and a search must not tell
// which it was given. Every searchable page of a site of real articles (bodies with headings,
// lists, links, quotes, copies, characters HTML escapes) is held to it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { link, ENTITY_KINDS } from '../src/link/link.ts';
import { collectArticles } from '../src/pipeline/collect.ts';
import { SiteRenderer, htmlOf } from '../src/render/render-site.ts';
import { searchRecordOf, type SearchRecord } from '../src/render/search-records.ts';
import { PROJECT } from './helpers/build-site.ts';
import { testRenderOptions } from './helpers/render-options.ts';

const FOLDERS = ['seeds', 'tests/fixtures/dated', 'tests/fixtures/stories', 'tests/fixtures/saved-pages'];
const EXTRA: Record<string, string> = {
  'escapes.md': `---\ntitle: "Tom & Jerry's <Metals> \\"Co\\""\ndate: 2025-05-02\nbyline: O'Brien & Sons\n---\n\n# Inside heading\n\nGlencore & Trafigura said "copper <rose>" 5% to $9,000 a tonne & more.\n\n- one & two\n- three <four>\n\n> "We will grow," said Ana Ruiz, chief executive of Orebody Metals.\n\nLine one  \nline two with \`code & <tags>\` and [a link & more](https://example.com/?a=1&b=2).\n`,
  'no-date.txt': 'Orebody Metals posts record nickel output\n\nOrebody Metals said on Tuesday its nickel output rose 12% to 45,000 tonnes.\n\n"Demand is strong," chief executive Ana Ruiz said.\n',
};

let dir: string;
let renderer: SiteRenderer;
const fromData = new Map<string, SearchRecord>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-records-'));
  for (const folder of FOLDERS) {
    for (const name of fs.readdirSync(path.join(PROJECT, folder))) {
      const from = path.join(PROJECT, folder, name);
      if (fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(dir, `${path.basename(folder)}-${name}`));
    }
  }
  for (const [name, text] of Object.entries(EXTRA)) fs.writeFileSync(path.join(dir, name), text);
  const { records } = await collectArticles(dir);
  renderer = new SiteRenderer(link(records), testRenderOptions());
  renderer.onSearchRecord = (pagePath, record) => fromData.set(pagePath, record);
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('search records made from the pages\' data', () => {
  it('are the records read off every searchable page the built-in templates write', () => {
    const site = renderer.site;
    const searchable = [...site.articles.map((a) => a.url), ...ENTITY_KINDS.flatMap((kind) => site[kind].map((e) => `${kind}/${e.id}/`))];
    expect(site.articles.length).toBeGreaterThan(15);
    for (const pagePath of searchable) {
      fromData.delete(pagePath);
      const page = renderer.pageAt(pagePath)!;
      // as JSON, keys in order: a page's record digest must not change with the way it was made
      expect(JSON.stringify(fromData.get(pagePath)), pagePath).toBe(JSON.stringify(searchRecordOf(htmlOf(page.html), `/${pagePath}`)));
    }
    // the cases the templates handle apart are all there
    const records = [...fromData.values()];
    expect(records.some((r) => r.content.includes('Quotes'))).toBe(true);
    expect(records.some((r) => /&|</.test(r.content))).toBe(true);
    expect(records.some((r) => r.url.startsWith('/articles/') && !r.meta.date)).toBe(true);
  });

  it("are not made for pages of a user's own templates, whose HTML is read instead", () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'own-templates-'));
    try {
      fs.writeFileSync(path.join(own, 'article.eta'), '<article data-pagefind-body><h1><%= it.article.title %></h1></article>');
      const article = renderer.site.articles[0]!;
      const company = `companies/${renderer.site.companies[0]!.id}/`;
      const told: string[] = [];
      const mine = new SiteRenderer(renderer.site, testRenderOptions({ userTemplatesDir: own }));
      mine.onSearchRecord = (pagePath) => told.push(pagePath);
      mine.pageAt(article.url);
      mine.pageAt(company);
      expect(told).toEqual([company]);
      // what the user's page shows, and only that
      expect(mine.searchRecordAt(article.url)?.content).toBe(`___PAGEFIND_AUTO_WEIGHT___7 ${article.title}. ___END_PAGEFIND_WEIGHT___`);
      // a partial of their own: every page may show something else
      fs.mkdirSync(path.join(own, 'partials'));
      fs.copyFileSync(path.join(PROJECT, 'templates/partials/chart.eta'), path.join(own, 'partials/chart.eta'));
      const withPartial = new SiteRenderer(renderer.site, testRenderOptions({ userTemplatesDir: own }));
      withPartial.onSearchRecord = (pagePath) => told.push(pagePath);
      withPartial.pageAt(company);
      expect(told).toEqual([company]);
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
});
