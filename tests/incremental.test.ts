// Rebuilds reuse what did not change: records from the cache, pages linked from the last build,
// and the output folder still holds exactly the pages of the current articles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite, walk, PROJECT } from './helpers/build-site.ts';
import { workFolderOf } from '../src/site/output-folder.ts';
import { cacheKeyOf, legacyCacheKeyOf } from '../src/cache-key.ts';
import { hasChromium, launchBrowser } from './helpers/browser.ts';
import { serveStatic } from './helpers/static-server.ts';

let work: string;
let seeds: string;
let out: string;
let cacheDir: string;
const build = () => buildSite({ seedsDir: seeds, outDir: out, cacheDir });
const read = (rel: string, dir = out) => fs.readFileSync(path.join(dir, rel), 'utf8');

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'incremental-'));
  seeds = path.join(work, 'seeds');
  out = path.join(work, 'site');
  cacheDir = path.join(work, 'cache');
  fs.cpSync(path.join(PROJECT, 'seeds'), seeds, { recursive: true });
  fs.writeFileSync(path.join(seeds, 'zinc.md'), '---\ntitle: Zinc smelter restarts\ndate: 2025-05-02\n---\n\nNordic Zinc Ltd said on Friday it restarted its smelter in Finland after a two-month halt.\n');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('incremental builds', () => {
  it('renders nothing again when nothing changed, and writes the same site', async () => {
    const first = await build();
    const before = new Map(walk(out).map((f) => [f, fs.readFileSync(path.join(out, f))]));
    const second = await build();
    expect(first.result.rendered).toBe(first.result.pages);
    expect(second.result.rendered).toBe(0);
    expect(second.log.join('\n')).toMatch(/\(3 from cache\)/);
    const after = walk(out);
    expect(after.sort()).toEqual([...before.keys()].sort());
    for (const f of after) expect(fs.readFileSync(path.join(out, f)).equals(before.get(f)!), f).toBe(true);
  });

  it('leaves the folder alone when nothing changed, unless a file of it went missing', async () => {
    const folder = fs.statSync(out).ino;
    const again = await build();
    expect(again.result.timings.render).toBeUndefined();
    expect(fs.statSync(out).ino).toBe(folder);
    fs.rmSync(path.join(out, 'articles/zinc/index.html'));
    const mended = await build();
    expect(mended.result.timings.render).toBeDefined();
    expect(mended.result.rendered).toBe(1);
    expect(read('articles/zinc/index.html')).toContain('Nordic Zinc');
  });

  it('re-renders the pages an edited article touches, not the rest', async () => {
    fs.appendFileSync(path.join(seeds, 'zinc.md'), '\nThe smelter produces 150,000 tonnes of zinc a year.\n');
    const result = (await build()).result;
    expect(result.rendered).toBeGreaterThan(0);
    expect(result.rendered).toBeLessThan(result.pages / 2);
    expect(read('articles/zinc/index.html')).toContain('150,000 tonnes');
  });

  it('drops the pages of a deleted article', async () => {
    fs.rmSync(path.join(seeds, 'zinc.md'));
    await build();
    expect(fs.existsSync(path.join(out, 'articles/zinc'))).toBe(false);
    expect(read('data/records.json')).not.toContain('Nordic Zinc');
  });

  /** Every file of the site but its search index, as it is now. */
  const siteFiles = () => new Map(walk(out).filter((f) => !f.startsWith('pagefind/')).map((f) => [f, fs.readFileSync(path.join(out, f))]));
  const expectSameSite = (before: Map<string, Buffer>) => {
    const now = siteFiles();
    expect([...now.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [f, bytes] of before) expect(now.get(f)!.equals(bytes), f).toBe(true);
  };

  it('keeps what the spare holds of the last build when only the output folder was deleted, the same site', async () => {
    const before = siteFiles();
    fs.rmSync(out, { recursive: true });
    const again = (await build()).result;
    expect(again.rendered).toBeLessThan(again.pages);
    expectSameSite(before);
  });

  it('makes every page again, the same site, when the output folder and its spare were deleted and the cache kept', async () => {
    const before = siteFiles();
    fs.rmSync(out, { recursive: true });
    fs.rmSync(workFolderOf(out, cacheDir), { recursive: true, force: true });
    const again = (await build()).result;
    expect(again.rendered).toBe(again.pages);
    expectSameSite(before);
    expect(fs.existsSync(path.join(out, 'pagefind/pagefind.js'))).toBe(true);
  });

  it('stages into the site before last without writing into a page of the live one', async () => {
    // builds stage into the spare, whose pages are often hard links of the live site's: the live
    // site, replaced by the next build, must come out of it byte for byte as it went in
    const lead = path.join(seeds, 'lead.md');
    fs.writeFileSync(lead, '---\ntitle: Lead smelter sold\ndate: 2025-05-20\n---\n\nBoliden said it sold its lead smelter in Sweden.\n');
    await build();
    fs.writeFileSync(path.join(seeds, 'tin.md'), '---\ntitle: Tin mine expands\ndate: 2025-06-01\n---\n\nAlphamin Resources said it would expand its tin mine in Congo.\n');
    await build();
    const spare = path.join(workFolderOf(out, cacheDir), 'spare');
    expect(fs.existsSync(spare)).toBe(true);
    const live = new Map(walk(out).map((f) => [f, fs.readFileSync(path.join(out, f))]));
    // the lead article's page was linked from the site before last; now it is rendered anew
    fs.appendFileSync(lead, '\nThe smelter made 100,000 tonnes of lead last year.\n');
    fs.appendFileSync(path.join(seeds, 'tin.md'), '\nThe mine produced 12,000 tonnes of tin last year.\n');
    fs.writeFileSync(path.join(seeds, 'nickel.md'), '---\ntitle: Nickel output falls\ndate: 2025-06-02\n---\n\nVale said its nickel output fell in the quarter.\n');
    await build();
    expect(walk(spare).sort()).toEqual([...live.keys()].sort());
    for (const [f, bytes] of live) expect(fs.readFileSync(path.join(spare, f)).equals(bytes), f).toBe(true);
    expect(read('articles/tin/index.html')).toContain('12,000 tonnes');
    expect(read('articles/nickel/index.html')).toContain('Vale');
    expect(read('articles/lead/index.html')).toContain('100,000 tonnes');
  });

  it('copies public files, nested and linked, as new files each build', async () => {
    const publicDir = path.join(work, 'public');
    fs.mkdirSync(path.join(publicDir, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(publicDir, 'docs/index.html'), 'about, first');
    fs.writeFileSync(path.join(work, 'logo.svg'), '<svg/>');
    fs.symlinkSync(path.join(work, 'logo.svg'), path.join(publicDir, 'logo.svg'));
    const withPublic = () => buildSite({ seedsDir: seeds, outDir: out, cacheDir, publicDir });
    await withPublic();
    await withPublic();
    const live = fs.statSync(path.join(out, 'docs/index.html')).ino;
    fs.writeFileSync(path.join(publicDir, 'docs/index.html'), 'about, second');
    await withPublic();
    expect(read('docs/index.html')).toBe('about, second');
    expect(read('logo.svg')).toBe('<svg/>');
    expect(fs.lstatSync(path.join(out, 'logo.svg')).isFile()).toBe(true);
    // the replaced site, now the spare, kept its own copy
    const spare = path.join(workFolderOf(out, cacheDir), 'spare');
    expect(fs.statSync(path.join(spare, 'docs/index.html')).ino).toBe(live);
    expect(fs.readFileSync(path.join(spare, 'docs/index.html'), 'utf8')).toBe('about, first');
  });
});

describe('long lists, cut into pages where their articles say', () => {
  let listSeeds: string;
  let listOut: string;
  const listBuild = () => buildSite({ seedsDir: listSeeds, outDir: listOut, cacheDir: path.join(work, 'list-cache') });
  const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
  const addArticle = (n: number) =>
    fs.writeFileSync(path.join(listSeeds, `copper-${String(n).padStart(3, '0')}.md`), `---\ntitle: Copper note ${n}\ndate: ${day(n)}\n---\n\nCopper prices rose ${n % 9}% on the day, traders said.\n`);
  const pagesUnder = (dir: string) => walk(listOut).filter((f) => f.startsWith(dir));

  beforeAll(() => {
    listSeeds = path.join(work, 'list-seeds');
    listOut = path.join(work, 'list-site');
    fs.mkdirSync(listSeeds);
    for (let n = 0; n < 75; n++) addArticle(n);
  });

  it('leave every older page as it was when a newer article arrives; only the latest pages change', async () => {
    await listBuild();
    const older = [...pagesUnder('page/'), ...pagesUnder('metals/copper/page/')];
    expect(older.length).toBeGreaterThanOrEqual(3);
    const before = new Map(older.map((f) => [f, fs.readFileSync(path.join(listOut, f))]));
    addArticle(75);
    const { result } = await listBuild();
    for (const f of older) expect(fs.readFileSync(path.join(listOut, f)).equals(before.get(f)!), f).toBe(true);
    expect(result.rendered).toBeLessThan(20);
    expect(read('index.html', listOut)).toContain('Copper note 75');
    expect(pagesUnder('page/').filter((f) => read(f, listOut).includes('>Copper note 0<'))).toHaveLength(1);
  });

  it('change only the page an article of an older date lands on, in each of its lists', async () => {
    await listBuild();
    const older = [...pagesUnder('page/'), ...pagesUnder('metals/copper/page/')];
    const before = new Map(older.map((f) => [f, fs.readFileSync(path.join(listOut, f))]));
    // dated among the oldest notes: counted pages moved every page newer than it (all three here)
    fs.writeFileSync(path.join(listSeeds, 'copper-002b.md'), `---\ntitle: Copper note 2b\ndate: ${day(2)}\n---\n\nCopper prices rose 2% on the day, traders said.\n`);
    await listBuild();
    const after = [...pagesUnder('page/'), ...pagesUnder('metals/copper/page/')];
    const changed = after.filter((f) => !before.get(f)?.equals(fs.readFileSync(path.join(listOut, f))));
    // the page it lands on in the digest and the one in copper's list, and no other
    expect(older.length).toBeGreaterThanOrEqual(3);
    expect(changed).toHaveLength(2);
    for (const f of changed) expect(read(f, listOut)).toContain('Copper note 2b');
  });

  it('show an older article retitled on the one page of each list that holds it, every other older page and the feeds as they were', async () => {
    await listBuild();
    const older = [...pagesUnder('page/'), ...pagesUnder('metals/copper/page/')];
    const before = new Map(older.map((f) => [f, fs.readFileSync(path.join(listOut, f))]));
    const copperFeed = path.join(listOut, 'metals/copper/feed.xml');
    const feedBefore = fs.statSync(copperFeed).ino;
    const retitle = async (n: number) => {
      const note = path.join(listSeeds, `copper-${String(n).padStart(3, '0')}.md`);
      fs.writeFileSync(note, fs.readFileSync(note, 'utf8').replace(`title: Copper note ${n}\n`, `title: Copper note ${n}, retitled\n`));
      return (await listBuild()).result;
    };
    const result = await retitle(10);
    const changed = older.filter((f) => !before.get(f)!.equals(fs.readFileSync(path.join(listOut, f))));
    expect(changed).toHaveLength(2);
    for (const f of changed) expect(read(f, listOut)).toContain('Copper note 10, retitled');
    expect(result.rendered).toBeLessThan(20);
    // copper's feed lists its newest notes only: the live site's file, until one of them is retitled
    expect(fs.statSync(copperFeed).ino).toBe(feedBefore);
    await retitle(74);
    expect(read('metals/copper/feed.xml', listOut)).toContain('Copper note 74, retitled');
  });

  it('copy each unchanged article\'s JSON from the last records.json, and write it whole when that file is not as described', async () => {
    await listBuild();
    const recordsFile = path.join(listOut, 'data/records.json');
    const json = read('data/records.json', listOut);
    // the same size, one article's id not its own: the copy is found out, and every article made anew
    fs.writeFileSync(recordsFile, json.replace('{"id":"copper-010",', '{"id":"copper-01x",'));
    addArticle(90);
    await listBuild();
    const records = JSON.parse(read('data/records.json', listOut)) as { articles: { id: string }[] };
    expect(records.articles.map((a) => a.id)).toContain('copper-010');
    expect(records.articles.map((a) => a.id)).not.toContain('copper-01x');
    expect(records.articles[0]!.id).toBe('copper-090');
    // and the next rebuild copies from it again
    addArticle(91);
    await listBuild();
    const next = JSON.parse(read('data/records.json', listOut)) as typeof records;
    expect(next.articles.map((a) => a.id)).toEqual(['copper-091', ...records.articles.map((a) => a.id)]);
    expect(next.articles.slice(1)).toEqual(records.articles);
  });

  it("keep the feed of an entity no change reached as the live site's file; the feeds it reached are made anew", async () => {
    await listBuild();
    const copperFeed = path.join(listOut, 'metals/copper/feed.xml');
    const copper = fs.statSync(copperFeed).ino;
    fs.writeFileSync(path.join(listSeeds, 'nickel-001.md'), `---\ntitle: Nickel note 1\ndate: ${day(80)}\n---\n\nNickel prices fell 3% on the day, traders said.\n`);
    await listBuild();
    expect(fs.statSync(copperFeed).ino).toBe(copper);
    expect(read('metals/nickel/feed.xml', listOut)).toContain('Nickel note 1');
    expect(read('feed.xml', listOut)).toContain('Nickel note 1');
  });
});

describe('search after a rebuild', () => {
  it('finds an edited article by its new words only, and a deleted one no more, through the search page', async ({ skip }) => {
    if (!hasChromium()) return skip();
    const searchSeeds = path.join(work, 'search-seeds');
    const searchOut = path.join(work, 'search-site');
    const searchBuild = () => buildSite({ seedsDir: searchSeeds, outDir: searchOut, cacheDir: path.join(work, 'search-cache') });
    fs.cpSync(path.join(PROJECT, 'seeds'), searchSeeds, { recursive: true });
    const note = (word: string) => `---\ntitle: Smelter note\ndate: 2025-05-02\n---\n\nNordic Zinc Ltd said on Friday its ${word} smelter in Finland restarted after a halt.\n`;
    fs.writeFileSync(path.join(searchSeeds, 'zinc.md'), note('Kokkola'));
    fs.writeFileSync(path.join(searchSeeds, 'tin.md'), '---\ntitle: Tin note\ndate: 2025-05-03\n---\n\nMalaysia Smelting Corp said on Monday its Butterworth tin smelter would close.\n');
    fs.writeFileSync(path.join(searchSeeds, 'copper.md'), '---\ntitle: Copper note\ndate: 2025-05-04\n---\n\nBoliden AB said on Tuesday its Ronnskar copper smelter in Sweden would run at full rate.\n');
    await searchBuild();
    fs.writeFileSync(path.join(searchSeeds, 'zinc.md'), note('Harjavalta'));
    fs.rmSync(path.join(searchSeeds, 'tin.md'));
    await searchBuild();
    // the rebuild linked the base shards and hid their old entries
    const { shards } = JSON.parse(read('pagefind/shards.json', searchOut)) as { shards: { name: string; hidden?: string[] }[] };
    expect(shards.map((s) => s.name)).toContain('recent');
    expect(shards.some((s) => s.hidden?.length)).toBe(true);

    const server = await serveStatic(searchOut);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const found = async (q: string) => {
        await page.goto(`${server.url}search/?q=${q}`);
        await page.locator('.search-status').filter({ hasText: /result/ }).waitFor({ timeout: 15_000 });
        return page.locator('.search-results h2 a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      };
      expect(await found('Harjavalta')).toEqual(['/articles/zinc/']);
      expect(await found('Kokkola')).toEqual([]);
      // the base shards know "smelter" but not "Harjavalta": they must not answer with every smelter
      expect(await found('Harjavalta smelter')).toEqual(['/articles/zinc/']);
      expect(await found('smelter')).toEqual(expect.arrayContaining(['/articles/copper/', '/articles/zinc/']));
      expect(await found('Butterworth')).toEqual([]);
      expect(await page.locator('.search-status').textContent()).toMatch(/^0 results/);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('a project moved with its cache', () => {
  /** A project folder: its seeds (the user's and one more), the site and the cache inside it. */
  const makeProject = (root: string) => {
    fs.cpSync(path.join(PROJECT, 'seeds'), path.join(root, 'seeds'), { recursive: true });
    fs.writeFileSync(path.join(root, 'seeds/zinc.md'), '---\ntitle: Zinc smelter restarts\ndate: 2025-05-02\n---\n\nNordic Zinc Ltd said on Friday it restarted its smelter in Finland after a two-month halt.\n');
  };
  const buildIn = (root: string) => buildSite({ seedsDir: path.join(root, 'seeds'), outDir: path.join(root, 'site'), cacheDir: path.join(root, 'cache') });

  it('keeps its records, page keys and spare: nothing is extracted or rendered again', async () => {
    const before = path.join(work, 'moved-from');
    const after = path.join(work, 'moved-to');
    makeProject(before);
    await buildIn(before);
    await buildIn(before);
    fs.renameSync(before, after);
    const moved = await buildIn(after);
    expect(moved.log.join('\n')).toMatch(/\(3 from cache\)/);
    expect(moved.result.rendered).toBe(0);
    fs.appendFileSync(path.join(after, 'seeds/zinc.md'), '\nThe smelter produces 150,000 tonnes of zinc a year.\n');
    const edited = await buildIn(after);
    expect(edited.log.join('\n')).toMatch(/\(2 from cache\)/);
    expect(edited.result.rendered).toBeLessThan(edited.result.pages / 2);
    expect(read('articles/zinc/index.html', path.join(after, 'site'))).toContain('150,000 tonnes');
  });

  it('takes over what a cache holds under the keys of absolute paths (before 2026-12-07): records, page keys and spare kept, nothing left behind', async () => {
    const root = path.join(work, 'legacy');
    makeProject(root);
    await buildIn(root);
    await buildIn(root);
    const cache = path.join(root, 'cache');
    const out = path.join(root, 'site');
    // the cache as a generator before 2026-12-07 left it (the page keys' file names its files beside as they are)
    const [key, legacyKey] = [cacheKeyOf(out, cache), legacyCacheKeyOf(out)];
    const [seedsKey, legacySeedsKey] = [cacheKeyOf(path.join(root, 'seeds'), cache), legacyCacheKeyOf(path.join(root, 'seeds'))];
    fs.renameSync(path.join(cache, `pages-${key}.bin`), path.join(cache, `pages-${legacyKey}.bin`));
    for (const name of fs.readdirSync(cache)) {
      if (name.startsWith(`records-${seedsKey}-`)) fs.renameSync(path.join(cache, name), path.join(cache, name.replace(seedsKey, legacySeedsKey)));
    }
    fs.renameSync(workFolderOf(out, cache), workFolderOf(out, cache, legacyKey));
    fs.appendFileSync(path.join(root, 'seeds/zinc.md'), '\nThe smelter produces 150,000 tonnes of zinc a year.\n');
    const again = await buildIn(root);
    expect(again.log.join('\n')).toMatch(/\(2 from cache\)/);
    expect(again.result.rendered).toBeLessThan(again.result.pages / 2);
    expect(fs.existsSync(path.join(workFolderOf(out, cache), 'spare'))).toBe(true);
    const left = [...fs.readdirSync(cache), ...fs.readdirSync(path.join(cache, 'outputs'))].filter((name) => name.includes(legacyKey) || name.includes(legacySeedsKey));
    expect(left).toEqual([]);
  });
});
