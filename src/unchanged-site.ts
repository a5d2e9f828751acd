// A build that finds nothing changed, found without reading a record or starting the build's
// thread: every seed file has the size and time the record cache saw (so its digest is known), the
// digest of everything the site is made from is the last build's, and the output folder is intact.
// The last build's messages and counts are then said again. Anything else, or any doubt (a file
// reached through a link, no report kept), is the whole build's to decide.
import fs from 'node:fs';
import type { BuildOptions } from './build.ts';
import { discoverSeeds } from './read/discover.ts';
import { DEFAULT_CACHE_DIR, RecordCache } from './pipeline/record-cache.ts';
import { PageManifest, type BuildReport } from './site/page-manifest.ts';
import { outputIntact, siteInputs } from './site/site-inputs.ts';

export async function unchangedSite(options: Omit<BuildOptions, 'log'>): Promise<BuildReport | null> {
  if (!options.cache) return null;
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const discovery = await discoverSeeds(options.seedsDir).catch(() => null);
  if (!discovery || discovery.articles.some((f) => f.viaLink)) return null;
  const cache = await RecordCache.open(options.seedsDir, { enabled: true, dir: cacheDir });
  const sources: { source: { relPath: string; digest: string } }[] = [];
  for (const file of discovery.articles) {
    // one synchronous call a file: awaiting 4,000 stats one by one took four times as long
    const stat = fs.statSync(file.path, { throwIfNoEntry: false });
    const digest = stat && cache.digestByStat(file.relPath, stat.size, stat.mtimeMs);
    if (!digest) return null;
    sources.push({ source: { relPath: file.relPath, digest } });
  }
  // the page keys (a file of 120 MB at 100,000 articles) are read only now, and only when the
  // digest of the inputs, the file's first bytes, is the last build's: a build with a new or
  // edited file has returned already, one with a deleted file returns here
  const manifest = new PageManifest(options.outDir, true, cacheDir);
  const inputs = siteInputs(sources, options);
  if ((await manifest.lastInputs()) !== inputs) return null;
  const last = await manifest.load();
  if (!last.inputs || !last.report) return null;
  // the last build built every article it found: a file it skipped has no digest here and is read again
  if (sources.length !== last.report.summary.articles) return null;
  if (inputs !== last.inputs || !outputIntact(options.outDir, last.keys.keys())) return null;
  return last.report;
}
