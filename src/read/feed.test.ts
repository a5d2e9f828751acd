import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedError, readFeed } from './feed.ts';
import { ReadError } from './read-article.ts';
import { readFeedFile } from './read-feed.ts';

const PAGES = path.join(import.meta.dirname, '../../tests/fixtures/saved-pages');
const feed = (name: string) => readFeed(fs.readFileSync(path.join(PAGES, name), 'utf8'), path.extname(name));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'feed-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('feeds', () => {
  it('RSS 2.0: title, date, link without tracking, dc:creator or author, content:encoded over description', () => {
    const [zinc, grasberg] = feed('metals-wire.rss');
    expect(zinc).toMatchObject({ key: 'metalswire-88121', title: 'Glencore to cut zinc output at Kazzinc by 10%', date: '2026-06-08', byline: 'Helen Reid', source: 'https://metalswire.example/2026/06/glencore-kazzinc-zinc-cut', publisher: 'Metals Wire' });
    expect(zinc!.markdown).toContain('lower ore grades at the Ridder mine.');
    expect(zinc!.markdown).not.toMatch(/alert|pixel|<|https?:/);
    expect(grasberg).toMatchObject({ byline: 'Ernest Scheyder', date: '2026-06-05' });
    expect(grasberg!.markdown).toMatch(/^Freeport-McMoRan said/);
  });

  it('Atom: html and xhtml content, entities in an html title, published before updated', () => {
    const [lithium, cobalt] = feed('battery-metals.atom');
    expect(lithium).toMatchObject({ title: 'Albemarle & Tianqi idle lithium capacity in Australia', date: '2026-07-01', byline: 'Sarah Castellanos', source: 'https://batterymetals.example/2026/07/albemarle-tianqi-kemerton', publisher: 'Battery Metals Daily' });
    expect(lithium!.markdown).not.toContain('Share this story');
    expect(cobalt).toMatchObject({ date: '2026-06-28', byline: 'Ange Kasongo' });
    expect(cobalt!.markdown).toContain('three quarters of the world');
  });

  it('JSON Feed: content_html or content_text, item authors', () => {
    const [gold, platinum] = feed('precious.json');
    expect(gold).toMatchObject({ title: 'Gold sets record above $3,600 as central banks keep buying', date: '2026-08-14', byline: 'Polina Devitt', source: 'https://preciousbrief.example/2026/08/gold-record-central-banks' });
    expect(platinum!.markdown).toMatch(/^Sibanye-Stillwater cut/);
    expect(platinum!.byline).toBeUndefined();
  });

  it('names an item by its guid, id or link alone: the same in every save of the feed', () => {
    const [zinc] = feed('metals-wire.rss');
    expect(zinc!.slug).toMatch(/^glencore-kazzinc-zinc-cut-[0-9a-f]{8}$/);
    const resaved = fs.readFileSync(path.join(PAGES, 'metals-wire.rss'), 'utf8').replace('<item>', '<item><title>A newer story</title><guid>n1</guid><description>Newer text.</description></item><item>').replace('Glencore to cut', 'Glencore cuts');
    expect(readFeed(resaved, '.rss')[1]!.slug).toBe(zinc!.slug);
  });

  it('refuses a broken feed, a feed with no items, and notes a JSON file that is no feed', () => {
    expect(() => readFeed('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>Cut off', '.xml')).toThrow(/not a feed that can be read/);
    expect(() => readFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', '.atom')).toThrow(/an Atom feed with no items/);
    expect(() => readFeed('{"items": [', '.json')).toThrow(/not valid JSON/);
    expect(() => readFeed('<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>', '.xml')).toThrow(expect.objectContaining({ notFeed: true }));
    try {
      readFeed('{"prices": [1, 2]}', '.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FeedError);
      expect((error as FeedError).notFeed).toBe(true);
    }
  });

  it('reads a feed file into articles named feed#item, and says which items have no text', () => {
    const file = path.join(tmp, 'wire.xml');
    fs.writeFileSync(file, '<rss version="2.0"><channel><title>W</title><item><title>Only a title</title><link>https://w.example/only-title</link></item><item><title>Tin</title><guid>t1</guid><description>Tin rose 3% in London.</description></item></channel></rss>');
    const { items, problems } = readFeedFile(file, 'feeds/wire.xml');
    expect(items.map((i) => i.relPath)).toEqual([expect.stringMatching(/^feeds\/wire\.xml#item-[0-9a-f]{8}$/)]);
    expect(items[0]!.frontMatter).toMatchObject({ title: 'Tin', publisher: 'W' });
    expect(problems).toEqual([expect.objectContaining({ relPath: expect.stringMatching(/^feeds\/wire\.xml#only-title-/), reason: 'item "Only a title" has no text (no content, summary or description)' })]);
    fs.writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    expect(() => readFeedFile(file, 'wire.xml')).toThrow(ReadError);
  });
});
