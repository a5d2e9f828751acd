// The output folder is never half-written. A build writes into a staging folder, then swaps it in:
// the old folder is renamed aside and the staging folder renamed into place, two renames on one file
// system, microseconds apart. A build that fails or is killed before the swap leaves the previous
// site untouched; one killed between the two renames leaves the previous site aside, which the next
// build puts back first (or, when the new site did reach its place, keeps as the spare). A lock file
// keeps two builds from writing one folder at once.
//
// What a build keeps for an output folder (the lock, the staging folder, the spare) lives in a work
// folder of its own in the cache (`<cache>/outputs/<name>-<hash>/`), never beside the output, where
// a deploy of the folder around it would pick it up; only when the cache is on another file system
// (a rename cannot cross one) is it beside the output, as `.<out>.build-work/`. A build replaces only
// a folder a build of ours made (output-guard.ts), and keeps the replaced site as the spare only then:
// the spare holds nothing but what a build wrote.
//
// The next build stages into the spare: its folders stay, and so do its pages (`index.html`), most
// of which are hard links of the output's own unchanged pages already; every other file is
// unlinked, but for folders of many files and no pages (the search index), which are set aside
// whole and removed in the background. The page writer replaces a kept page by unlinking it first
// (never writing into it: it may share its bytes with a live page), and leaves one that is the very
// file it would link. What the new site has no page for is removed before the swap. So a build that
// adds one article makes almost no folders and touches almost no files (BENCHMARKS.md has what
// making every folder anew, and removing the replaced site's, cost at 100,000 articles). When the
// last build described the spare it left (SpareState: which pages differ from the live site, which
// files are not pages) and the spare's mark file is the one described, the spare is not walked:
// only those files are touched. A build that leaves no spare (a first build, or one that rendered
// every page anew) can have a copy of its site made as the spare, its files hard links, by a
// process of its own that goes on after the build (copyLiveAsSpare); the next build to stage waits
// for it to end.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { processRuns } from '../process-alive.ts';
import { sameFile } from './link-tree.ts';
import { isOurOutput, OUTPUT_MARK, OUTPUT_MARK_TEXT } from './output-guard.ts';
import { cacheKeyOf, legacyCacheKeyOf } from '../cache-key.ts';

export class OutputLockedError extends Error {
  constructor(readonly outDir: string, readonly pid: number, lockPath: string) {
    super(`${outDir} is being built by another process (pid ${pid}); wait for it to finish, or remove ${lockPath} if that process is gone`);
    this.name = 'OutputLockedError';
  }
}

/** The folder of the cache that holds work folders, one an output folder. */
const OUTPUTS = 'outputs';
/** In a work folder: the output folder it serves (to drop work folders of outputs that are gone). */
const SERVES = 'output-path';
/** In a work folder, `copying-<name>`: there while a copy of the live site is made in `copy-<name>`, touched as it goes on. */
const COPYING = 'copying-';
/** The folder a copy is made in, until it is renamed the spare. */
const COPY_PREFIX = 'copy-';
/** A copy whose file has not been touched for this long has stopped (its process was killed). */
const COPY_STALE_MS = 5_000;

/**
 * The names of the copies of a live site being made as the spare in a work folder (each one's file
 * touched lately), and of those that stopped (copyLiveAsSpare).
 */
export function copiesIn(workDir: string): { running: string[]; stopped: string[] } {
  const running: string[] = [];
  const stopped: string[] = [];
  for (const file of fs.readdirSync(workDir)) {
    if (!file.startsWith(COPYING)) continue;
    const stat = fs.statSync(path.join(workDir, file), { throwIfNoEntry: false });
    if (stat) (Date.now() - stat.mtimeMs <= COPY_STALE_MS ? running : stopped).push(file.slice(COPYING.length));
  }
  return { running, stopped };
}

/**
 * The work folder of an output folder: in the cache when the cache is on the output's file system,
 * else beside the output. Reads only (nothing is made).
 */
export function workFolderOf(outDir: string, cacheDir: string, key = cacheKeyOf(outDir, cacheDir)): string {
  const out = path.resolve(outDir);
  if (deviceOf(path.dirname(out)) === deviceOf(cacheDir)) return path.join(cacheDir, OUTPUTS, `${path.basename(out).replace(/[^\w.-]/g, '_')}-${key}`);
  return path.join(path.dirname(out), `.${path.basename(out)}.build-work`);
}

/** The device of `dir`, or of its nearest folder that exists. */
function deviceOf(dir: string): number {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const stat = fs.statSync(at, { throwIfNoEntry: false });
    if (stat) return stat.dev;
    if (path.dirname(at) === at) return -1;
  }
}

/**
 * A folder of the site whose folders are bundles, each written whole and never changed after (the
 * search index's shards), known by a marker file in each: a bundle of the spare whose marker is
 * the live site's own file holds the live bundle's files, and is kept as it is.
 */
export interface LiveBundles {
  folder: string;
  marker: string;
}

/**
 * What the last build knew of the spare it left (the site before the live one), so that the next
 * build, staging into it, touches only what differs instead of walking every folder.
 */
export interface SpareState {
  /** The spare's mark file as [inode, mtimeMs]: the spare is the site described only while they match. */
  mark: [number, number];
  /** Pages (file paths, `articles/x/index.html`) whose file in the spare is not the live site's: rendered anew since, or gone since. */
  differs: string[];
  /** Its files that are not pages (records, feeds, sitemaps, robots.txt, public files, assets): unlinked before staging. */
  others: string[];
}

export class OutputFolder {
  readonly outDir: string;
  readonly workDir: string;
  /** The work folder as it was named before 2026-12-07 (cache-key.ts). */
  private readonly legacyWorkDir: string;
  readonly staging: string;
  private readonly lockPath: string;
  private readonly previous: string;
  private readonly spare: string;
  private locked = false;
  /** Folders of the spare this build stages into, parents before children: empty ones are removed before the swap. */
  private reusedFolders: string[] = [];
  /** Pages of the spare this build stages into (paths from the folder, `articles/x/index.html`). */
  private keptPages: string[] = [];
  /** The spare staged into, when it is the site the last build described (its pages not walked). */
  private described: { differs: Set<string>; live: Iterable<string> } | null = null;

  constructor(outDir: string, cacheDir: string) {
    this.outDir = path.resolve(outDir);
    this.workDir = workFolderOf(this.outDir, cacheDir);
    this.legacyWorkDir = workFolderOf(this.outDir, cacheDir, legacyCacheKeyOf(this.outDir));
    this.staging = path.join(this.workDir, `staging-${process.pid}`);
    this.lockPath = path.join(this.workDir, 'lock');
    this.previous = path.join(this.workDir, 'previous');
    this.spare = path.join(this.workDir, 'spare');
  }

  /**
   * The folder a build of this process opened and staged (in another thread, which has ended):
   * its lock and staging folder are this process's, and this object commits or aborts them.
   */
  static resume(outDir: string, cacheDir: string): OutputFolder {
    const folder = new OutputFolder(outDir, cacheDir);
    if (Number(fs.readFileSync(folder.lockPath, 'utf8')) !== process.pid) throw new Error(`${folder.outDir}: the build's lock is not this process's`);
    folder.locked = true;
    return folder;
  }

  /** Takes the lock, puts back a site a killed build left aside, and clears what killed builds left. */
  async open(): Promise<void> {
    await fsp.mkdir(path.dirname(this.outDir), { recursive: true });
    await this.takeOverLegacyWorkFolder();
    await fsp.mkdir(this.workDir, { recursive: true });
    this.lock();
    await fsp.writeFile(path.join(this.workDir, SERVES), this.outDir);
    if (fs.existsSync(this.previous)) {
      // killed between the renames: the previous site is the output; killed after both: the output
      // is the newer, and the previous is the replaced site
      if (!fs.existsSync(this.outDir)) await fsp.rename(this.previous, this.outDir);
      else if (isOurOutput(this.previous)) await this.keepAsSpare(this.previous);
      else await this.setAside(this.previous);
    }
    await this.removeLeftovers();
    await this.dropWorkFoldersOfGoneOutputs();
  }

  /**
   * Renames the work folder this output had before 2026-12-07 (cache-key.ts) to its name now,
   * unless that is there already or a build that runs holds its lock: a site a killed build put
   * aside there, and the spare, stay this output's.
   */
  private async takeOverLegacyWorkFolder(): Promise<void> {
    const legacy = this.legacyWorkDir;
    if (legacy === this.workDir || fs.existsSync(this.workDir) || !fs.existsSync(legacy)) return;
    const holder = lockHolder(path.join(legacy, 'lock'));
    if (holder && holder !== process.pid && processRuns(holder)) return;
    await fsp.mkdir(path.dirname(this.workDir), { recursive: true });
    await fsp.rename(legacy, this.workDir).catch(() => undefined);
  }

  /**
   * Makes the staging folder, from the spare when there is one (its folders and pages kept, its
   * other files unlinked), and returns its path. A build that changes nothing never calls it.
   * Whatever writes into it must not write into a page it finds there (see writePages).
   * `dropWhole`: what of the spare goes aside whole, removed in the background (dropWhole).
   */
  async prepareStaging(options: { dropWhole?: string[]; keepLive?: LiveBundles; spare?: SpareState | null; livePages?: Iterable<string> } = {}): Promise<string> {
    const { spare: known, livePages, keepLive } = options;
    await this.copyEnded();
    if (known && livePages && markOf(this.spare)?.join() === known.mark.join()) {
      // the spare is the site the last build described: only its files that are not pages are
      // unlinked (and its mark, written anew at the swap); its pages are as described
      await fsp.rename(this.spare, this.staging);
      await this.dropWhole(options.dropWhole);
      if (keepLive) this.keepLiveBundles(keepLive);
      for (const file of [...known.others, OUTPUT_MARK]) fs.rmSync(path.join(this.staging, file), { force: true });
      this.described = { differs: new Set(known.differs), live: livePages };
      return this.staging;
    }
    if (fs.existsSync(this.spare)) {
      await fsp.rename(this.spare, this.staging);
      await this.dropWhole(options.dropWhole);
      if (keepLive) this.keepLiveBundles(keepLive);
      ({ folders: this.reusedFolders, pages: this.keptPages } = unlinkAllButPages(this.staging, keepLive?.folder));
    } else await fsp.mkdir(this.staging, { recursive: true });
    return this.staging;
  }

  /**
   * Of a folder of bundles (see LiveBundles), keeps each whose marker file is the live site's own:
   * the same files as the live site's bundle, which the build would link again. The other bundles
   * are set aside, removed in the background, and the folder's own files unlinked.
   */
  private keepLiveBundles({ folder, marker }: LiveBundles): void {
    const dir = path.join(this.staging, folder);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const aside = path.join(this.workDir, `removing-${process.pid}-${Date.now()}-${++asideCount}`);
    let asideMade = false;
    for (const entry of entries) {
      const here = path.join(dir, entry.name);
      if (!entry.isDirectory()) {
        fs.rmSync(here, { force: true });
        continue;
      }
      if (sameFile(path.join(here, marker), path.join(this.outDir, folder, entry.name, marker))) continue;
      if (!asideMade) fs.mkdirSync(aside);
      asideMade = true;
      fs.renameSync(here, path.join(aside, entry.name));
    }
    if (asideMade) removeInBackground(aside);
  }

  /**
   * Removes what the spare had and the new site has not: its pages that are not among `sitePages`
   * (file paths, `articles/x/index.html`), then the folders left empty (pages of deleted articles).
   */
  finishStaging(sitePages: Iterable<string>): void {
    const wanted = new Set(sitePages);
    if (this.described) {
      // what the spare may hold and the new site has not: pages of the live site, or ones only the spare has
      const { differs, live } = this.described;
      this.described = null;
      for (const page of new Set([...live, ...differs])) if (!wanted.has(page)) this.removePage(page);
      return;
    }
    for (const page of this.keptPages) if (!wanted.has(page)) fs.rmSync(path.join(this.staging, page), { force: true });
    this.keptPages = [];
    for (let i = this.reusedFolders.length - 1; i > 0; i--) {
      try {
        fs.rmdirSync(this.reusedFolders[i]!);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // a folder with files in it: one of this site's
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw error;
      }
    }
    this.reusedFolders = [];
  }

  /**
   * True when the staging folder holds the live site's own file for a page (a link of it): the spare
   * is the site the last build described, and the page did not change between the two sites.
   */
  holdsLivePage(page: string): boolean {
    return !!this.described && !this.described.differs.has(page);
  }

  /**
   * Whether a page of the last build can be kept: the live folder is there to link it from, or the
   * spare staged into is the site the last build described. Neither (the output folder deleted, the
   * cache kept) leaves every page to render, as a first build does.
   */
  get keepsLastPages(): boolean {
    return !!this.described || fs.existsSync(this.outDir);
  }

  /** Removes a page of the staging folder, and its folders left empty. */
  private removePage(page: string): void {
    fs.rmSync(path.join(this.staging, page), { force: true });
    for (let dir = path.dirname(page); dir !== '.'; dir = path.dirname(dir)) {
      try {
        fs.rmdirSync(path.join(this.staging, dir));
      } catch {
        // not empty (or not there): its parents are not either
        return;
      }
    }
  }

  /**
   * Swaps the staging folder in as the output folder. The replaced one becomes the spare when a
   * build of ours made it and `keepSpare` (see finish-build.ts SPARE_MAX_DIFFERS); any other, or a
   * folder the guard let go (--empty-out-dir), is removed in the background. With no spare kept
   * and `copyIfNoSpare`, a copy of the new site is started as the spare (copyLiveAsSpare), before
   * the lock is let go: a build that takes it next sees the copy and waits for it.
   * `spareMark` is the kept spare's mark; `copyMark` the copy's to be (the live site's own).
   */
  async commit(keepSpare = true, copyIfNoSpare = false): Promise<{ spareMark: [number, number] | null; copyMark: [number, number] | null }> {
    // a new file each build: its inode tells the spare it becomes apart from another
    await fsp.rm(path.join(this.staging, OUTPUT_MARK), { force: true });
    await fsp.writeFile(path.join(this.staging, OUTPUT_MARK), OUTPUT_MARK_TEXT);
    // open() has moved a killed build's one back or aside: normally there is none
    await fsp.rm(this.previous, { recursive: true, force: true });
    const hadOutput = fs.existsSync(this.outDir);
    const ours = hadOutput && isOurOutput(this.outDir);
    if (hadOutput) await fsp.rename(this.outDir, this.previous);
    await fsp.rename(this.staging, this.outDir);
    let spareMark: [number, number] | null = null;
    if (ours && keepSpare) spareMark = (await this.keepAsSpare(this.previous)) ? markOf(this.spare) : null;
    else if (hadOutput) await this.setAside(this.previous);
    const copyMark = !spareMark && copyIfNoSpare ? this.copyLiveAsSpare() : null;
    this.unlock();
    return { spareMark, copyMark };
  }

  /**
   * Starts a copy of the live site as the spare, its files hard links of the live ones, in a
   * process that goes on after this one exits, and returns the live site's mark, which the copy's
   * will be (a link of it): the spare a build would leave had it rendered no page anew. Null when
   * there is a spare already, or no mark to copy. Called with the lock held (commit).
   */
  private copyLiveAsSpare(): [number, number] | null {
    const mark = markOf(this.outDir);
    if (!mark || fs.existsSync(this.spare)) return null;
    const name = `${process.pid}-${Date.now()}`;
    const beat = path.join(this.workDir, `${COPYING}${name}`);
    fs.writeFileSync(beat, '');
    const into = path.join(this.workDir, `${COPY_PREFIX}${name}`);
    const copier = spawn(process.execPath, ['-e', COPY_AS_SPARE, this.outDir, into, this.spare, beat], { detached: true, stdio: 'ignore' });
    // without a process to run it in, there is no copy: the next build links every page itself
    copier.on('error', () => fs.rmSync(beat, { force: true }));
    copier.unref();
    return mark;
  }

  /**
   * Waits for the copies being made as the spare to end. The file of one that stopped is removed:
   * should its process go on after all, it stops at its next touch, never renamed the spare.
   */
  private async copyEnded(): Promise<void> {
    for (let copies = copiesIn(this.workDir); ; copies = copiesIn(this.workDir)) {
      for (const name of copies.stopped) fs.rmSync(path.join(this.workDir, `${COPYING}${name}`), { force: true });
      if (copies.running.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Drops the staging folder (kept as the spare, for its folders); the output folder stays as it was. */
  async abort(): Promise<void> {
    if (fs.existsSync(this.staging)) await this.keepAsSpare(this.staging);
    this.unlock();
  }

  /** Makes a folder the spare (true); when there is one already, the folder is removed in the background. */
  private async keepAsSpare(dir: string): Promise<boolean> {
    if (!fs.existsSync(this.spare)) {
      await fsp.rename(dir, this.spare);
      return true;
    }
    await this.setAside(dir);
    return false;
  }

  /** Renames a folder aside, into the work folder, and removes it in the background. */
  /**
   * Moves these (site paths of the staging folder) into one folder aside, removed in the
   * background: folders of many files and no pages (the search index: 100,000 files at 100,000
   * articles, about 4 s unlinked one by one), files of many blocks (records.json: unlinking 1 GB
   * took 0.3 s at 100,000 articles on this machine's file system).
   */
  private async dropWhole(names: string[] = []): Promise<void> {
    const here = names.map((name) => path.join(this.staging, name)).filter((target) => fs.existsSync(target));
    if (here.length === 0) return;
    const aside = path.join(this.workDir, `removing-${process.pid}-${Date.now()}-${++asideCount}`);
    await fsp.mkdir(aside);
    for (const [i, target] of here.entries()) await fsp.rename(target, path.join(aside, String(i)));
    removeInBackground(aside);
  }

  private async setAside(dir: string): Promise<void> {
    const aside = path.join(this.workDir, `removing-${process.pid}-${Date.now()}-${++asideCount}`);
    await fsp.rename(dir, aside);
    removeInBackground(aside);
  }

  private lock(): void {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (createWithText(this.lockPath, String(process.pid))) {
        this.locked = true;
        return;
      }
      const holder = lockHolder(this.lockPath);
      if (holder && holder !== process.pid && processRuns(holder)) throw new OutputLockedError(this.outDir, holder, this.lockPath);
      // the holder died (a killed build): its lock is stale
      removeStaleLock(this.lockPath, holder);
    }
    throw new OutputLockedError(this.outDir, 0, this.lockPath);
  }

  private unlock(): void {
    if (!this.locked) return;
    fs.rmSync(this.lockPath, { force: true });
    this.locked = false;
  }

  /**
   * Staging folders of builds that were killed (kept as the spare, or removed in the background),
   * and replaced sites whose removal was stopped (the machine went down): those are removed in
   * the background again, which is harmless if their first removal still runs.
   */
  private async removeLeftovers(): Promise<void> {
    const prefix = 'staging-';
    const copying = new Set(copiesIn(this.workDir).running);
    for (const name of await fsp.readdir(this.workDir)) {
      if (name.startsWith('removing-') || (name.startsWith(COPY_PREFIX) && !copying.has(name.slice(COPY_PREFIX.length)))) removeInBackground(path.join(this.workDir, name));
      if (!name.startsWith(prefix)) continue;
      const pid = Number(name.slice(prefix.length));
      if (pid === process.pid || !processRuns(pid)) await this.keepAsSpare(path.join(this.workDir, name));
    }
  }

  /**
   * Work folders in the cache whose output folder is gone (deleted, or a test's temporary one) are
   * removed in the background: a spare is only of use beside its site. One that holds a site put
   * aside by a killed build, or a live build's lock, is left alone.
   */
  private async dropWorkFoldersOfGoneOutputs(): Promise<void> {
    const outputs = path.dirname(this.workDir);
    if (path.basename(outputs) !== OUTPUTS) return;
    for (const name of await fsp.readdir(outputs)) {
      const dir = path.join(outputs, name);
      if (name.startsWith('.removing-')) removeInBackground(dir);
      if (name.startsWith('.') || dir === this.workDir) continue;
      const served = await fsp.readFile(path.join(dir, SERVES), 'utf8').catch(() => null);
      if (served == null || fs.existsSync(served) || fs.existsSync(path.join(dir, 'previous'))) continue;
      const holder = Number(await fsp.readFile(path.join(dir, 'lock'), 'utf8').catch(() => '')) || 0;
      if (holder && processRuns(holder)) continue;
      const aside = path.join(outputs, `.removing-${process.pid}-${Date.now()}-${++asideCount}`);
      await fsp.rename(dir, aside).then(() => removeInBackground(aside), () => undefined);
    }
  }
}

let asideCount = 0;

/**
 * Makes `file` holding `text` in one step, or returns false when it exists: the text is written
 * to a file of its own, then linked to the name, so no build ever finds the lock made but empty.
 * Where the file system has no hard links, the file is made, then written.
 */
function createWithText(file: string, text: string): boolean {
  const written = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    fs.writeFileSync(written, text);
    fs.linkSync(written, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
  } finally {
    fs.rmSync(written, { force: true });
  }
  try {
    fs.writeFileSync(file, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Removes a dead build's lock that named `holder`. Taken aside by a rename first, which only one
 * build can do to that file: two builds that found the same stale lock removed it in turn, the
 * second removing the lock the first had just made, and both went on. Should what was taken aside
 * name another build (one made its lock in between), it is put back.
 */
export function removeStaleLock(file: string, holder: number): void {
  const aside = `${file}.stale-${process.pid}-${threadId}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    // taken aside or released by another build meanwhile
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if ((Number(fs.readFileSync(aside, 'utf8')) || 0) !== holder) fs.linkSync(aside, file);
  } catch {
    // the place was taken again meanwhile: that build holds the lock
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/** How long a lock file may stay empty while the build that made it writes its pid. */
const LOCK_WRITE_MS = 100;

/**
 * The pid a lock file holds, 0 when none. The file is made, then written: one found empty is
 * read again for a moment before it counts as a killed build's (two builds started together took
 * an empty lock for a stale one, and both went on).
 */
function lockHolder(lockPath: string): number {
  const waited = new Int32Array(new SharedArrayBuffer(4));
  for (let elapsed = 0; ; elapsed += 5) {
    let text: string;
    try {
      text = fs.readFileSync(lockPath, 'utf8');
    } catch (error) {
      // released meanwhile
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    if (text !== '' || elapsed >= LOCK_WRITE_MS) return Number(text) || 0;
    Atomics.wait(waited, 0, 0, 5);
  }
}

/** A site folder's mark file as [inode, mtimeMs], or null. */
function markOf(dir: string): [number, number] | null {
  const stat = fs.statSync(path.join(dir, OUTPUT_MARK), { throwIfNoEntry: false });
  return stat ? [stat.ino, stat.mtimeMs] : null;
}

/** The name of every page file: a page of the spare is kept, for the page writer to keep or replace. */
const PAGE_FILE = 'index.html';

/**
 * Unlinks every file under `root` but its pages, and returns its folders (parents before
 * children) and its pages (paths from `root`). A file's bytes stay while another name links them.
 * The folder `leave` (from `root`) is left as it is.
 */
function unlinkAllButPages(root: string, leave?: string): { folders: string[]; pages: string[] } {
  const folders = [root];
  const relative = [''];
  const pages: string[] = [];
  for (let i = 0; i < folders.length; i++) {
    for (const entry of fs.readdirSync(folders[i]!, { withFileTypes: true })) {
      const full = path.join(folders[i]!, entry.name);
      const rel = relative[i] ? `${relative[i]}/${entry.name}` : entry.name;
      if (rel === leave) continue;
      if (entry.isDirectory()) {
        folders.push(full);
        relative.push(rel);
      } else if (entry.isFile() && entry.name === PAGE_FILE) pages.push(rel);
      else fs.unlinkSync(full);
    }
  }
  return { folders, pages };
}

/**
 * The copy of the live site as the spare (copyLiveAsSpare), run by `node -e` with the live folder,
 * the folder to copy into (a new one: the copy stops if it is there), the spare's path and the file
 * to touch as it goes. Every folder made, every file hard-linked; then renamed the spare, unless a
 * spare is there by then (a rename onto a folder with files fails). A copy whose file was removed
 * (a build found it stopped) stops too. What it made, and only that, is removed when it stops.
 * Exported for its test.
 */
export const COPY_AS_SPARE = `
const fs = require('node:fs');
const path = require('node:path');
const [from, into, spare, beat] = process.argv.slice(1);
let entries = 0;
const touch = () => { const now = new Date(); fs.utimesSync(beat, now, now); };
const copy = (source, target) => {
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const [inSource, inTarget] = [path.join(source, entry.name), path.join(target, entry.name)];
    if (entry.isDirectory()) {
      fs.mkdirSync(inTarget);
      copy(inSource, inTarget);
    } else if (entry.isFile()) fs.linkSync(inSource, inTarget);
    if (++entries % 256 === 0) touch();
  }
};
let made = false;
try {
  fs.mkdirSync(into);
  made = true;
  copy(from, into);
  touch();
  fs.renameSync(into, spare);
} catch {
  if (made) fs.rmSync(into, { recursive: true, force: true });
} finally {
  fs.rmSync(beat, { force: true });
}
`;

/**
 * Removes a folder from a detached process, which goes on after this one exits: the system's `rm`
 * where there is one (a Node process took 64 ms of CPU to start, beside the build on a second core).
 */
function removeInBackground(dir: string): void {
  const remover =
    process.platform === 'win32'
      ? spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', dir], { detached: true, stdio: 'ignore' })
      : spawn('rm', ['-rf', '--', dir], { detached: true, stdio: 'ignore' });
  // without a process to run it in, the next build tries again
  remover.on('error', () => undefined);
  remover.unref();
}
