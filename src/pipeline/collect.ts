// Read, clean and extract every article of the seeds folder. Records of unchanged files come
// from the cache; the rest are processed, across cores when there are many. A file that cannot
// be used costs one message and nothing else: the other articles go on.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import { Piscina } from 'piscina';
import { discoverSeeds, type DiscoveredFile, type SkippedFile } from '../read/discover.ts';
import { digestOf, MAX_FILE_BYTES } from '../read/read-article.ts';
import type { ArticleOutcome } from './article-worker.ts';
import type { RecordCache } from './record-cache.ts';
import { holdRecord } from '../link/held-record.ts';
import type { ArticleRecord, BuildMessage, HeldRecord } from '../types.ts';

/** Below this many files to process, starting worker threads costs more than it saves. */
export const PARALLEL_THRESHOLD = 150;

export interface Collected {
  /** What the site holds of each article; the whole record stays attached only when no cache folder can give it back. */
  records: HeldRecord[];
  /** Files that are not articles, or articles that could not be used. */
  skipped: SkippedFile[];
  messages: BuildMessage[];
  /** Records taken from the cache, and records made anew. */
  cached: number;
  processed: number;
}

export interface CollectOptions {
  cache?: RecordCache;
  onProgress?: (done: number, total: number) => void;
  /**
   * The files (paths relative to the seeds folder) that may have changed since the cache's last
   * build, when a watcher knows; every other file is taken from the cache without a look at the
   * disk. Without it, each file's size and time are checked.
   */
  changed?: ReadonlySet<string>;
}

export async function collectArticles(seedsDir: string, options: CollectOptions = {}): Promise<Collected> {
  const discovery = await discoverSeeds(seedsDir);
  const records: HeldRecord[] = [];
  const keepFull = !options.cache?.folder;
  const skipped: SkippedFile[] = [...discovery.skipped];
  const messages: BuildMessage[] = discovery.skipped.map((s) => ({ file: s.relPath, line: null, column: null, reason: `${s.reason}; ${s.fix}`, ruleId: 'skipped', severity: s.severity }));
  const total = discovery.articles.length;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);

  const toProcess: DiscoveredFile[] = [];
  // cache lookups stat every file: a few at a time rather than one after another
  const lookups = options.cache ? await mapBounded(discovery.articles, STAT_CONCURRENCY, (found) => fromCache(found, options.cache!, options.changed)) : [];
  discovery.articles.forEach((found, i) => {
    const cached = lookups[i];
    if (cached) {
      records.push(cached);
      progress();
    } else toProcess.push(found);
  });

  const take = (outcome: ArticleOutcome) => {
    if ('held' in outcome) {
      records.push(outcome.held);
      options.cache?.noteWritten(outcome.held);
    } else if ('record' in outcome) {
      records.push(holdRecord(outcome.record, keepFull));
      options.cache?.set(outcome.record);
    } else {
      skipped.push(outcome.skipped);
      messages.push(outcome.message);
    }
    progress();
  };
  if (toProcess.length >= PARALLEL_THRESHOLD) {
    const pool = new Piscina({
      filename: new URL('./article-worker.ts', import.meta.url).href,
      maxThreads: Math.max(1, os.availableParallelism()),
    });
    try {
      const recordFolder = options.cache?.workerFolder;
      await Promise.all(toProcess.map((f) => pool.run({ absPath: f.path, relPath: f.relPath, recordFolder }).then(take)));
    } finally {
      await pool.destroy();
    }
  } else if (toProcess.length > 0) {
    // the extractor is loaded only when there is something to extract: a warm build never needs it
    const { processFile } = await import('./article-worker.ts');
    for (const f of toProcess) take(await processFile({ absPath: f.path, relPath: f.relPath }));
  }

  // the same order whatever finished first
  records.sort((a, b) => (a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : 0));
  for (const r of records) messages.push(...r.messages);
  return { records, skipped, messages, cached: total - toProcess.length, processed: toProcess.length };
}

/** File system calls in flight at once while looking files up in the cache. */
const STAT_CONCURRENCY = 32;

/** `map` with at most `limit` calls pending; results in input order. */
async function mapBounded<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** The cached record of a file whose bytes are unchanged. */
async function fromCache(found: DiscoveredFile, cache: RecordCache, changed?: ReadonlySet<string>): Promise<HeldRecord | undefined> {
  if (changed && !changed.has(found.relPath) && !found.viaLink) {
    const unchanged = cache.getUnchanged(found.relPath);
    if (unchanged) return unchanged;
  }
  try {
    // synchronous: the promise API's thread-pool round trip costs more than the stat
    const stat = fs.statSync(found.path);
    if (stat.size > MAX_FILE_BYTES) return undefined;
    const unchanged = cache.getByStat(found.relPath, stat.size, stat.mtimeMs);
    if (unchanged) {
      cache.noteStat(found.relPath, stat.size, stat.mtimeMs, unchanged.source.digest);
      return unchanged;
    }
    const digest = digestOf(await fsp.readFile(found.path));
    cache.noteStat(found.relPath, stat.size, stat.mtimeMs, digest);
    return cache.get(found.relPath, digest);
  } catch {
    return undefined;
  }
}
