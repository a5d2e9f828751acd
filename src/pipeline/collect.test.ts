import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectArticles, extractAhead, outcomesAhead } from './collect.ts';
import { TOUCHED_BEFORE_GIT } from '../read/git-blobs.ts';
import { discoverSeeds } from '../read/discover.ts';
import { git, hasGit } from '../../tests/helpers/git.ts';
import { RecordCache } from '../store/record-cache.ts';
import { factsOf } from '../store/held-facts.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function seedsWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}

describe('collectArticles', () => {
  it('takes unchanged files from the cache and reads changed ones again', async () => {
    const seeds = seedsWith({ 'a.md': '---\ntitle: Copper output rises\n---\n\nCopper output rose 5%.\n', 'b.md': '---\ntitle: Tin price falls\n---\n\nTin fell 2%.\n' });
    const cache = await RecordCache.open(seeds, { enabled: false });
    const first = await collectArticles(seeds, { cache });
    expect(first).toMatchObject({ cached: 0, processed: 2 });

    cache.rollover();
    fs.writeFileSync(path.join(seeds, 'a.md'), '---\ntitle: Copper output falls\n---\n\nCopper output fell 5% in the quarter.\n');
    const second = await collectArticles(seeds, { cache });
    expect(second).toMatchObject({ cached: 1, processed: 1 });
    expect(second.records.map((r) => r.title)).toEqual(['Copper output falls', 'Tin price falls']);
  });

  it('takes the records another thread extracted ahead for the files it would extract, the same as made here, and extracts the rest itself', async () => {
    const files = { 'a.md': '---\ntitle: Lithium plant opens\n---\n\nAlbemarle opened a lithium plant in Chile.\n', 'b.md': '---\ntitle: Cobalt price rises\n---\n\nCobalt rose 4%.\n' };
    const seeds = seedsWith(files);
    const here = await collectArticles(seeds, { cache: await RecordCache.open(seeds, { enabled: false }) });
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-cache-'));
    dirs.push(cacheDir);
    const cache = await RecordCache.open(seeds, { enabled: true, dir: cacheDir });
    const ahead = await extractAhead([{ path: path.join(seeds, 'a.md'), relPath: 'a.md' }], RecordCache.folderOf(seeds, cacheDir));
    const collected = await collectArticles(seeds, { cache, extractedAhead: Promise.resolve(outcomesAhead(structuredClone(ahead))) });
    await cache.save();
    expect(collected).toMatchObject({ cached: 0, processed: 2 });
    const outline = (r: (typeof here.records)[number]) => [r.title, r.source.digest, r.summary, r.companies.map((c) => c.name), factsOf(r)];
    expect(collected.records.map(outline)).toEqual(here.records.map(outline));
    expect(collected.records[0]!.companies.map((c) => c.name)).toEqual(['Albemarle']);

    // what was handed over is what is taken: an outcome that says the file was skipped is taken as it is
    const skipped = { relPaths: ['b.md'], batch: { outcomes: [{ skipped: { relPath: 'b.md', reason: 'handed over', fix: 'none', severity: 'warning' as const }, message: { file: 'b.md', line: null, column: null, reason: 'skipped: handed over', ruleId: 'test', severity: 'error' as const } }], bytes: new Uint8Array(0) } };
    const fresh = await RecordCache.open(seeds, { enabled: false });
    const withSkip = await collectArticles(seeds, { cache: fresh, extractedAhead: Promise.resolve(outcomesAhead(skipped)) });
    expect(withSkip.records.map((r) => r.source.relPath)).toEqual(['a.md']);
    expect(withSkip.messages.map((m) => m.reason)).toEqual(['skipped: handed over']);
  });

  it.skipIf(!hasGit)('after a checkout gave every file a new time, takes the files git has as they were from the cache without reading them', async () => {
    const name = (i: number) => `n${String(i).padStart(3, '0')}.md`;
    const count = TOUCHED_BEFORE_GIT + 40;
    const files: Record<string, string> = {};
    for (let i = 0; i < count; i++) files[name(i)] = `---\ntitle: Copper note ${i}\n---\n\nCopper output rose ${i} tonnes.\n`;
    const seeds = seedsWith(files);
    git(seeds, 'init', '-q');
    git(seeds, 'add', '.');
    git(seeds, 'commit', '-qm', 'seeds');
    const cache = await RecordCache.open(seeds, { enabled: false });
    expect(await collectArticles(seeds, { cache })).toMatchObject({ cached: 0, processed: count });
    cache.rollover();

    // a fresh checkout: every file a new time, and git's index written with them
    const later = new Date(Date.now() + 120_000);
    for (let i = 0; i < count; i++) fs.utimesSync(path.join(seeds, name(i)), later, later);
    git(seeds, 'update-index', '-q', '--refresh');
    // then two edited: one committed (git has another blob), one not (git names it)
    const committed = name(count - 2);
    const edited = name(count - 1);
    fs.writeFileSync(path.join(seeds, committed), '---\ntitle: Tin note\n---\n\nTin output fell.\n');
    git(seeds, 'commit', '-qam', 'tin');
    fs.writeFileSync(path.join(seeds, edited), '---\ntitle: Zinc note\n---\n\nZinc output fell.\n');

    const read = vi.spyOn(fs, 'readFileSync');
    let second: Awaited<ReturnType<typeof collectArticles>>;
    let calls: unknown[][];
    try {
      second = await collectArticles(seeds, { cache });
    } finally {
      calls = [...read.mock.calls];
      read.mockRestore();
    }
    expect(second).toMatchObject({ cached: count - 2, processed: 2 });
    expect(second.records.slice(-2).map((r) => r.title)).toEqual(['Tin note', 'Zinc note']);
    // the files before git is asked are read; after it, only the two edited ones (to digest, then to extract)
    const seedsRead = calls.map(([file]) => path.relative(seeds, String(file))).filter((file) => file.endsWith('.md'));
    expect(seedsRead.filter((file) => file >= name(TOUCHED_BEFORE_GIT))).toEqual([committed, edited, committed, edited]);
    // a file git vouched for whose time is after git looked (here, dated ahead) keeps its old time
    // in the index, and the next build looks at it again; a file read has its new one noted
    cache.rollover();
    const vouched = fs.statSync(path.join(seeds, name(TOUCHED_BEFORE_GIT)));
    expect(cache.digestByStat(name(TOUCHED_BEFORE_GIT), vouched.size, vouched.mtimeMs)).toBeUndefined();
    const first = fs.statSync(path.join(seeds, name(0)));
    expect(cache.digestByStat(name(0), first.size, first.mtimeMs)).toBe(second.records[0]!.source.digest);
  });

  it('with a watcher\'s list of changed files, reads just those and keeps the rest without a look', async () => {
    const { seeds, cache } = await collectedThenEdited();
    fs.writeFileSync(path.join(seeds, 'c.md'), '---\ntitle: Lithium deal signed\n---\n\nA lithium deal was signed.\n');
    const next = await collectArticles(seeds, { cache, changed: new Set(['a.md', 'c.md']) });
    expect(next).toMatchObject({ cached: 1, processed: 2 });
    expect(next.records.map((r) => r.title)).toEqual(['Nickel mine delayed', 'Zinc smelter shut', 'Lithium deal signed']);
  });

  it('takes the seeds check\'s list of changed files while the folder holds as many files as the check saw, and looks at every file otherwise', async () => {
    const { seeds, cache } = await collectedThenEdited();
    const listed = await collectArticles(seeds, { cache, statChecked: { changed: new Set(['a.md']), articles: 2 } });
    expect(listed).toMatchObject({ cached: 1, processed: 1 });
    cache.rollover();
    // a file came after the check: its list is not the folder's any more, and b.md's edit is seen by its size
    fs.writeFileSync(path.join(seeds, 'b.md'), '---\ntitle: Zinc smelter restarts\n---\n\nThe zinc smelter restarted.\n');
    fs.writeFileSync(path.join(seeds, 'c.md'), '---\ntitle: Lithium deal signed\n---\n\nA lithium deal was signed.\n');
    const grown = await collectArticles(seeds, { cache, statChecked: { changed: new Set(), articles: 2 } });
    expect(grown.records.map((r) => r.title)).toEqual(['Nickel mine delayed', 'Zinc smelter restarts', 'Lithium deal signed']);
  });

  it("takes the folder as the seeds check found it when handed its discovery: a file come since is the next build's", async () => {
    const { seeds, cache } = await collectedThenEdited();
    const discovery = await discoverSeeds(seeds);
    fs.writeFileSync(path.join(seeds, 'c.md'), '---\ntitle: Lithium deal signed\n---\n\nA lithium deal was signed.\n');
    const asChecked = await collectArticles(seeds, { cache, statChecked: { changed: new Set(['a.md']), articles: 2, discovery } });
    expect(asChecked).toMatchObject({ cached: 1, processed: 1 });
    expect(asChecked.records.map((r) => r.title)).toEqual(['Nickel mine delayed', 'Zinc smelter shut']);
    cache.rollover();
    expect((await collectArticles(seeds, { cache })).records.map((r) => r.title)).toEqual(['Nickel mine delayed', 'Zinc smelter shut', 'Lithium deal signed']);
  });

  it("notes the new times the seeds check found for files git vouched for, so the next build knows them by size and time", async () => {
    const { seeds, cache } = await collectedThenEdited();
    const later = new Date(Date.now() + 120_000);
    fs.utimesSync(path.join(seeds, 'b.md'), later, later);
    const stat = fs.statSync(path.join(seeds, 'b.md'));
    expect(cache.digestByStat('b.md', stat.size, stat.mtimeMs)).toBeUndefined();
    const restamped = new Map([['b.md', { size: stat.size, mtimeMs: stat.mtimeMs }]]);
    const next = await collectArticles(seeds, { cache, statChecked: { changed: new Set(['a.md']), articles: 2, restamped } });
    expect(next).toMatchObject({ cached: 1, processed: 1 });
    cache.rollover();
    expect(cache.digestByStat('b.md', stat.size, stat.mtimeMs)).toBe(next.records[1]!.source.digest);
  });
});

/** Two articles collected once with a cache in memory, then a.md edited: what the next build finds. */
async function collectedThenEdited() {
  const seeds = seedsWith({ 'a.md': '---\ntitle: Nickel mine opens\n---\n\nThe nickel mine opened.\n', 'b.md': '---\ntitle: Zinc smelter shut\n---\n\nThe zinc smelter shut.\n' });
  const cache = await RecordCache.open(seeds, { enabled: false });
  await collectArticles(seeds, { cache });
  cache.rollover();
  fs.writeFileSync(path.join(seeds, 'a.md'), '---\ntitle: Nickel mine delayed\n---\n\nThe nickel mine was delayed.\n');
  return { seeds, cache };
}

/** One build's collect stage with the cache in `dir`, saved as a build saves it. */
async function collectWithCache(seeds: string, dir: string) {
  const cache = await RecordCache.open(seeds, { enabled: true, dir });
  const collected = await collectArticles(seeds, { cache });
  await cache.save();
  return { cache, collected };
}

describe('the record cache on disk', () => {
  it('is rewritten only when a build changed something', async () => {
    const seeds = seedsWith({ 'a.md': '---\ntitle: Cobalt exports resume\n---\n\nCobalt exports resumed.\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
    dirs.push(dir);
    const build = async () => (await collectWithCache(seeds, dir)).collected;
    await build();
    const [folder] = fs.readdirSync(dir);
    const index = path.join(dir, folder!, 'index.bin');
    const written = fs.statSync(index).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect((await build()).cached).toBe(1);
    expect(fs.statSync(index).mtimeMs).toBe(written);
    fs.writeFileSync(path.join(seeds, 'b.md'), '---\ntitle: Tin smelter shut\n---\n\nThe tin smelter shut.\n');
    await build();
    expect(fs.statSync(index).mtimeMs).toBeGreaterThan(written);
  });

  it('keeps each record in one file, reads its body back for its page, and drops the files of changed articles', async () => {
    const seeds = seedsWith({ 'a.md': '---\ntitle: Cobalt exports resume\n---\n\nCobalt exports resumed in Congo.\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
    dirs.push(dir);
    const build = () => collectWithCache(seeds, dir);
    const recordFiles = () => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin') && !f.endsWith('index.bin'));
    const first = await build();
    const [held] = first.collected.records;
    // the build holds no whole record in memory: the article's page reads its body back from the file
    expect(held!.full).toBeUndefined();
    expect(first.cache.body(held!.source.relPath, held!.source.digest)?.doc.text).toContain('Cobalt exports resumed');
    expect(recordFiles()).toHaveLength(1);
    fs.writeFileSync(path.join(seeds, 'a.md'), '---\ntitle: Cobalt exports stop\n---\n\nCobalt exports stopped.\n');
    const second = await build();
    expect(second.collected.processed).toBe(1);
    expect(recordFiles()).toHaveLength(1);
  });

  it('removes the files a build that never saved its index left behind, and only then walks the folder', async () => {
    const seeds = seedsWith({ 'a.md': '---\ntitle: Cobalt exports resume\n---\n\nCobalt exports resumed in Congo.\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
    dirs.push(dir);
    const recordFiles = () => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin') && !f.endsWith('index.bin'));
    await collectWithCache(seeds, dir);
    const [kept] = recordFiles();
    const folder = path.dirname(path.join(dir, kept!));
    // a build killed after writing a record: its file, and the mark it leaves until its index is saved
    const orphan = path.join(path.dirname(folder), 'ff', 'f'.repeat(32) + '.bin');
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    fs.writeFileSync(orphan, 'half a record');
    fs.writeFileSync(path.join(path.dirname(folder), 'unswept'), '');
    // nothing changed in the seeds, yet this build sweeps
    const again = await collectWithCache(seeds, dir);
    expect(again.collected.cached).toBe(1);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(fs.existsSync(path.join(path.dirname(folder), 'unswept'))).toBe(false);
    expect(recordFiles()).toEqual([kept]);
  });

  it('takes back the records a build stopped before saving its index had made, in worker threads too, without making them again', async () => {
    const files: Record<string, string> = {};
    // enough files for the extraction threads
    for (let i = 0; i < 160; i++) files[`a${String(i).padStart(3, '0')}.md`] = `---\ntitle: Copper mine ${i} expands\ndate: 2025-03-${String((i % 28) + 1).padStart(2, '0')}\n---\n\nCodelco said mine ${i} would lift copper output by ${i + 2}% in 2026.\n`;
    const seeds = seedsWith(files);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
    dirs.push(dir);
    const first = await collectWithCache(seeds, dir);
    expect(first.collected).toMatchObject({ cached: 0, processed: 160 });
    // the records are there, the index that names them is not (the build was stopped before saving it)
    const [folder] = fs.readdirSync(dir);
    fs.rmSync(path.join(dir, folder!, 'index.bin'));
    fs.rmSync(path.join(dir, folder!, 'held.pack'));
    fs.writeFileSync(path.join(dir, folder!, 'unswept'), '');
    const again = await collectWithCache(seeds, dir);
    expect(again.collected).toMatchObject({ cached: 160, processed: 0 });
    expect(again.collected.records.map((r) => r.title)).toEqual(first.collected.records.map((r) => r.title));
    // and the index now matches every file by its size and time
    expect((await collectWithCache(seeds, dir)).collected).toMatchObject({ cached: 160, processed: 0 });
  });

  it('keeps the stories a link found beside the records, and gives none back from a damaged file', async () => {
    const seeds = seedsWith({ 'a.md': '---\ntitle: Tin price falls\n---\n\nTin fell 2%.\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-cache-'));
    dirs.push(dir);
    const { cache } = await collectWithCache(seeds, dir);
    expect(cache.knownStories()).toBeNull();
    const known = { paths: ['a.md', 'b.md', 'c.md'], digests: ['d1', 'd2', 'd3'], copies: [['a.md\0d1', 'c.md\0d3']] };
    cache.keepStories(known);
    await cache.flush();
    const again = await RecordCache.open(seeds, { enabled: true, dir });
    expect(again.knownStories()).toEqual(known);
    fs.writeFileSync(path.join(RecordCache.folderOf(seeds, dir).dir, 'stories.bin'), 'not a v8 value');
    expect(again.knownStories()).toBeNull();
    // a cache in memory keeps none
    const inMemory = await RecordCache.open(seeds, { enabled: false });
    inMemory.keepStories(known);
    expect(inMemory.knownStories()).toBeNull();
  });

  it('reads back, from a record\'s file, the held part as it was made and the text alone', async () => {
    const seeds = seedsWith({ 'a.md': '---\ntitle: Nickel plant delayed\ndate: 2025-03-18\n---\n\nVale said on Tuesday the nickel plant would open in June 2026, not in 2025, at a cost of US$1.2 billion. Its output would reach 40,000 tonnes by 2028.\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
    dirs.push(dir);
    const made = await collectWithCache(seeds, dir);
    const [held] = made.collected.records;
    const { relPath, digest } = held!.source;
    // a new build reads the held parts from their files
    const reread = await collectWithCache(seeds, dir);
    expect(reread.collected.cached).toBe(1);
    const [again] = reread.collected.records;
    expect({ ...again!, facts: factsOf(again!) }).toEqual({ ...held!, facts: factsOf(held!) });
    expect(factsOf(again!).dates.length).toBeGreaterThan(1);
    expect(reread.cache.text(relPath, digest)).toBe(reread.cache.body(relPath, digest)!.doc.text);
    expect(reread.cache.text(relPath, digest)).toContain('US$1.2 billion');
  });

  it('removes the folders other extractor versions or file layouts left for the same seeds', async () => {
    const seeds = seedsWith({ 'a.md': '---\ntitle: Tin smelter shut\n---\n\nThe tin smelter shut.\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
    dirs.push(dir);
    await collectWithCache(seeds, dir);
    const [current] = fs.readdirSync(dir);
    const seedsKey = /^records-([0-9a-f]+)-/.exec(current!)![1];
    for (const old of [`records-${seedsKey}-0123456789abcdef`, `records-${seedsKey}-0123456789abcdef-1`, 'records-ffffffffffff-0123456789abcdef-2']) fs.mkdirSync(path.join(dir, old));
    fs.writeFileSync(path.join(seeds, 'b.md'), '---\ntitle: Zinc mine opens\n---\n\nThe zinc mine opened.\n');
    await collectWithCache(seeds, dir);
    // another seeds folder's cache stays
    expect(fs.readdirSync(dir).sort()).toEqual([current!, 'records-ffffffffffff-0123456789abcdef-2'].sort());
  });

  it('makes a record again when its file is damaged, and asks for no more than the file holds', async () => {
    const seeds = seedsWith({ 'a.md': '---\ntitle: Copper smelter restarts\n---\n\nThe copper smelter restarted.\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
    dirs.push(dir);
    await collectWithCache(seeds, dir);
    const file = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.bin') && !f.endsWith('index.bin'))!;
    const bytes = fs.readFileSync(path.join(dir, file));
    // the header claims a text of 4 GB, and the held part must come from this file: no pack
    bytes.writeUInt32LE(0xffffffff, 4);
    fs.writeFileSync(path.join(dir, file), bytes);
    fs.rmSync(path.join(dir, path.dirname(path.dirname(file)), 'held.pack'));
    const again = await collectWithCache(seeds, dir);
    expect(again.collected.processed).toBe(1);
    const [held] = again.collected.records;
    expect(again.cache.text(held!.source.relPath, held!.source.digest)).toContain('copper smelter restarted');
  });

  it('keeps a record of each of two files with the same bytes (records are named by content and path): the next build reads both back', async () => {
    const same = '---\ntitle: Lithium plant starts\n---\n\nThe lithium plant started in Chile.\n';
    const seeds = seedsWith({ 'lithium-wire.md': same, 'lithium-saved.md': same });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
    dirs.push(dir);
    await collectWithCache(seeds, dir);
    // from the records' own files, which say whose they are (the pack would serve either)
    fs.rmSync(path.join(RecordCache.folderOf(seeds, dir).dir, 'held.pack'));
    const again = await collectWithCache(seeds, dir);
    expect(again.collected.processed).toBe(0);
    expect(again.collected.records.map((r) => r.source.relPath).sort()).toEqual(['lithium-saved.md', 'lithium-wire.md']);
    for (const held of again.collected.records) expect(again.cache.text(held.source.relPath, held.source.digest)).toContain('lithium plant started');
  });

  it('reads held parts from the pack, and makes a record again when its file is gone or cut short (in a folder written since the index was saved) though the pack holds its part', async () => {
    const seeds = seedsWith({ 'a.md': '---\ntitle: Copper smelter restarts\n---\n\nThe copper smelter restarted.\n', 'b.md': '---\ntitle: Zinc mine opens\n---\n\nThe zinc mine opened in Peru.\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
    dirs.push(dir);
    const first = await collectWithCache(seeds, dir);
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin') && !f.endsWith('index.bin'));
    const pack = path.join(dir, path.dirname(path.dirname(files[0]!)), 'held.pack');
    expect(fs.statSync(pack).size).toBeGreaterThan(0);
    // every record's file is read no more for its held part: a file whose held part is unreadable still gives it
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(dir, file));
      bytes.fill(0, 8, 40);
      fs.writeFileSync(path.join(dir, file), bytes);
    }
    const fromPack = await collectWithCache(seeds, dir);
    expect(fromPack.collected.processed).toBe(0);
    expect(fromPack.collected.records.map((r) => r.title).sort()).toEqual(first.collected.records.map((r) => r.title).sort());
    // one file cut short, one gone: both records are made again
    fs.truncateSync(path.join(dir, files[0]!), 20);
    fs.rmSync(path.join(dir, files[1]!));
    const again = await collectWithCache(seeds, dir);
    expect(again.collected.processed).toBe(2);
    for (const held of again.collected.records) expect(again.cache.text(held.source.relPath, held.source.digest)).toMatch(/restarted|opened/);
  });

  it('trusts the record files of a folder untouched since the last save, and looks at each file of a folder changed since', async () => {
    const seeds = seedsWith({ 'a.md': '---\ntitle: Tin smelter restarts\n---\n\nThe tin smelter restarted.\n', 'b.md': '---\ntitle: Nickel mine opens\n---\n\nThe nickel mine opened in Indonesia.\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-'));
    dirs.push(dir);
    await collectWithCache(seeds, dir);
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /[0-9a-f]{2}\/.+\.bin$/.test(f));
    // the folders as a build long ago left them, stamped again by the next build that saves
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const file of files) fs.utimesSync(path.join(dir, path.dirname(file)), hourAgo, hourAgo);
    expect((await collectWithCache(seeds, dir)).collected.processed).toBe(0);
    // untouched since: a file cut short in place is not looked at (nothing here writes into a record's file)
    fs.truncateSync(path.join(dir, files[0]!), 20);
    expect((await collectWithCache(seeds, dir)).collected.processed).toBe(0);
    // a file gone changes its folder's time: that folder's files are looked at, and the record is made again
    fs.rmSync(path.join(dir, files[1]!));
    const again = await collectWithCache(seeds, dir);
    const sameFolder = path.dirname(files[0]!) === path.dirname(files[1]!);
    expect(again.collected.processed).toBe(sameFolder ? 2 : 1);
    // a record's file is named by the article's digest
    const remade = again.collected.records.find((r) => path.basename(files[1]!).startsWith(r.source.digest))!;
    expect(again.cache.text(remade.source.relPath, remade.source.digest)).toMatch(/restarted|opened/);
  });
});

const item = (guid: string, title: string, text: string) => `<item><title>${title}</title><guid>${guid}</guid><link>https://wire.example/${guid}</link><pubDate>Tue, 02 Jun 2026 09:00:00 GMT</pubDate><description>${text}</description></item>`;
const rss = (...items: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items.join('')}</channel></rss>`;
const COPPER = item('copper-output', 'Copper output rises', 'Codelco said copper output rose 4% in May.');
const TIN = item('tin-price', 'Tin price falls', 'Tin fell 2% on the London Metal Exchange on Tuesday.');
const ZINC = item('zinc-smelter', 'Zinc smelter shut', 'Nyrstar shut its zinc smelter in Hobart for maintenance.');

describe('feed items in the build', () => {
  it('a feed saved again with a new item reads only that item; the others keep their records and pages', async () => {
    const seeds = seedsWith({ 'wire.rss': rss(COPPER, TIN) });
    const cache = await RecordCache.open(seeds, { enabled: false });
    const first = await collectArticles(seeds, { cache });
    expect(first).toMatchObject({ cached: 0, processed: 2 });
    const slugs = new Map(first.records.map((r) => [r.title, r.source.frontMatter.slug]));

    cache.rollover();
    fs.writeFileSync(path.join(seeds, 'wire.rss'), rss(ZINC, COPPER, TIN));
    const second = await collectArticles(seeds, { cache });
    expect(second).toMatchObject({ cached: 2, processed: 1 });
    expect(second.records.map((r) => r.title).sort()).toEqual(['Copper output rises', 'Tin price falls', 'Zinc smelter shut']);
    for (const r of second.records) if (slugs.has(r.title)) expect(r.source.frontMatter.slug).toBe(slugs.get(r.title));
  });

  it('an item saved in two feed files is one article, read from the first file', async () => {
    const seeds = seedsWith({ 'wire-06-01.rss': rss(COPPER, TIN), 'wire-06-02.rss': rss(ZINC, COPPER) });
    const collected = await collectArticles(seeds, { cache: await RecordCache.open(seeds, { enabled: false }) });
    expect(collected.records.map((r) => r.source.relPath.replace(/-[0-9a-f]{8}$/, ''))).toEqual(['wire-06-01.rss#copper-output', 'wire-06-01.rss#tin-price', 'wire-06-02.rss#zinc-smelter']);
    expect(collected.messages.filter((m) => m.severity !== 'info')).toEqual([]);
  });

  it('a broken feed is one message naming the file; the other articles build', async () => {
    const seeds = seedsWith({ 'cut.xml': rss(COPPER).slice(0, 90), 'good.md': '---\ntitle: Nickel mine opens\n---\n\nThe nickel mine opened on Monday.\n', 'prices.json': '{"copper": 9800}' });
    const collected = await collectArticles(seeds, { cache: await RecordCache.open(seeds, { enabled: false }) });
    expect(collected.records.map((r) => r.title)).toEqual(['Nickel mine opens']);
    expect(collected.messages.filter((m) => m.severity !== 'info')).toEqual([expect.objectContaining({ file: 'cut.xml', severity: 'error', reason: expect.stringMatching(/^skipped: is not a feed that can be read .*; save the feed again/) })]);
    expect(collected.skipped.map((s) => [s.relPath, s.severity])).toEqual([['cut.xml', 'warning'], ['prices.json', 'info']]);
  });
});
