// A build that finds nothing changed, found without reading a record: every seed file has the
// size and time the record cache saw (so its digest is known), the digest of everything the site
// is made from is the last build's, and the output folder is intact. The last build's messages and
// counts are then said again. Anything else, or any doubt (a file reached through a link, no report
// kept, --verbose asking for notes the report leaves out), is the whole build's to decide. A build
// is found needed at once when a file is new to the record cache, else at the first file without a
// digest by size and time: the thread that extracts changed files starts then, and loads the
// extractor while the check looks at the files (changedFiles). A checkout
// (every CI build) gives every file a new time: when most files from the first such one on have
// one, git is asked which files are as it has them, and a file whose blob its record was made
// from counts as unchanged (read/git-blobs.ts).
import fs from 'node:fs';
import type { BuildOptions } from './build.ts';
import { discoverSeeds, packDiscovery, type DiscoveredFile, type Discovery, type PackedDiscovery } from './read/discover.ts';
import type { FileTimes } from './pipeline/collect.ts';
import { isFeedFile } from './read/prepared-article.ts';
import { cleanBlobsUnder, TOUCHED_BEFORE_GIT, writtenBefore } from './read/git-blobs.ts';
import { DEFAULT_CACHE_DIR, RecordCache } from './store/record-cache.ts';
import { PageManifest, type BuildReport } from './site/page-manifest.ts';
import { outputIntact, siteInputs } from './site/site-inputs.ts';

export interface SeedsCheck {
  /** The article files the seeds folder holds, when the check could read it. */
  articles: number | null;
  /** Whether the seeds folder holds an article file the record cache has never seen: a build is needed, whatever else the check finds. */
  newFiles: boolean;
  /** Whether the record cache knows none of the folder's article files (a first build), or the check cannot say. */
  noneKnown: boolean;
  /** Looks at every file's size and time: the last build's report when nothing changed, else null. */
  unchangedReport(): Promise<BuildReport | null>;
  /**
   * After unchangedReport: the article files the record cache has no record of by size and time
   * (new or edited), when fewer than `limit`; null when there are more, or the check cannot say.
   * The scan goes on from where unchangedReport stopped.
   */
  changedFiles(limit: number): DiscoveredFile[] | null;
  /**
   * After changedFiles: the files with a new size or time that git vouched for (same contents),
   * with the size and time they have now, for the build to note (not those written after git
   * looked). Empty unless git was asked.
   */
  readonly restamped: ReadonlyMap<string, FileTimes>;
  /** The seeds folder as the check found it, for the build to take as it is; null when it cannot say. */
  readonly discovered: PackedDiscovery | null;
}

const cannotSay = (articles: number | null = null): SeedsCheck => ({ articles, newFiles: false, noneKnown: true, unchangedReport: async () => null, changedFiles: () => null, restamped: new Map(), discovered: null });

/** The check's first step: the seeds folder read, and the record cache's index. */
export async function checkSeeds(options: Omit<BuildOptions, 'log'>): Promise<SeedsCheck> {
  if (!options.cache) return cannotSay();
  const discovery = await discoverSeeds(options.seedsDir).catch(() => null);
  if (!discovery) return cannotSay();
  if (discovery.articles.some((f) => f.viaLink)) return cannotSay(discovery.articles.length);
  const cache = await RecordCache.open(options.seedsDir, { enabled: true, dir: options.cacheDir ?? DEFAULT_CACHE_DIR });
  return new SeedsScan(options, discovery, cache);
}

class SeedsScan implements SeedsCheck {
  readonly articles: number;
  readonly discovered: PackedDiscovery | null;
  readonly newFiles: boolean;
  readonly noneKnown: boolean;
  /** Where unchangedReport stopped: the first file without a digest by stat (null: not scanned). */
  private firstChanged: number | null = null;

  constructor(
    private readonly options: Omit<BuildOptions, 'log'>,
    private readonly discovery: Discovery,
    private readonly cache: RecordCache,
  ) {
    this.articles = discovery.articles.length;
    this.discovered = packDiscovery(discovery);
    this.newFiles = discovery.articles.some((file) => !cache.knows(file.relPath));
    this.noneKnown = !discovery.articles.some((file) => cache.knows(file.relPath));
  }

  /** What git says of the seeds folder's files, once asked (null: it could not say), and when it was asked. */
  private blobs: Map<string, string> | null | undefined;
  private askedAt = 0;
  readonly restamped = new Map<string, FileTimes>();
  /** Files git vouched for while no build was known to follow: not looked at, their times not known yet (changedFiles). */
  private unlooked: DiscoveredFile[] = [];

  /**
   * The file's digest: by its size and time, or once git was asked, by the blob git has for it.
   * `times`: whether the size and time of a file git vouched for are wanted (a build follows, which
   * notes them); without, such a file is not looked at (100,000 after a checkout: 0.45 s of stats).
   */
  // one synchronous call a file: awaiting 4,000 stats one by one took four times as long
  private digestOf(file: DiscoveredFile, times: boolean): string | undefined {
    if (this.blobs && !times) {
      const vouched = this.cache.digestByBlob(file.relPath, this.blobs.get(file.relPath));
      if (vouched) {
        this.unlooked.push(file);
        return vouched;
      }
    }
    const stat = fs.statSync(file.path, { throwIfNoEntry: false });
    if (!stat) return undefined;
    const byStat = this.cache.digestByStat(file.relPath, stat.size, stat.mtimeMs);
    if (byStat || !this.blobs) return byStat;
    const byBlob = this.cache.digestByBlob(file.relPath, this.blobs.get(file.relPath));
    if (byBlob) this.restamp(file, stat);
    return byBlob;
  }

  /** Notes for the build the size and time of a file git vouched for, unless it was written since git looked. */
  private restamp(file: DiscoveredFile, stat: FileTimes): void {
    if (writtenBefore(stat.mtimeMs, this.askedAt)) this.restamped.set(file.relPath, { size: stat.size, mtimeMs: stat.mtimeMs });
  }

  /**
   * Whether the files from `at` on look checked out anew: as many with a new size or time as
   * TOUCHED_BEFORE_GIT, or half the folder's when it holds fewer, among the next TOUCHED_BEFORE_GIT.
   * An edit or two costs a look at that many files, not a call to git.
   */
  private looksCheckedOut(at: number): boolean {
    const needed = Math.min(TOUCHED_BEFORE_GIT, Math.ceil(this.articles / 2));
    let touched = 0;
    for (const file of this.discovery.articles.slice(at, at + TOUCHED_BEFORE_GIT)) {
      if (!this.digestOf(file, false) && ++touched >= needed) return true;
    }
    return false;
  }

  /** The file's digest, asking git first when it is the first one found touched and many more are. */
  private digestAt(at: number): string | undefined {
    const file = this.discovery.articles[at]!;
    const digest = this.digestOf(file, false);
    if (digest || this.blobs !== undefined || !this.looksCheckedOut(at)) return digest;
    this.askedAt = Date.now();
    this.blobs = cleanBlobsUnder(this.options.seedsDir);
    return this.digestOf(file, false);
  }

  async unchangedReport(): Promise<BuildReport | null> {
    const { options, discovery } = this;
    const sources: { source: { relPath: string; digest: string } }[] = [];
    for (const [at, file] of discovery.articles.entries()) {
      const digest = this.digestAt(at);
      if (!digest) {
        this.firstChanged = at;
        return null;
      }
      sources.push({ source: { relPath: file.relPath, digest } });
    }
    this.firstChanged = discovery.articles.length;
    // the page keys (a file of 120 MB at 100,000 articles) are read only now, and only when the
    // digest of the inputs, the file's first bytes, is the last build's: a build with a new or
    // edited file has returned already, one with a deleted file returns here
    const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
    const manifest = new PageManifest(options.outDir, true, cacheDir);
    const inputs = siteInputs(sources, options);
    if ((await manifest.lastInputs()) !== inputs) return null;
    const last = await manifest.load({ report: true });
    if (!last.inputs || !last.report) return null;
    // the notes --verbose asks for are in the records, not in the report: the build reads them
    if (options.verbose && last.report.notesLeftOut) return null;
    // the last build built every article it found: a file it skipped has no digest here and is read again
    if (sources.length !== last.report.summary.articles) return null;
    if (inputs !== last.inputs || !outputIntact(options.outDir, last.keys.keys())) return null;
    return last.report;
  }

  /** The files from where the scan stopped on without a digest by stat (feeds aside: their items are the build's to read), or null past `limit`. */
  changedFiles(limit: number): DiscoveredFile[] | null {
    if (this.firstChanged === null) return null;
    // a build follows: the times of the files taken on git's word are wanted now
    for (const file of this.unlooked.splice(0)) {
      const stat = fs.statSync(file.path, { throwIfNoEntry: false });
      if (stat) this.restamp(file, stat);
    }
    const changed: DiscoveredFile[] = [];
    for (const file of this.discovery.articles.slice(this.firstChanged)) {
      if (isFeedFile(file.relPath) || this.digestOf(file, true)) continue;
      if (changed.push(file) >= limit) return null;
    }
    return changed;
  }
}
