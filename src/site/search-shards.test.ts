import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeSearch } from './search-index.ts';
import { indexSiteForSearch, MAX_SHARDS_PER_GROUP, PAGES_PER_SHARD, planShards, readShardList } from './search-shards.ts';

const page = (title: string, body = '') =>
  `<!doctype html>\n<html lang="en"><head><title>${title}</title></head><body><main><article data-pagefind-body><h1 data-pagefind-meta="title">${title}</h1><p>${body}</p></article></main></body></html>`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'search-shards-'));
afterAll(async () => {
  await closeSearch();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function writeSite(dir: string, pages: Record<string, string>): string[] {
  const files: string[] = [];
  for (const [sitePath, html] of Object.entries(pages)) {
    fs.mkdirSync(path.join(dir, sitePath), { recursive: true });
    fs.writeFileSync(path.join(dir, sitePath, 'index.html'), html);
    files.push(`${sitePath}index.html`);
  }
  return files;
}

describe('planShards', () => {
  it('shards articles apart from entity pages, each page in exactly one shard', () => {
    const articles = Array.from({ length: PAGES_PER_SHARD * 3 }, (_, i) => `articles/a-${i}/`);
    const entities = ['companies/lynas/', 'people/amanda-lacaze/', 'metals/copper/', 'topics/prices/'];
    const shards = planShards([...articles, ...entities]);
    // 6,000 articles: four shards (a power of two), the entities one
    expect(shards.map((s) => s.name)).toEqual(['articles-0', 'articles-1', 'articles-2', 'articles-3', 'entities-0']);
    expect(shards.flatMap((s) => s.pages).sort()).toEqual([...articles, ...entities].sort());
    for (const shard of shards.slice(0, 4)) expect(shard.pages.length).toBeLessThanOrEqual(PAGES_PER_SHARD);
    expect(shards.every((s) => s.digest === null)).toBe(true); // no keys, nothing to compare
  });

  it('keeps a page in its shard as the site grows, and caps the number of shards', () => {
    const shardOf = (pages: string[], page: string) => planShards(pages).find((s) => s.pages.includes(page))!.name;
    const some = Array.from({ length: PAGES_PER_SHARD * 3 }, (_, i) => `articles/a-${i}/`);
    const more = [...some, ...Array.from({ length: 100 }, (_, i) => `articles/b-${i}/`)];
    for (const p of some.slice(0, 50)) expect(shardOf(more, p)).toBe(shardOf(some, p));
    const huge = Array.from({ length: PAGES_PER_SHARD * MAX_SHARDS_PER_GROUP * 3 }, (_, i) => `articles/a-${i}/`);
    expect(planShards(huge)).toHaveLength(MAX_SHARDS_PER_GROUP);
  });

  it('changes a shard digest only when one of its pages changes key', () => {
    const pages = Array.from({ length: PAGES_PER_SHARD * 2 }, (_, i) => `articles/a-${i}/`);
    const keys = new Map(pages.map((p) => [p, `key of ${p}`]));
    const before = planShards(pages, keys);
    const edited = before[1].pages[0];
    const after = planShards(pages, new Map([...keys, [edited, 'edited']]));
    expect(after.map((s) => s.digest === before.find((b) => b.name === s.name)!.digest)).toEqual([true, false]);
    // a page without a key (not rendered by this build's renderer) leaves its shard nothing to compare
    const unkeyed = new Map(keys);
    unkeyed.delete(pages[0]);
    expect(planShards(pages, unkeyed).find((s) => s.pages.includes(pages[0]))!.digest).toBeNull();
  });
});

describe('indexSiteForSearch', () => {
  it('indexes the searchable pages of a site folder, one Pagefind bundle per shard, listed in shards.json', async () => {
    const dir = path.join(tmp, 'site');
    writeSite(dir, {
      'articles/lynas/': page('Lynas to double output'),
      'companies/lynas/': page('Lynas Rare Earths'),
      'search/': '<!doctype html><html lang="en"><body><p>Search</p></body></html>',
      'companies/lynas/page/1/': page('Older'),
    });
    fs.mkdirSync(path.join(dir, 'people', 'older-only', 'page', '1'), { recursive: true }); // no first page here
    expect(await indexSiteForSearch(dir)).toEqual({ pages: 2, shards: 2, indexed: 2 });
    const list = readShardList(path.join(dir, 'pagefind'))!;
    expect(list.shards.map((s) => [s.name, s.pages])).toEqual([['articles-0', 1], ['entities-0', 1]]);
    for (const { name } of list.shards) {
      const entry = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind', name, 'pagefind-entry.json'), 'utf8'));
      expect(entry.languages.en.page_count).toBe(1);
      expect(fs.existsSync(path.join(dir, 'pagefind', name, 'pagefind.js'))).toBe(true);
    }
  });

  it('links a shard whose pages kept their keys from the last build, and indexes the others again', async () => {
    const pages = { 'articles/lynas/': page('Lynas to double output'), 'companies/lynas/': page('Lynas Rare Earths') };
    const keys = new Map(Object.keys(pages).map((p) => [p, `k1 ${p}`]));
    const last = path.join(tmp, 'last');
    const files = writeSite(last, pages);
    expect((await indexSiteForSearch(last, { pages: files, keys })).indexed).toBe(2);

    const next = path.join(tmp, 'next');
    writeSite(next, { ...pages, 'companies/lynas/': page('Lynas Rare Earths', 'Now with a quote about dysprosium') });
    const result = await indexSiteForSearch(next, { pages: files, keys: new Map([...keys, ['companies/lynas/', 'k2']]), previousDir: last });
    expect(result).toEqual({ pages: 2, shards: 2, indexed: 1 });
    const linked = (name: string, file: string) => fs.statSync(path.join(next, 'pagefind', name, file)).ino === fs.statSync(path.join(last, 'pagefind', name, file)).ino;
    expect(linked('articles-0', 'pagefind-entry.json')).toBe(true);
    expect(linked('entities-0', 'pagefind.js')).toBe(false);
    // without keys (a --no-cache build) nothing is taken from the last build
    expect((await indexSiteForSearch(path.join(tmp, 'next'), { pages: files, previousDir: last })).indexed).toBe(2);
  });
});
