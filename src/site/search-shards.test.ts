import { afterAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeSearch } from './search-index.ts';
import { searchRecordOf, type SearchRecord } from '../render/search-records.ts';
import { articleShardOrder, indexSiteForSearch, MAX_SHARDS_PER_GROUP, PAGES_PER_SHARD, planShards, readShardList, recentShardLimit, StartedShards } from './search-shards.ts';

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
    // three shards' worth of articles: four shards (a power of two), the entities one
    expect(shards.map((s) => s.name)).toEqual(['articles-0', 'articles-1', 'articles-2', 'articles-3', 'entities-0']);
    expect(shards.flatMap((s) => s.pages).sort()).toEqual([...articles, ...entities].sort());
    for (const shard of shards.slice(0, 4)) expect(shard.pages.length).toBeLessThanOrEqual(PAGES_PER_SHARD);
  });

  it('keeps every page in one shard while they fit it, a while past it, and apart once apart until half of it', () => {
    const site = (n: number) => [...Array.from({ length: n - 2 }, (_, i) => `articles/a-${i}/`), 'companies/lynas/', 'metals/copper/'];
    expect(planShards(site(PAGES_PER_SHARD)).map((s) => [s.name, s.pages.length])).toEqual([['pages-0', PAGES_PER_SHARD]]);
    expect(planShards(site(PAGES_PER_SHARD + 1)).map((s) => s.name)).toEqual(['articles-0', 'entities-0']);
    expect(planShards(site(PAGES_PER_SHARD * 1.25), new Map([['pages', 1]])).map((s) => s.name)).toEqual(['pages-0']);
    expect(planShards(site(PAGES_PER_SHARD * 1.25 + 1), new Map([['pages', 1]])).map((s) => s.name)).toEqual(['articles-0', 'articles-1', 'entities-0']);
    const apart = new Map([['articles', 1], ['entities', 1]]);
    expect(planShards(site(PAGES_PER_SHARD / 2 + 1), apart).map((s) => s.name)).toEqual(['articles-0', 'entities-0']);
    expect(planShards(site(PAGES_PER_SHARD / 2), apart).map((s) => s.name)).toEqual(['pages-0']);
  });

  it('keeps a page in its shard as the site grows, and caps the number of shards', () => {
    const shardOf = (pages: string[], page: string) => planShards(pages).find((s) => s.pages.includes(page))!.name;
    const some = Array.from({ length: PAGES_PER_SHARD * 3 }, (_, i) => `articles/a-${i}/`);
    const more = [...some, ...Array.from({ length: 100 }, (_, i) => `articles/b-${i}/`)];
    for (const p of some.slice(0, 50)) expect(shardOf(more, p)).toBe(shardOf(some, p));
    const huge = Array.from({ length: PAGES_PER_SHARD * MAX_SHARDS_PER_GROUP * 3 }, (_, i) => `articles/a-${i}/`);
    expect(planShards(huge)).toHaveLength(MAX_SHARDS_PER_GROUP);
  });

  it("keeps the last build's shard count a while past a shard's size, so one more page does not index a group again", () => {
    const articles = (n: number) => Array.from({ length: n }, (_, i) => `articles/a-${i}/`);
    expect(planShards(articles(PAGES_PER_SHARD + 1))).toHaveLength(2);
    expect(planShards(articles(PAGES_PER_SHARD + 1), new Map([['articles', 1]]))).toHaveLength(1);
    expect(planShards(articles(PAGES_PER_SHARD * 1.25 + 1), new Map([['articles', 1]]))).toHaveLength(2);
    // and fewer pages keep more shards until they are a quarter full
    expect(planShards(articles(PAGES_PER_SHARD), new Map([['articles', 2]]))).toHaveLength(2);
    expect(planShards(articles(PAGES_PER_SHARD / 2 - 1), new Map([['articles', 2]]))).toHaveLength(1);
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
    expect(await indexSiteForSearch(dir, { pagesPerShard: 1 })).toEqual({ pages: 2, shards: 2, indexed: 2, indexedEarly: 0, records: null });
    const list = readShardList(path.join(dir, 'pagefind'))!;
    expect(list.shards.map((s) => [s.name, s.pages])).toEqual([['articles-0', 1], ['entities-0', 1]]);
    for (const { name } of list.shards) {
      const entry = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind', name, 'pagefind-entry.json'), 'utf8'));
      expect(entry.languages.en.page_count).toBe(1);
      expect(fs.existsSync(path.join(dir, 'pagefind', name, 'pagefind.js'))).toBe(true);
    }
  });

  it('links the base shards as they were, hides their out-of-date entries, and indexes what changed into the recent shard', async () => {
    const pages = {
      'articles/lynas/': page('Lynas to double output'),
      'articles/iluka/': page('Iluka builds a refinery'),
      'articles/mp/': page('MP Materials opens a magnet plant'),
      'companies/lynas/': page('Lynas Rare Earths'),
    };
    const keys = new Map(Object.keys(pages).map((p) => [p, `k1 ${p}`]));
    const last = path.join(tmp, 'last');
    const first = await indexSiteForSearch(last, { pages: writeSite(last, pages), keys, pagesPerShard: 3 });
    expect(first.indexed).toBe(2);
    const idOf = (shard: string, page: string) => first.records!.shards.get(shard)!.get(page)![1];
    expect(idOf('articles-0', 'articles/lynas/')).toMatch(/^en_\w+$/);

    // the company page's text changed, an article was deleted and one added, another re-rendered (new key) with the same text
    const next = path.join(tmp, 'next');
    const { 'articles/lynas/': _deleted, ...kept } = pages;
    const files = writeSite(next, { ...kept, 'companies/lynas/': page('Lynas Rare Earths', 'Now with a quote about dysprosium'), 'articles/arafura/': page('Arafura wins a loan') });
    const nextKeys = new Map([...keys, ['companies/lynas/', 'k2'], ['articles/iluka/', 'k2'], ['articles/arafura/', 'k2']]);
    nextKeys.delete('articles/lynas/');
    const result = await indexSiteForSearch(next, { pages: files, keys: nextKeys, previous: { dir: last, keys, records: first.records }, pagesPerShard: 3 });
    // only the recent shard was indexed
    expect(result).toMatchObject({ pages: 4, shards: 3, indexed: 1 });
    const linked = (name: string, file: string) => fs.statSync(path.join(next, 'pagefind', name, file)).ino === fs.statSync(path.join(last, 'pagefind', name, file)).ino;
    expect(linked('articles-0', 'pagefind-entry.json')).toBe(true);
    expect(linked('entities-0', 'pagefind-entry.json')).toBe(true);
    expect(readShardList(path.join(next, 'pagefind'))!.shards).toEqual([
      { name: 'articles-0', pages: 2, hidden: [idOf('articles-0', 'articles/lynas/')] },
      { name: 'entities-0', pages: 0, hidden: [idOf('entities-0', 'companies/lynas/')] },
      { name: 'recent', pages: 2 },
    ]);
    const recent = JSON.parse(fs.readFileSync(path.join(next, 'pagefind', 'recent', 'pagefind-entry.json'), 'utf8'));
    expect(recent.languages.en.page_count).toBe(2);
    expect(result.records!.pages.get('articles/iluka/')).toBe(first.records!.pages.get('articles/iluka/'));

    // the same again: every shard linked, the recent one too. The folder holds the last build's
    // own articles shard already (kept from the spare), a recent shard of another build, and a
    // shard the index no longer has
    const again = path.join(tmp, 'again');
    writeSite(again, { ...kept, 'companies/lynas/': page('Lynas Rare Earths', 'Now with a quote about dysprosium'), 'articles/arafura/': page('Arafura wins a loan') });
    fs.mkdirSync(path.join(again, 'pagefind'), { recursive: true });
    fs.cpSync(path.join(next, 'pagefind', 'articles-0'), path.join(again, 'pagefind', 'articles-0'), { recursive: true });
    fs.rmSync(path.join(again, 'pagefind', 'articles-0', 'pagefind-entry.json'));
    fs.linkSync(path.join(next, 'pagefind', 'articles-0', 'pagefind-entry.json'), path.join(again, 'pagefind', 'articles-0', 'pagefind-entry.json'));
    const keptFile = fs.statSync(path.join(again, 'pagefind', 'articles-0', 'pagefind.js')).ino;
    fs.cpSync(path.join(last, 'pagefind', 'articles-0'), path.join(again, 'pagefind', 'recent'), { recursive: true });
    fs.cpSync(path.join(last, 'pagefind', 'articles-0'), path.join(again, 'pagefind', 'articles-9'), { recursive: true });
    expect((await indexSiteForSearch(again, { pages: files, keys: nextKeys, previous: { dir: next, keys: nextKeys, records: result.records }, pagesPerShard: 3 })).indexed).toBe(0);
    expect(fs.statSync(path.join(again, 'pagefind', 'articles-0', 'pagefind.js')).ino).toBe(keptFile);
    expect(fs.statSync(path.join(again, 'pagefind', 'recent', 'pagefind-entry.json')).ino).toBe(fs.statSync(path.join(next, 'pagefind', 'recent', 'pagefind-entry.json')).ino);
    expect(fs.readdirSync(path.join(again, 'pagefind')).sort()).toEqual(['articles-0', 'entities-0', 'pagefind.js', 'recent', 'shards.json']);

    // without keys (a --no-cache build) nothing is taken from the last build
    expect((await indexSiteForSearch(next, { pages: files, previous: { dir: last, keys, records: first.records }, pagesPerShard: 3 })).indexed).toBe(2);
  });

  it('indexes a base shard again when the recent shard would pass its limit', async () => {
    const pages = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`articles/a-${i}/`, page(`Copper mine number ${i}`)]));
    const keys = new Map(Object.keys(pages).map((p) => [p, 'k1']));
    const last = path.join(tmp, 'many');
    const first = await indexSiteForSearch(last, { pages: writeSite(last, pages), keys });
    const limit = recentShardLimit(30);
    const edited = Object.keys(pages).slice(0, limit + 1);
    const next = path.join(tmp, 'many-next');
    const files = writeSite(next, { ...pages, ...Object.fromEntries(edited.map((p) => [p, page(`Nickel mine ${p}`)])) });
    const nextKeys = new Map([...keys, ...edited.map((p) => [p, 'k2'] as const)]);
    const result = await indexSiteForSearch(next, { pages: files, keys: nextKeys, previous: { dir: last, keys, records: first.records } });
    expect(result).toMatchObject({ pages: 30, shards: 1, indexed: 1 });
    expect(readShardList(path.join(next, 'pagefind'))!.shards).toEqual([{ name: 'pages-0', pages: 30 }]);

    // pages gone count too: past the limit, their hidden entries go with a new index of the shard
    const fewer = path.join(tmp, 'many-fewer');
    const kept = Object.fromEntries(Object.entries(pages).slice(limit + 1));
    const fewerFiles = writeSite(fewer, kept);
    const fewerKeys = new Map(Object.keys(kept).map((p) => [p, 'k1'] as const));
    const afterDeletes = await indexSiteForSearch(fewer, { pages: fewerFiles, keys: fewerKeys, previous: { dir: last, keys, records: first.records } });
    expect(afterDeletes).toMatchObject({ pages: 30 - limit - 1, shards: 1, indexed: 1 });
    expect(readShardList(path.join(fewer, 'pagefind'))!.shards[0]!.hidden).toBeUndefined();
  });

  it('indexes a base shard of many pages again only once shardsAfter settles; the recent shard, or a base shard of few, without waiting', async () => {
    const pages = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`articles/a-${i}/`, page(`Zinc smelter number ${i}`)]));
    const keys = new Map(Object.keys(pages).map((p) => [p, 'k1']));
    const last = path.join(tmp, 'after');
    const first = await indexSiteForSearch(last, { pages: writeSite(last, pages), keys });
    const never = new Promise<void>(() => {});
    // two pages changed: the recent shard alone, indexed with shardsAfter never settling
    const few = Object.keys(pages).slice(0, 2);
    const recentOnly = path.join(tmp, 'after-few');
    const fewFiles = writeSite(recentOnly, { ...pages, ...Object.fromEntries(few.map((p) => [p, page(`Lead smelter ${p}`)])) });
    const fewKeys = new Map([...keys, ...few.map((p) => [p, 'k2'] as const)]);
    expect(await indexSiteForSearch(recentOnly, { pages: fewFiles, keys: fewKeys, previous: { dir: last, keys, records: first.records }, shardsAfter: { until: never, morePagesThan: 0 } })).toMatchObject({ indexed: 1, shards: 2 });
    // past the recent shard's limit, the base shard is indexed again: at once when it holds few enough pages
    const many = Object.keys(pages).slice(0, recentShardLimit(30) + 1);
    const small = path.join(tmp, 'after-small');
    const smallFiles = writeSite(small, { ...pages, ...Object.fromEntries(many.map((p) => [p, page(`Lead smelter ${p}`)])) });
    const manyKeys = new Map([...keys, ...many.map((p) => [p, 'k2'] as const)]);
    expect(await indexSiteForSearch(small, { pages: smallFiles, keys: manyKeys, previous: { dir: last, keys, records: first.records }, shardsAfter: { until: never, morePagesThan: 30 } })).toMatchObject({ pages: 30, shards: 1, indexed: 1 });
    // and else once shardsAfter settles
    const next = path.join(tmp, 'after-many');
    const files = writeSite(next, { ...pages, ...Object.fromEntries(many.map((p) => [p, page(`Lead smelter ${p}`)])) });
    let settle!: () => void;
    let done = false;
    const until = new Promise<void>((resolve) => (settle = resolve));
    const indexing = indexSiteForSearch(next, { pages: files, keys: manyKeys, previous: { dir: last, keys, records: first.records }, shardsAfter: { until, morePagesThan: 29 } }).finally(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).toBe(false);
    expect(fs.existsSync(path.join(next, 'pagefind', 'pages-0'))).toBe(false);
    settle();
    expect(await indexing).toMatchObject({ pages: 30, shards: 1, indexed: 1 });
  });

  it('reads the pages whose keys all changed for their digests only once shardsAfter settles, and links a shard whose records stayed', async () => {
    const pages = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`articles/r-${i}/`, page(`Nickel refinery number ${i}`)]));
    const keys = new Map(Object.keys(pages).map((p) => [p, 'k1']));
    const last = path.join(tmp, 'read-after');
    const first = await indexSiteForSearch(last, { pages: writeSite(last, pages), keys });
    // every page rendered anew (a template changed), its searchable text as it was
    const next = path.join(tmp, 'read-after-next');
    const files = writeSite(next, pages);
    const newKeys = new Map(Object.keys(pages).map((p) => [p, 'k2']));
    let settle!: () => void;
    let done = false;
    const until = new Promise<void>((resolve) => (settle = resolve));
    const read = vi.spyOn(fs, 'readFileSync');
    const indexing = indexSiteForSearch(next, { pages: files, keys: newKeys, previous: { dir: last, keys, records: first.records }, shardsAfter: { until, morePagesThan: 0, readMoreThan: 29 } }).finally(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const readBefore = read.mock.calls.filter(([file]) => String(file).startsWith(next) && String(file).endsWith('index.html')).length;
    read.mockRestore();
    expect(done).toBe(false);
    expect(readBefore).toBe(0);
    settle();
    // nothing its records hold changed: the shard is linked, none indexed again
    expect(await indexing).toMatchObject({ pages: 30, shards: 1, indexed: 0 });
  });

  it('takes the article shards indexed while the other pages were written, the same as indexed after', async () => {
    const articles = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`articles/a-${i}/`, page(`Cobalt mine number ${i}`, `Output rose ${i}%.`)]));
    const entities = { 'companies/c-1/': page('Cobalt Corp'), 'metals/cobalt/': page('Cobalt') };
    const keys = new Map([...Object.keys(articles), ...Object.keys(entities)].map((p) => [p, 'k1']));
    const early = path.join(tmp, 'early');
    const articleFiles = writeSite(early, articles);
    // shards of 16 pages: 40 articles are sharded apart from the entity pages, in four shards
    const pagesPerShard = 16;
    const started = StartedShards.start({ siteDir: early, pages: Object.keys(articles), withIds: true }, pagesPerShard);
    const files = [...articleFiles, ...writeSite(early, entities)];
    const result = await indexSiteForSearch(early, { pages: files, keys, started, pagesPerShard });
    const after = path.join(tmp, 'after');
    const expected = await indexSiteForSearch(after, { pages: writeSite(after, { ...articles, ...entities }), keys, pagesPerShard });
    expect(result).toEqual({ ...expected, indexedEarly: 4 });
    expect(readShardList(path.join(early, 'pagefind'))).toEqual(readShardList(path.join(after, 'pagefind')));
    for (const name of ['articles-0', 'articles-3', 'entities-0']) {
      const entry = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'pagefind', name, 'pagefind-entry.json'), 'utf8'));
      expect(entry(early)).toEqual(entry(after));
    }

    // started for pages the search stage does not plan (an article gone since): that shard indexed again as planned, the others taken
    const other = path.join(tmp, 'early-other');
    writeSite(other, articles);
    const startedOther = StartedShards.start({ siteDir: other, pages: [...Object.keys(articles), 'articles/gone/'], withIds: true }, pagesPerShard);
    expect(await indexSiteForSearch(other, { pages: [...articleFiles, ...writeSite(other, entities)], keys, started: startedOther, pagesPerShard })).toEqual({ ...expected, indexedEarly: 3 });
    expect(fs.existsSync(path.join(other, 'pagefind', 'articles-0', 'pagefind-entry.json'))).toBe(true);
  });

  it('indexes each article shard once its own pages are written, when a first build writes them shard by shard', async () => {
    const articles = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`articles/b-${i}/`, page(`Zinc smelter number ${i}`, `Output fell ${i}%.`)]));
    const entities = { 'companies/z-1/': page('Zinc Corp'), 'metals/zinc/': page('Zinc') };
    const keys = new Map([...Object.keys(articles), ...Object.keys(entities)].map((p) => [p, 'k1']));
    const pagesPerShard = 16;
    const searchable = [...Object.keys(articles), ...Object.keys(entities)];
    const order = articleShardOrder(searchable, 40, pagesPerShard)!;
    // every article once, grouped by the shard it is planned in
    const shardOf = new Map(planShards(searchable, undefined, pagesPerShard).flatMap((shard) => shard.pages.map((p) => [p, shard.name] as const)));
    const inOrder = order.map((i) => searchable[i]!);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const runs = inOrder.map((p) => shardOf.get(p)).filter((name, i, all) => name !== all[i - 1]);
    expect(runs).toEqual(['articles-0', 'articles-1', 'articles-2', 'articles-3']);

    const dir = path.join(tmp, 'by-shard');
    const started = StartedShards.start({ siteDir: dir, pages: [...inOrder, ...Object.keys(entities)], withIds: true, written: 0 }, pagesPerShard);
    const firstShard = inOrder.filter((p) => shardOf.get(p) === 'articles-0');
    writeSite(dir, Object.fromEntries(firstShard.map((p) => [p, articles[p]!])));
    started.written(firstShard.length);
    const entry = (name: string) => path.join(dir, 'pagefind', name, 'pagefind-entry.json');
    for (let waited = 0; !fs.existsSync(entry('articles-0')) && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    // the first shard is indexed while the other articles' pages are still to be written
    expect(fs.existsSync(entry('articles-0'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'pagefind', 'articles-1'))).toBe(false);
    const files = writeSite(dir, { ...articles, ...entities });
    started.written(inOrder.length);
    const after = path.join(tmp, 'by-shard-after');
    const expected = await indexSiteForSearch(after, { pages: writeSite(after, { ...articles, ...entities }), keys, pagesPerShard });
    expect(await indexSiteForSearch(dir, { pages: files, keys, started, pagesPerShard })).toEqual({ ...expected, indexedEarly: 4 });
    // articles of at most 1.25 shards may share shards with the entity pages: written as the site orders them
    expect(articleShardOrder(searchable.slice(20), 20, pagesPerShard)).toBeNull();
  });

  it("indexes a smaller site's one shard from its pages as they are written, the same as indexed after", async () => {
    const articles = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`articles/a-${i}/`, page(`Nickel mine number ${i}`, `Output rose ${i}%.`)]));
    const entities = { 'companies/c-1/': page('Nickel Corp'), 'metals/nickel/': page('Nickel') };
    const all = { ...articles, ...entities };
    const keys = new Map(Object.keys(all).map((p) => [p, 'k1']));
    // shards of 16 pages: the 14 pages fit one
    const pagesPerShard = 16;
    const after = path.join(tmp, 'open-after');
    const expected = await indexSiteForSearch(after, { pages: writeSite(after, all), keys, pagesPerShard });
    const fragments = (dir: string) => fs.readdirSync(path.join(dir, 'pagefind', 'pages-0', 'fragment')).sort();

    // told of the pages before they are written, then of each few written
    const told = path.join(tmp, 'open-told');
    const pages = Object.keys(all);
    const started = StartedShards.start({ siteDir: told, pages, withIds: true, written: 0 }, pagesPerShard);
    const files: string[] = [];
    for (let i = 0; i < pages.length; i += 5) {
      files.push(...writeSite(told, Object.fromEntries(pages.slice(i, i + 5).map((p) => [p, all[p as keyof typeof all]!]))));
      await new Promise(setImmediate);
      started.written(Math.min(i + 5, pages.length));
    }
    const result = await indexSiteForSearch(told, { pages: files, keys, started, pagesPerShard });
    expect(result).toEqual({ ...expected, indexedEarly: 1 });
    expect(result.records!.shards.get('pages-0')!.size).toBe(14);
    // every page's fragment (named by its content) is there, the entity pages' too
    expect(fragments(told)).toEqual(fragments(after));

    // the search stage plans other pages (one more): the early index is not taken, its folder made anew
    const other = path.join(tmp, 'open-other');
    const startedOther = StartedShards.start({ siteDir: other, pages, withIds: true }, pagesPerShard);
    const more = { ...all, 'topics/t-1/': page('Nickel prices') };
    const otherResult = await indexSiteForSearch(other, { pages: writeSite(other, more), keys: new Map(Object.keys(more).map((p) => [p, 'k1'])), started: startedOther, pagesPerShard });
    expect(otherResult).toMatchObject({ pages: 15, shards: 1, indexed: 1, indexedEarly: 0 });

    // the search stage reached before the build's thread said every page was written: not taken, indexed anew
    const partial = path.join(tmp, 'open-partial');
    const partialFiles = writeSite(partial, all);
    const startedPartial = StartedShards.start({ siteDir: partial, pages, withIds: true, written: 13 }, pagesPerShard);
    expect(await indexSiteForSearch(partial, { pages: partialFiles, keys, started: startedPartial, pagesPerShard })).toEqual(expected);
    expect(fragments(partial)).toEqual(fragments(after));

    // pages that are never all written (a build that failed): the index waiting for them stops, unwritten
    const failed = path.join(tmp, 'open-failed');
    writeSite(failed, articles);
    const startedFailed = StartedShards.start({ siteDir: failed, pages, withIds: true, written: 12 }, pagesPerShard);
    await startedFailed.settled();
    expect(fs.existsSync(path.join(failed, 'pagefind', 'pages-0'))).toBe(false);
  });

  it('indexes the records handed over with the pages written, reading none of those pages back', async () => {
    const all = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`articles/a-${i}/`, page(`Cobalt mine number ${i}`, `Cobalt output rose ${i}%.`)]));
    const pages = Object.keys(all);
    const keys = new Map(pages.map((p) => [p, 'k1']));
    const pagesPerShard = 16;
    const after = path.join(tmp, 'handed-after');
    const expected = await indexSiteForSearch(after, { pages: writeSite(after, all), keys, pagesPerShard });

    const handed = path.join(tmp, 'handed');
    const started = StartedShards.start({ siteDir: handed, pages, withIds: true, written: 0 }, pagesPerShard);
    const files = writeSite(handed, all);
    // the records as the pages' data made them (here: as read off the same pages), then every
    // page's file emptied: a page read back would have no record
    const records = pages.map((p): [string, SearchRecord] => [p, searchRecordOf(all[p]!, `/${p}`)!]);
    for (const file of files) fs.writeFileSync(path.join(handed, file), '<!doctype html><html><body></body></html>');
    started.written(6, records.slice(0, 6));
    await new Promise(setImmediate);
    started.written(12, records.slice(6));
    const result = await indexSiteForSearch(handed, { pages: files, keys, started, pagesPerShard });
    expect(result).toEqual({ ...expected, indexedEarly: 1 });
  });

  it('indexes the shards of a larger site in two threads, each with a Pagefind of its own, with the same outcome', async () => {
    const pages: Record<string, string> = {};
    for (let i = 0; i < 2_000; i++) pages[`articles/a-${i}/`] = page(`Copper mine number ${i}`, `Output rose ${i}%.`);
    for (let i = 0; i < 50; i++) pages[`companies/c-${i}/`] = page(`Company ${i}`);
    const keys = new Map(Object.keys(pages).map((p) => [p, 'k1']));
    const dir = path.join(tmp, 'larger');
    // shards of 1,500 pages: two of articles, one of entity pages
    const pagesPerShard = 1_500;
    const result = await indexSiteForSearch(dir, { pages: writeSite(dir, pages), keys, pagesPerShard });
    expect(result).toMatchObject({ pages: 2_050, shards: 3, indexed: 3 });
    const counted = new Map<string, number>();
    for (const name of ['articles-0', 'articles-1', 'entities-0']) {
      const entry = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind', name, 'pagefind-entry.json'), 'utf8'));
      const group = name.split('-')[0]!;
      counted.set(group, (counted.get(group) ?? 0) + entry.languages.en.page_count);
      // every page's entry id read back from its bundle, for hiding it later
      for (const [, [digest, id]] of result.records!.shards.get(name)!) {
        expect(digest).toHaveLength(22);
        expect(id).toMatch(/^en_\w+$/);
      }
    }
    expect(counted).toEqual(new Map([['articles', 2_000], ['entities', 50]]));
    expect(result.records!.pages.size).toBe(2_050);
    // the next build links them as they are
    const next = path.join(tmp, 'larger-next');
    const again = await indexSiteForSearch(next, { pages: writeSite(next, pages), keys, previous: { dir, keys, records: result.records }, pagesPerShard });
    expect(again).toMatchObject({ pages: 2_050, shards: 3, indexed: 0 });
  });
});
