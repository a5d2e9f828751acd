// A seeds folder as people save news: web pages in four layouts (a news site with navigation and
// ads, a blog, a press release, a wire story), RSS, Atom and JSON feeds, and bad files beside them
// (a page with no article, a broken feed, a binary named .html). The site has the right titles,
// dates, bylines and sources, and no page furniture in its text; each bad file is one message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, PROJECT, type BuiltSite } from './helpers/build-site.ts';

const FIXTURES = path.join(PROJECT, 'tests/fixtures/saved-pages');
const FURNITURE = /cookie|Share (?:on|this)|Email this|Related|Most read|Sign up|newsletter|Comments|minerfan|Great analysis|Leave a Reply|Read Next|Advertisement|Download PDF|All rights reserved|Skip to content|Privacy|powered by|Photo:|Follow him|Trust Principles|alert\(|<script/i;

/** source path (feed items: the feed's path and the start of the item's page name) → what the site must show. */
const EXPECTED: [string, { title: string; date: string; byline: string | null; sourceUrl: string | null }][] = [
  ['news-site.html', { title: 'Codelco copper output falls 9% as Chuquicamata ores thin', date: '2026-03-04', byline: 'Valentina Rojas', sourceUrl: 'https://www.miningledger.example/news/2026/03/codelco-copper-output-falls' }],
  ['blog.html', { title: "Why nickel's oversupply will outlast 2026", date: '2026-02-17', byline: 'Daniel Okafor', sourceUrl: 'https://oreport.example/2026/02/nickel-oversupply/' }],
  ['press-release.html', { title: 'Lundin Mining announces first concentrate from Josemaria', date: '2026-05-12', byline: null, sourceUrl: 'https://lundinmining.example/news/2026/first-concentrate-josemaria/' }],
  ['wire-story.htm', { title: "Peru's Las Bambas copper mine halts shipments after road blockade", date: '2026-04-21', byline: 'Marco Aquino and Lucinda Elliott', sourceUrl: 'https://wire.example/markets/commodities/peru-las-bambas-halts-shipments-2026-04-21/' }],
  ['metals-wire.rss#glencore-kazzinc-zinc-cut', { title: 'Glencore to cut zinc output at Kazzinc by 10%', date: '2026-06-08', byline: 'Helen Reid', sourceUrl: 'https://metalswire.example/2026/06/glencore-kazzinc-zinc-cut' }],
  ['metals-wire.rss#freeport-grasberg-full-output', { title: "Freeport's Grasberg returns to full output", date: '2026-06-05', byline: 'Ernest Scheyder', sourceUrl: 'https://metalswire.example/2026/06/freeport-grasberg-full-output' }],
  ['battery-metals.atom#albemarle-tianqi-kemerton', { title: 'Albemarle & Tianqi idle lithium capacity in Australia', date: '2026-07-01', byline: 'Sarah Castellanos', sourceUrl: 'https://batterymetals.example/2026/07/albemarle-tianqi-kemerton' }],
  ['battery-metals.atom#congo-cobalt-export-ban', { title: 'Cobalt price jumps as Congo extends export ban', date: '2026-06-28', byline: 'Ange Kasongo', sourceUrl: 'https://batterymetals.example/2026/06/congo-cobalt-export-ban' }],
  ['precious.json#gold-record-central-banks', { title: 'Gold sets record above $3,600 as central banks keep buying', date: '2026-08-14', byline: 'Polina Devitt', sourceUrl: 'https://preciousbrief.example/2026/08/gold-record-central-banks' }],
  ['precious.json#item', { title: 'Sibanye-Stillwater cuts platinum guidance', date: '2026-08-11', byline: null, sourceUrl: null }],
];

const BAD: Record<string, RegExp> = {
  'index-page.html': /has no article/,
  'cut-off.xml': /is not a feed that can be read/,
  'photo.html': /binary file/,
};

let tmp: string;
let site: BuiltSite;
let strict: BuiltSite;
let records: any[];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'saved-pages-'));
  const seeds = path.join(tmp, 'seeds');
  fs.cpSync(FIXTURES, seeds, { recursive: true });
  fs.writeFileSync(path.join(seeds, 'index-page.html'), '<html><head><title>Copper news</title></head><body><nav><a href="/a">Copper</a> <a href="/b">Gold</a></nav><ul><li><a href="/c">Zinc prices rise</a></li><li><a href="/d">Tin slips</a></li></ul><footer>© Site</footer></body></html>');
  fs.writeFileSync(path.join(seeds, 'cut-off.xml'), fs.readFileSync(path.join(FIXTURES, 'metals-wire.rss'), 'utf8').slice(0, 700));
  fs.writeFileSync(path.join(seeds, 'photo.html'), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, ...Array.from({ length: 2000 }, (_, i) => (i * 31) % 256)]));
  [site, strict] = await Promise.all([buildSite({ seedsDir: seeds }), buildSite({ seedsDir: seeds, strict: true })]);
  records = JSON.parse(fs.readFileSync(path.join(site.out, 'data/records.json'), 'utf8')).articles;
}, 120_000);

afterAll(() => {
  site?.cleanup();
  strict?.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const recordOf = (prefix: string) => {
  const found = records.filter((r) => r.source === prefix || r.source.startsWith(`${prefix}-`));
  expect(found, prefix).toHaveLength(1);
  return found[0];
};

describe('saved pages and feeds', () => {
  it('builds every page and feed item, and nothing else', () => {
    expect(records).toHaveLength(EXPECTED.length);
    expect(site.result.exitCode).toBe(0);
  });

  it.each(EXPECTED)('%s: title, date, byline and source', (prefix, expected) => {
    expect(recordOf(prefix)).toMatchObject(expected);
  });

  it('records who published each page or feed item', () => {
    expect(recordOf('news-site.html').publisher).toBe('Mining Ledger');
    expect(recordOf('blog.html').publisher).toBe('The Ore Report');
  });

  it.each(EXPECTED)('%s: no page furniture in the text', (prefix) => {
    const { text, id } = recordOf(prefix);
    expect(text.length).toBeGreaterThan(100);
    expect(text).not.toMatch(FURNITURE);
    const page = fs.readFileSync(path.join(site.out, `articles/${id}/index.html`), 'utf8');
    expect(page).not.toMatch(/tracker\.example|ads\.example|cdn\.miningledger|<iframe/);
  });

  it('keeps the article: every paragraph of a page reaches the text', () => {
    const codelco = recordOf('news-site.html').text;
    for (const part of ["Chile's state miner Codelco", 'Chairman Máximo Pacheco', 'bottom of the cycle', 'cash costs rose to $2.31', 'up 1.2% on the day']) expect(codelco).toContain(part);
    expect(recordOf('blog.html').text).toContain('Where the surplus goes');
  });

  it('extracts from a saved page as from a markdown article: companies, people, metals', () => {
    const wire = recordOf('wire-story.htm');
    expect(wire.companies.map((c: any) => c.name)).toContain('MMG');
    expect(wire.metals.map((m: any) => m.name)).toContain('copper');
    const codelco = recordOf('news-site.html');
    expect(codelco.companies.map((c: any) => c.name)).toContain('Codelco');
    expect(codelco.people.map((p: any) => p.name)).toContain('Máximo Pacheco');
  });

  it.each(Object.entries(BAD))('%s: one message naming the file; the rest builds', (file, reason) => {
    const messages = site.result.messages.filter((m) => m.file === file && m.severity !== 'info');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.reason).toMatch(reason);
    expect(messages[0]!.reason).toMatch(/; \S.{8,}/);
  });

  it('--strict fails the build on the bad files', () => {
    expect(site.result.skipped).toBe(Object.keys(BAD).length);
    expect(strict.result.exitCode).toBe(1);
  });
});
