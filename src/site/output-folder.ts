// The output folder is never half-written. A build writes into a staging folder beside it
// (`.<out>.staging-<pid>`), then swaps it in: the old folder is renamed aside and the staging
// folder renamed into place, two renames on one file system, microseconds apart. A build that
// fails or is killed before the swap leaves the previous site untouched; one killed between the
// two renames leaves the previous site in `.<out>.previous`, which the next build puts back first
// (or, when the new site did reach its place, keeps as the spare, like a replaced one).
// A lock file keeps two builds from writing one folder at once.
//
// The replaced site is kept beside the output as `.<out>.spare`, and the next build stages into it:
// its folders stay, and so do its pages (`index.html`), most of which are hard links of the
// output's own unchanged pages already; every other file is unlinked, but for folders of many files
// and no pages (the search index), which are set aside whole and removed in the background. The page writer replaces a
// kept page by unlinking it first (never writing into it: it may share its bytes with a live
// page), and leaves one that is the very file it would link. What the new site has no page for is
// removed before the swap. So a build that adds one article makes almost no folders and touches
// almost no files. Making every folder anew each build and removing the replaced site's was most
// of the file system's work: at 100,000 articles its 157,000 folders took 73 s to remove, and on a
// file system without a journal (this machine's ext4) each folder made in the half minute after
// such a removal cost 0.3 ms instead of 0.05; unlinking all 153,000 pages of the spare took 33 s.
// What is left is the walk through the spare's folders: 22 s for 153,000 at 100,000 articles,
// about what making them cost (see BENCHMARKS.md).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { processRuns } from '../pipeline/process-alive.ts';

export class OutputLockedError extends Error {
  constructor(readonly outDir: string, readonly pid: number) {
    super(`${outDir} is being built by another process (pid ${pid}); wait for it to finish, or remove ${lockPathOf(outDir)} if that process is gone`);
    this.name = 'OutputLockedError';
  }
}

const lockPathOf = (outDir: string) => path.join(path.dirname(outDir), `.${path.basename(outDir)}.lock`);
const previousOf = (outDir: string) => path.join(path.dirname(outDir), `.${path.basename(outDir)}.previous`);
const removingPrefixOf = (outDir: string) => `.${path.basename(outDir)}.removing-`;
const spareOf = (outDir: string) => path.join(path.dirname(outDir), `.${path.basename(outDir)}.spare`);

export class OutputFolder {
  readonly staging: string;
  private readonly lockPath: string;
  private locked = false;
  /** Folders of the spare this build stages into, parents before children: empty ones are removed before the swap. */
  private reusedFolders: string[] = [];
  /** Pages of the spare this build stages into (paths from the folder, `articles/x/index.html`). */
  private keptPages: string[] = [];

  constructor(readonly outDir: string) {
    this.outDir = path.resolve(outDir);
    this.staging = path.join(path.dirname(this.outDir), `.${path.basename(this.outDir)}.staging-${process.pid}`);
    this.lockPath = lockPathOf(this.outDir);
  }

  /**
   * The folder a build of this process opened and staged (in another thread, which has ended):
   * its lock and staging folder are this process's, and this object commits or aborts them.
   */
  static resume(outDir: string): OutputFolder {
    const folder = new OutputFolder(outDir);
    if (Number(fs.readFileSync(folder.lockPath, 'utf8')) !== process.pid) throw new Error(`${folder.outDir}: the build's lock is not this process's`);
    folder.locked = true;
    return folder;
  }

  /** Takes the lock, puts back a site a killed build left aside, and clears what killed builds left. */
  async open(): Promise<void> {
    await fsp.mkdir(path.dirname(this.outDir), { recursive: true });
    this.lock();
    const previous = previousOf(this.outDir);
    if (fs.existsSync(previous)) {
      // killed between the renames: the previous site is the output; killed after both: the output
      // is the newer, and the previous is the replaced site
      if (!fs.existsSync(this.outDir)) await fsp.rename(previous, this.outDir);
      else await this.keepAsSpare(previous);
    }
    await this.removeLeftovers();
  }

  /**
   * Makes the staging folder, from the spare when there is one (its folders and pages kept, its
   * other files unlinked), and returns its path. A build that changes nothing never calls it.
   * Whatever writes into it must not write into a page it finds there (see writePages).
   */
  async prepareStaging(options: { dropWhole?: string[] } = {}): Promise<string> {
    const spare = spareOf(this.outDir);
    if (fs.existsSync(spare)) {
      await fsp.rename(spare, this.staging);
      // folders of many files and no pages (the search index: 100,000 files at 100,000 articles)
      // go aside whole and are removed in the background, not unlinked one by one (about 4 s there)
      for (const name of options.dropWhole ?? []) {
        if (fs.existsSync(path.join(this.staging, name))) await this.setAside(path.join(this.staging, name));
      }
      ({ folders: this.reusedFolders, pages: this.keptPages } = unlinkAllButPages(this.staging));
    } else await fsp.mkdir(this.staging, { recursive: true });
    return this.staging;
  }

  /**
   * Removes what the spare had and the new site has not: its pages that are not among `sitePages`
   * (file paths, `articles/x/index.html`), then the folders left empty (pages of deleted articles).
   */
  finishStaging(sitePages: Iterable<string>): void {
    const wanted = new Set(sitePages);
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

  /** Swaps the staging folder in as the output folder; the replaced one becomes the spare. */
  async commit(): Promise<void> {
    const previous = previousOf(this.outDir);
    // open() has moved a killed build's one back or aside: normally there is none
    await fsp.rm(previous, { recursive: true, force: true });
    const hadOutput = fs.existsSync(this.outDir);
    if (hadOutput) await fsp.rename(this.outDir, previous);
    await fsp.rename(this.staging, this.outDir);
    if (hadOutput) await this.keepAsSpare(previous);
    this.unlock();
  }

  /** Drops the staging folder (kept as the spare, for its folders); the output folder stays as it was. */
  async abort(): Promise<void> {
    if (fs.existsSync(this.staging)) await this.keepAsSpare(this.staging);
    this.unlock();
  }

  /** Makes a folder the spare; when there is one already, the folder is removed in the background. */
  private async keepAsSpare(dir: string): Promise<void> {
    const spare = spareOf(this.outDir);
    if (!fs.existsSync(spare)) return fsp.rename(dir, spare);
    await this.setAside(dir);
  }

  /** Renames a folder aside, beside the output, and removes it in the background. */
  private async setAside(dir: string): Promise<void> {
    const aside = path.join(path.dirname(this.outDir), `${removingPrefixOf(this.outDir)}${process.pid}-${Date.now()}-${++asideCount}`);
    await fsp.rename(dir, aside);
    removeInBackground(aside);
  }

  private lock(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(this.lockPath, String(process.pid), { flag: 'wx' });
        this.locked = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(fs.readFileSync(this.lockPath, 'utf8')) || 0;
        if (holder && holder !== process.pid && processRuns(holder)) throw new OutputLockedError(this.outDir, holder);
        // the holder died (killed build): its lock is stale
        fs.rmSync(this.lockPath, { force: true });
      }
    }
    throw new OutputLockedError(this.outDir, 0);
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
    const dir = path.dirname(this.outDir);
    const prefix = `.${path.basename(this.outDir)}.staging-`;
    for (const name of await fsp.readdir(dir)) {
      if (name.startsWith(removingPrefixOf(this.outDir))) removeInBackground(path.join(dir, name));
      if (!name.startsWith(prefix)) continue;
      const pid = Number(name.slice(prefix.length));
      if (pid === process.pid || !processRuns(pid)) await this.keepAsSpare(path.join(dir, name));
    }
  }
}

let asideCount = 0;

/** The name of every page file: a page of the spare is kept, for the page writer to keep or replace. */
const PAGE_FILE = 'index.html';

/**
 * Unlinks every file under `root` but its pages, and returns its folders (parents before
 * children) and its pages (paths from `root`). A file's bytes stay while another name links them.
 */
function unlinkAllButPages(root: string): { folders: string[]; pages: string[] } {
  const folders = [root];
  const relative = [''];
  const pages: string[] = [];
  for (let i = 0; i < folders.length; i++) {
    for (const entry of fs.readdirSync(folders[i]!, { withFileTypes: true })) {
      const full = path.join(folders[i]!, entry.name);
      const rel = relative[i] ? `${relative[i]}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        folders.push(full);
        relative.push(rel);
      } else if (entry.isFile() && entry.name === PAGE_FILE) pages.push(rel);
      else fs.unlinkSync(full);
    }
  }
  return { folders, pages };
}

/** Removes a folder from a detached process, which goes on after this one exits. */
function removeInBackground(dir: string): void {
  const remover = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', dir], { detached: true, stdio: 'ignore' });
  // without a process to run it in, the next build tries again
  remover.on('error', () => undefined);
  remover.unref();
}
