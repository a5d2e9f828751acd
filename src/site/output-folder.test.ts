import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { spawnSync } from 'node:child_process';
import { COPY_AS_SPARE, OutputFolder, OutputLockedError, removeStaleLock, workFolderOf } from './output-folder.ts';
import { OUTPUT_MARK, OUTPUT_MARK_TEXT } from './output-guard.ts';

let dir: string;
let out: string;
let cache: string;
/** The output's work folder (lock, staging, spare), in the cache. */
let work: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'out-folder-'));
  out = path.join(dir, 'dist');
  cache = path.join(dir, 'cache');
  work = workFolderOf(out, cache);
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'index.html'), 'previous site');
  fs.writeFileSync(path.join(out, OUTPUT_MARK), OUTPUT_MARK_TEXT);
});
/** What the work folder holds once no build runs: the output it serves, and the spare. */
const IDLE = ['output-path', 'spare'];
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Waits for a background removal (a process of its own), for at most ten seconds. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('OutputFolder', () => {
  it('swaps the staging folder in, dropping stale pages, and keeps the replaced site as the spare', async () => {
    fs.writeFileSync(path.join(out, 'stale.html'), 'deleted article');
    const folder = new OutputFolder(out, cache);
    await folder.open();
    fs.writeFileSync(path.join(await folder.prepareStaging(), 'index.html'), 'new site');
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    await folder.commit();
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('new site');
    expect(fs.existsSync(path.join(out, 'stale.html'))).toBe(false);
    expect(fs.readdirSync(work).sort()).toEqual(IDLE);
  });

  it('removes the replaced site instead of keeping it as the spare when told to, and the next build stages into a fresh folder', async () => {
    const folder = new OutputFolder(out, cache);
    await folder.open();
    fs.writeFileSync(path.join(await folder.prepareStaging(), 'index.html'), 'new site');
    const { spareMark } = await folder.commit(false);
    expect(spareMark).toBeNull();
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('new site');
    await until(() => fs.readdirSync(work).sort().join() === 'output-path');
    expect(fs.readdirSync(work).sort()).toEqual(['output-path']);
    const next = new OutputFolder(out, cache);
    await next.open();
    expect(fs.readdirSync(await next.prepareStaging())).toEqual([]);
    await next.abort();
  });

  it('makes a copy of the new site, its files links, as the spare when none is kept; the next build waits for it and stages into it as described', async () => {
    const folder = new OutputFolder(out, cache);
    await folder.open();
    const staged = await folder.prepareStaging();
    fs.mkdirSync(path.join(staged, 'articles/a'), { recursive: true });
    fs.writeFileSync(path.join(staged, 'articles/a/index.html'), 'article a');
    fs.writeFileSync(path.join(staged, 'index.html'), 'new site');
    fs.writeFileSync(path.join(staged, 'feed.xml'), 'new feed');
    const { spareMark, copyMark } = await folder.commit(false, true);
    expect(spareMark).toBeNull();
    expect(copyMark).toEqual([fs.statSync(path.join(out, OUTPUT_MARK)).ino, fs.statSync(path.join(out, OUTPUT_MARK)).mtimeMs]);

    // the copy is the spare a build leaves that rendered no page anew
    const next = new OutputFolder(out, cache);
    await next.open();
    const livePages = ['index.html', 'articles/a/index.html'];
    const staging = await next.prepareStaging({ spare: { mark: copyMark!, differs: [], others: ['feed.xml'] }, livePages });
    expect(next.holdsLivePage('articles/a/index.html')).toBe(true);
    expect(fs.statSync(path.join(staging, 'articles/a/index.html')).ino).toBe(fs.statSync(path.join(out, 'articles/a/index.html')).ino);
    expect(fs.existsSync(path.join(staging, 'feed.xml'))).toBe(false);
    expect(fs.readdirSync(work).filter((name) => name.startsWith('cop'))).toEqual([]);
    await next.abort();
  });

  it('makes a copy only into a folder it makes: one that is there already is left as it is, and nothing becomes the spare', () => {
    const taken = path.join(dir, 'taken');
    fs.mkdirSync(taken);
    fs.writeFileSync(path.join(taken, 'notes.txt'), 'the user’s');
    const beat = path.join(dir, 'copying');
    fs.writeFileSync(beat, '');
    spawnSync(process.execPath, ['-e', COPY_AS_SPARE, out, taken, path.join(dir, 'spare'), beat]);
    expect(fs.readdirSync(taken)).toEqual(['notes.txt']);
    expect(fs.existsSync(path.join(dir, 'spare'))).toBe(false);
    expect(fs.existsSync(beat)).toBe(false);
  });

  it('does not wait for a copy that stopped (its file untouched for seconds), and removes what it left', async () => {
    fs.mkdirSync(path.join(work, 'copy-1-2/articles'), { recursive: true });
    fs.writeFileSync(path.join(work, 'copying-1-2'), '');
    const long = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(work, 'copying-1-2'), long, long);
    const folder = new OutputFolder(out, cache);
    await folder.open();
    expect(fs.readdirSync(await folder.prepareStaging())).toEqual([]);
    await folder.abort();
    await until(() => fs.readdirSync(work).sort().join() === IDLE.join());
    expect(fs.readdirSync(work).sort()).toEqual(IDLE);
  });

  it('stages into a spare the last build described without walking it: only the pages that differ are touched', async () => {
    // the live site: three pages, a feed; the first build's site becomes the spare at the second
    fs.mkdirSync(path.join(out, 'articles/same'), { recursive: true });
    fs.mkdirSync(path.join(out, 'articles/gone'), { recursive: true });
    fs.writeFileSync(path.join(out, 'articles/same/index.html'), 'same page');
    fs.writeFileSync(path.join(out, 'articles/gone/index.html'), 'gone page');
    const first = new OutputFolder(out, cache);
    await first.open();
    const staged = await first.prepareStaging();
    for (const page of ['articles/same/index.html', 'articles/gone/index.html']) {
      fs.mkdirSync(path.dirname(path.join(staged, page)), { recursive: true });
      fs.linkSync(path.join(out, page), path.join(staged, page));
    }
    fs.writeFileSync(path.join(staged, 'index.html'), 'second home');
    fs.writeFileSync(path.join(staged, 'feed.xml'), 'second feed');
    const { spareMark } = await first.commit();
    expect(spareMark).not.toBeNull();
    // the spare (the first site) differs from the live one in its home page
    const spare = { mark: spareMark!, differs: ['index.html'], others: [] };
    const livePages = ['index.html', 'articles/same/index.html', 'articles/gone/index.html'];

    const second = new OutputFolder(out, cache);
    await second.open();
    const staging = await second.prepareStaging({ spare, livePages });
    expect(second.holdsLivePage('articles/same/index.html')).toBe(true);
    expect(second.holdsLivePage('index.html')).toBe(false);
    expect(fs.statSync(path.join(staging, 'articles/same/index.html')).ino).toBe(fs.statSync(path.join(out, 'articles/same/index.html')).ino);
    fs.rmSync(path.join(staging, 'index.html'));
    fs.writeFileSync(path.join(staging, 'index.html'), 'third home');
    fs.writeFileSync(path.join(staging, 'feed.xml'), 'third feed');
    second.finishStaging(['index.html', 'articles/same/index.html']);
    const { spareMark: next } = await second.commit();
    expect(fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).sort()).toEqual([OUTPUT_MARK, 'articles', 'articles/same', 'articles/same/index.html', 'feed.xml', 'index.html']);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('third home');

    // a spare whose mark is not the one described (another build replaced it) is walked as before
    const third = new OutputFolder(out, cache);
    await third.open();
    const walked = await third.prepareStaging({ spare: { ...spare, mark: [next![0] + 1, next![1]] }, livePages });
    expect(third.holdsLivePage('articles/same/index.html')).toBe(false);
    expect(fs.existsSync(path.join(walked, 'feed.xml'))).toBe(false);
    await third.abort();
  });

  it('stages into the spare: its folders and pages kept, other files unlinked, what the new site has not removed before the swap; the output untouched', async () => {
    // a site whose pages are hard links of the output's, as a build leaves them
    fs.mkdirSync(path.join(out, 'articles/kept'), { recursive: true });
    fs.mkdirSync(path.join(out, 'articles/deleted/deep'), { recursive: true });
    fs.writeFileSync(path.join(out, 'articles/kept/index.html'), 'kept page');
    fs.writeFileSync(path.join(out, 'articles/deleted/deep/index.html'), 'deleted page');
    const first = new OutputFolder(out, cache);
    await first.open();
    const staged = await first.prepareStaging();
    fs.mkdirSync(path.join(staged, 'articles/kept'), { recursive: true });
    fs.mkdirSync(path.join(staged, 'articles/deleted/deep'), { recursive: true });
    fs.linkSync(path.join(out, 'articles/kept/index.html'), path.join(staged, 'articles/kept/index.html'));
    fs.linkSync(path.join(out, 'articles/deleted/deep/index.html'), path.join(staged, 'articles/deleted/deep/index.html'));
    fs.writeFileSync(path.join(staged, 'index.html'), 'second site');
    fs.writeFileSync(path.join(staged, 'feed.xml'), 'second feed');
    fs.mkdirSync(path.join(staged, 'pagefind/articles-0'), { recursive: true });
    fs.writeFileSync(path.join(staged, 'pagefind/articles-0/index.pf'), 'search index');
    fs.mkdirSync(path.join(staged, 'data'));
    fs.writeFileSync(path.join(staged, 'data/records.json'), '{"articles":[]}');
    await first.commit();
    const inode = (rel: string) => fs.statSync(path.join(dir, rel)).ino;
    const spareFolder = fs.statSync(path.join(work, 'spare/articles/deleted')).ino;

    const second = new OutputFolder(out, cache);
    await second.open();
    const staging = await second.prepareStaging({ dropWhole: ['pagefind', 'data/records.json'] });
    // the spare's folders and pages, the same files as before; its other files gone, the folder
    // and the file dropped whole (the search index, the records) set aside and removed in the background
    expect(fs.readdirSync(staging, { recursive: true, encoding: 'utf8' }).sort()).toEqual(['articles', 'articles/deleted', 'articles/deleted/deep', 'articles/deleted/deep/index.html', 'articles/kept', 'articles/kept/index.html', 'index.html']);
    expect(fs.readFileSync(path.join(out, 'data/records.json'), 'utf8')).toBe('{"articles":[]}');
    expect(fs.statSync(path.join(staging, 'articles/deleted')).ino).toBe(spareFolder);
    expect(fs.statSync(path.join(staging, 'articles/kept/index.html')).ino).toBe(inode('dist/articles/kept/index.html'));
    expect(fs.readFileSync(path.join(out, 'feed.xml'), 'utf8')).toBe('second feed');
    fs.rmSync(path.join(staging, 'index.html'));
    fs.writeFileSync(path.join(staging, 'index.html'), 'third site');
    second.finishStaging(['index.html', 'articles/kept/index.html']);
    await second.commit();
    expect(fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).sort()).toEqual([OUTPUT_MARK, 'articles', 'articles/kept', 'articles/kept/index.html', 'index.html']);
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('third site');
    expect(fs.readFileSync(path.join(out, 'articles/kept/index.html'), 'utf8')).toBe('kept page');
    await until(() => fs.readdirSync(work).length === 2);
    expect(fs.readdirSync(work).sort()).toEqual(IDLE);
    expect(fs.readFileSync(path.join(work, 'spare/pagefind/articles-0/index.pf'), 'utf8')).toBe('search index');
  });

  it("keeps the bundles of the spare that are the live site's own (the search shards a build links again); the rest go", async () => {
    // the first site's search index: a shard, another, the shard list
    for (const shard of ['same', 'changed']) {
      fs.mkdirSync(path.join(out, 'pagefind', shard), { recursive: true });
      for (const file of ['entry.json', 'index.pf']) fs.writeFileSync(path.join(out, 'pagefind', shard, file), `first ${shard} ${file}`);
    }
    fs.writeFileSync(path.join(out, 'pagefind/shards.json'), 'first list');
    // the second links one shard from it and indexes the other again
    const first = new OutputFolder(out, cache);
    await first.open();
    const staged = await first.prepareStaging({ keepLive: { folder: 'pagefind', marker: 'entry.json' } });
    fs.mkdirSync(path.join(staged, 'pagefind/same'), { recursive: true });
    fs.mkdirSync(path.join(staged, 'pagefind/changed'), { recursive: true });
    for (const file of ['entry.json', 'index.pf']) {
      fs.linkSync(path.join(out, 'pagefind/same', file), path.join(staged, 'pagefind/same', file));
      fs.writeFileSync(path.join(staged, 'pagefind/changed', file), `second changed ${file}`);
    }
    fs.writeFileSync(path.join(staged, 'pagefind/shards.json'), 'second list');
    await first.commit();

    // the third stages into the first: the shard the second linked is kept, the rest set aside
    const inode = (file: string) => fs.statSync(file).ino;
    const third = new OutputFolder(out, cache);
    await third.open();
    const staging = await third.prepareStaging({ keepLive: { folder: 'pagefind', marker: 'entry.json' } });
    expect(fs.readdirSync(path.join(staging, 'pagefind')).sort()).toEqual(['same']);
    for (const file of ['entry.json', 'index.pf']) expect(inode(path.join(staging, 'pagefind/same', file))).toBe(inode(path.join(out, 'pagefind/same', file)));
    expect(fs.readFileSync(path.join(out, 'pagefind/changed/index.pf'), 'utf8')).toBe('second changed index.pf');
    expect(fs.readFileSync(path.join(out, 'pagefind/shards.json'), 'utf8')).toBe('second list');
    await third.abort();
    await until(() => fs.readdirSync(work).length === 2);
    expect(fs.readdirSync(work).sort()).toEqual(IDLE);
  });

  it('leaves the previous site whole when a build fails (its staging folder becomes the spare)', async () => {
    const folder = new OutputFolder(out, cache);
    await folder.open();
    fs.writeFileSync(path.join(await folder.prepareStaging(), 'index.html'), 'half');
    await folder.abort();
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    expect(fs.readdirSync(work).sort()).toEqual(IDLE);
  });

  it('refuses a second build of the same folder while the first runs', async () => {
    const first = new OutputFolder(out, cache);
    await first.open();
    // a lock held by a live process other than this one
    fs.writeFileSync(path.join(work, 'lock'), String(process.ppid));
    await expect(new OutputFolder(out, cache).open()).rejects.toBeInstanceOf(OutputLockedError);
    fs.writeFileSync(path.join(work, 'lock'), String(process.pid));
    await first.abort();
  });

  it('takes a lock found empty for one being written by a build that has just made it, not for a stale one', async () => {
    fs.mkdirSync(work, { recursive: true });
    const lock = path.join(work, 'lock');
    // another build has made its lock and writes its pid a moment later (a thread, started first)
    const writer = new Worker(
      `const { parentPort } = require('node:worker_threads');
       parentPort.once('message', () => setTimeout(() => require('node:fs').writeFileSync(${JSON.stringify(lock)}, String(process.ppid)), 20));
       parentPort.postMessage('ready');`,
      { eval: true },
    );
    await new Promise((resolve) => writer.once('message', resolve));
    fs.writeFileSync(lock, '');
    writer.postMessage('go');
    await expect(new OutputFolder(out, cache).open()).rejects.toBeInstanceOf(OutputLockedError);
    await writer.terminate();
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.ppid));
    // one left empty by a build killed between the two is stale once the moment has passed
    fs.writeFileSync(lock, '');
    const folder = new OutputFolder(out, cache);
    await folder.open();
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.pid));
    await folder.abort();
  });

  it('removes a dead build\'s lock only while it is that one: a lock another build made meanwhile is kept', () => {
    fs.mkdirSync(work, { recursive: true });
    const lock = path.join(work, 'lock');
    fs.writeFileSync(lock, '999999');
    removeStaleLock(lock, 999999);
    expect(fs.existsSync(lock)).toBe(false);
    // found naming the dead build, then made anew by a live one before this build removed it
    fs.writeFileSync(lock, String(process.ppid));
    removeStaleLock(lock, 999999);
    expect(fs.readFileSync(lock, 'utf8')).toBe(String(process.ppid));
    expect(fs.readdirSync(work)).toEqual(['lock']);
    // already gone: nothing to do
    fs.rmSync(lock);
    removeStaleLock(lock, 999999);
    expect(fs.readdirSync(work)).toEqual([]);
  });

  it('recovers from a build killed between its two renames, and clears its leftovers', async () => {
    fs.mkdirSync(work, { recursive: true });
    fs.renameSync(out, path.join(work, 'previous'));
    fs.mkdirSync(path.join(work, 'staging-999999'));
    fs.writeFileSync(path.join(work, 'lock'), '999999');
    const folder = new OutputFolder(out, cache);
    await folder.open();
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    // the killed build's staging folder: the spare, for its folders
    expect(fs.readdirSync(work).sort()).toEqual(['lock', ...IDLE]);
    await folder.abort();
  });

  it('keeps the newer site when a build was killed after both renames, and the older as the spare', async () => {
    fs.mkdirSync(path.join(work, 'previous'), { recursive: true });
    fs.writeFileSync(path.join(work, 'previous', 'index.html'), 'older site');
    fs.writeFileSync(path.join(work, 'previous', OUTPUT_MARK), OUTPUT_MARK_TEXT);
    const folder = new OutputFolder(out, cache);
    await folder.open();
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    await folder.abort();
    expect(fs.readdirSync(work).sort()).toEqual(IDLE);
  });

  it('removes a second spare in the background: there is one at most', async () => {
    fs.mkdirSync(path.join(work, 'spare'), { recursive: true });
    fs.mkdirSync(path.join(work, 'staging-999999', 'articles/a'), { recursive: true });
    const folder = new OutputFolder(out, cache);
    await folder.open();
    await folder.abort();
    await until(() => fs.readdirSync(work).length === 2);
    expect(fs.readdirSync(work).sort()).toEqual(IDLE);
  });

  it('keeps its work beside nothing: the lock, staging and spare are in the cache, and the site carries the mark', async () => {
    const folder = new OutputFolder(out, cache);
    await folder.open();
    fs.writeFileSync(path.join(await folder.prepareStaging(), 'index.html'), 'new site');
    await folder.commit();
    expect(fs.readdirSync(dir).sort()).toEqual(['cache', 'dist']);
    expect(work.startsWith(path.join(cache, 'outputs') + path.sep)).toBe(true);
    expect(fs.readFileSync(path.join(out, OUTPUT_MARK), 'utf8')).toBe(OUTPUT_MARK_TEXT);
  });

  it('removes a replaced folder no build made (--empty-out-dir) instead of keeping it as the spare', async () => {
    fs.rmSync(path.join(out, OUTPUT_MARK));
    fs.writeFileSync(path.join(out, 'thesis.txt'), 'the user said these may go');
    const folder = new OutputFolder(out, cache);
    await folder.open();
    fs.writeFileSync(path.join(await folder.prepareStaging(), 'index.html'), 'new site');
    await folder.commit();
    await until(() => fs.readdirSync(work).length === 1);
    expect(fs.readdirSync(work)).toEqual(['output-path']);
    expect(fs.readdirSync(out).sort()).toEqual([OUTPUT_MARK, 'index.html']);
  });

  it('drops the work folders of output folders that are gone, but not one a killed build left a site in', async () => {
    const other = path.join(dir, 'other');
    const killed = path.join(dir, 'killed');
    for (const gone of [other, killed]) {
      fs.mkdirSync(gone);
      const folder = new OutputFolder(gone, cache);
      await folder.open();
      await folder.prepareStaging();
      await folder.commit();
    }
    fs.rmSync(other, { recursive: true });
    fs.renameSync(killed, path.join(workFolderOf(killed, cache), 'previous'));
    const folder = new OutputFolder(out, cache);
    await folder.open();
    await folder.abort();
    await until(() => !fs.existsSync(workFolderOf(other, cache)) && fs.readdirSync(path.join(cache, 'outputs')).length === 2);
    expect(fs.readdirSync(path.join(cache, 'outputs')).sort()).toEqual([path.basename(workFolderOf(killed, cache)), path.basename(work)].sort());
  });
});
