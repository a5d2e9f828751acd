// A build that finds nothing changed, found without reading a record or starting the build's
// thread: every seed file has the size and time the record cache saw (so its digest is known), the
// digest of everything the site is made from is the last build's, and the output folder is intact.
// The last build's messages and counts are then said again. Anything else, or any doubt (a file
// reached through a link, no report kept), is the whole build's to decide.
import fs from 'node:fs';
import type { BuildOptions } from './build.ts';
import { discoverSeeds, type DiscoveredFile } from './read/discover.ts';
import { isFeedFile } from './read/prepared-article.ts';
import { DEFAULT_CACHE_DIR, RecordCache } from './pipeline/record-cache.ts';
import { PageManifest, type BuildReport } from './site/page-manifest.ts';
import { outputIntact, siteInputs } from './site/site-inputs.ts';

export interface SeedsCheck {
  /** The last build's report, when nothing changed. */
  report: BuildReport | null;
  /** The article files the seeds folder holds, when the check read it. */
  articles: number | null;
  /**
   * The article files the record cache has no record of by size and time (new or edited), when
   * fewer than `limit`; null when there are more, or the check cannot say. The scan goes on from
   * where the check stopped: the build's thread is started before it is called.
   */
  changedFiles(limit: number): DiscoveredFile[] | null;
}

const cannotSay = (articles: number | null = null): SeedsCheck => ({ report: null, articles, changedFiles: () => null });

export async function unchangedSite(options: Omit<BuildOptions, 'log'>): Promise<SeedsCheck> {
  if (!options.cache) return cannotSay();
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const discovery = await discoverSeeds(options.seedsDir).catch(() => null);
  if (!discovery) return cannotSay();
  const articles = discovery.articles.length;
  if (discovery.articles.some((f) => f.viaLink)) return cannotSay(articles);
  const cache = await RecordCache.open(options.seedsDir, { enabled: true, dir: cacheDir });
  // one synchronous call a file: awaiting 4,000 stats one by one took four times as long
  const digestOf = (file: DiscoveredFile) => {
    const stat = fs.statSync(file.path, { throwIfNoEntry: false });
    return stat && cache.digestByStat(file.relPath, stat.size, stat.mtimeMs);
  };
  const sources: { source: { relPath: string; digest: string } }[] = [];
  for (const [at, file] of discovery.articles.entries()) {
    const digest = digestOf(file);
    if (!digest) return { report: null, articles, changedFiles: (limit) => changedFrom(discovery.articles, at, limit, digestOf) };
    sources.push({ source: { relPath: file.relPath, digest } });
  }
  // the page keys (a file of 120 MB at 100,000 articles) are read only now, and only when the
  // digest of the inputs, the file's first bytes, is the last build's: a build with a new or
  // edited file has returned already, one with a deleted file returns here
  const manifest = new PageManifest(options.outDir, true, cacheDir);
  const inputs = siteInputs(sources, options);
  if ((await manifest.lastInputs()) !== inputs) return cannotSay(articles);
  const last = await manifest.load();
  if (!last.inputs || !last.report) return cannotSay(articles);
  // the last build built every article it found: a file it skipped has no digest here and is read again
  if (sources.length !== last.report.summary.articles) return cannotSay(articles);
  if (inputs !== last.inputs || !outputIntact(options.outDir, last.keys.keys())) return cannotSay(articles);
  return { report: last.report, articles, changedFiles: () => [] };
}

/** The files from `at` on without a digest by stat (feeds aside: their items are the build's to read), or null past `limit`. */
function changedFrom(files: DiscoveredFile[], at: number, limit: number, digestOf: (file: DiscoveredFile) => string | false | undefined): DiscoveredFile[] | null {
  const changed: DiscoveredFile[] = [];
  for (const file of files.slice(at)) {
    if (isFeedFile(file.relPath) || digestOf(file)) continue;
    if (changed.push(file) >= limit) return null;
  }
  return changed;
}
