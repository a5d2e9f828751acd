// Read, clean and extract every article of the seeds folder. Records of unchanged files come
// from the cache; the rest are processed, across cores when there are many. A file that cannot
// be used costs one message and nothing else: the other articles go on.
import fs from 'node:fs';
import os from 'node:os';
import type { Piscina } from 'piscina';
import { discoverSeeds, type DiscoveredFile, type Discovery, type SkippedFile } from '../read/discover.ts';
import { digestOf, isFeedFile, maxBytesOf } from '../read/prepared-article.ts';
import { cleanBlobsUnder, gitBlobOf, TOUCHED_BEFORE_GIT, writtenBefore } from '../read/git-blobs.ts';
import { unbatched, type ArticleBatch, type ArticleOutcome } from './article-batch.ts';
import type { ArticleTask } from './article-worker.ts';
import { generatorThread, bundledUrl } from '../generator.ts';
import type { RecordCache, RecordFolder } from '../store/record-cache.ts';
import { holdRecord } from '../store/held-record.ts';
import type { BuildMessage, HeldRecord } from '../types.ts';

/** An extraction thread's heap: its code and lexicons, and the trees of the largest article allowed (1 MB). */
const EXTRACTION_HEAP_MB = 512;

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

/** A file's size and modification time, as a stat gave them. */
export interface FileTimes {
  size: number;
  mtimeMs: number;
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
  /**
   * The same, from a look at every file's size and time just before (the CLI's seeds check): used
   * while the folder holds as many article files as that look saw. `restamped`: the files among
   * the others git vouched for, with the size and time they have now, for the cache to note.
   * `discovery`: the folder as that look found it, taken as it is (100,000 files: 0.28 s to walk
   * the folder again).
   */
  statChecked?: { changed: ReadonlySet<string>; articles: number; restamped?: ReadonlyMap<string, FileTimes>; discovery?: Discovery };
  /**
   * Outcomes of changed files another thread read and extracted while this one started (by
   * relative path; see extractAhead): taken for the files this build would extract here.
   */
  extractedAhead?: Promise<Map<string, ArticleOutcome>>;
}

export async function collectArticles(seedsDir: string, options: CollectOptions = {}): Promise<Collected> {
  const discovery = options.statChecked?.discovery ?? (await discoverSeeds(seedsDir));
  const statChecked = options.statChecked?.articles === discovery.articles.length ? options.statChecked : undefined;
  const changed = options.changed ?? statChecked?.changed;
  const restamped = options.changed ? undefined : statChecked?.restamped;
  const records: HeldRecord[] = [];
  const keepFull = !options.cache?.folder;
  const skipped: SkippedFile[] = [...discovery.skipped];
  const messages: BuildMessage[] = discovery.skipped.map((s) => ({ file: s.relPath, line: null, column: null, reason: `${s.reason}; ${s.fix}`, ruleId: 'skipped', severity: s.severity }));
  let total = discovery.articles.length;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);

  // records a stopped build had made: taken from the cache's folder, not made again
  let fromFolder = 0;
  const take = (outcome: ArticleOutcome) => {
    if ('bytes' in outcome) {
      if (outcome.inFolder) fromFolder++;
      const held = options.cache!.setBytes(outcome.bytes, outcome.inFolder);
      if (outcome.seen) options.cache!.noteStat(held.source.relPath, outcome.seen.size, outcome.seen.mtimeMs, held.source.digest, outcome.seen.blob);
      records.push(held);
    } else if ('record' in outcome) {
      records.push(holdRecord(outcome.record, keepFull));
      options.cache?.set(outcome.record);
      if (outcome.seen) options.cache?.noteStat(outcome.record.source.relPath, outcome.seen.size, outcome.seen.mtimeMs, outcome.record.source.digest, outcome.seen.blob);
    } else {
      skipped.push(outcome.skipped);
      messages.push(outcome.message);
    }
    progress();
  };

  // a cold build starts its workers first, so their second of start-up passes while the cache is looked at
  const unknown = options.cache ? discovery.articles.filter((f) => !options.cache!.knows(f.relPath)).length : total;
  // records come back as the bytes of their cache files where there is a folder to write them to
  const asBytes = !!options.cache?.folder;
  let pool = unknown >= PARALLEL_THRESHOLD ? await ExtractionPool.start(asBytes, take, unknown) : null;
  const toProcess: ArticleTask[] = [];
  const extract = (task: ArticleTask) => {
    if (pool) pool.add(task);
    else toProcess.push(task);
  };
  const touched = new TouchedFiles(seedsDir);
  // a feed item's page name, for items saved in more than one feed file: the first file's copy is read
  const feedItemsSeen = new Map<string, string>();
  try {
    for (const found of discovery.articles) {
      if (isFeedFile(found.relPath)) {
        // a feed is read again at every build (a millisecond): its items are looked up in the cache one by one
        // the feed reader (an XML parser, HTML to markdown) loads in a fifth of a second: only for feeds
        const { feedTasks } = await import('./feed-items.ts');
        const feed = feedTasks(found, feedItemsSeen, options.cache);
        total += feed.tasks.length + feed.cached.length - 1;
        skipped.push(...feed.skipped);
        messages.push(...feed.messages);
        for (const held of feed.cached) {
          records.push(held);
          progress();
        }
        for (const task of feed.tasks) extract(task);
        continue;
      }
      // a file the index does not name is read once, by the thread that extracts it (see ArticleTask.records)
      const known = options.cache?.knows(found.relPath);
      const cached = known ? fromCache(found, options.cache!, touched, changed, restamped) : undefined;
      const task: ArticleTask = { absPath: found.path, relPath: found.relPath, ...(options.cache && !known ? { records: options.cache.folderOfUnindexed() ?? undefined } : {}) };
      if (cached) {
        records.push(cached);
        progress();
      } else extract(task);
    }
    if (toProcess.length >= PARALLEL_THRESHOLD) {
      pool = await ExtractionPool.start(asBytes, take, toProcess.length);
      for (const found of toProcess.splice(0)) pool.add(found);
    }
    await pool?.finished();
  } finally {
    await pool?.destroy();
  }
  if (toProcess.length > 0) {
    const ahead = (await options.extractedAhead) ?? new Map<string, ArticleOutcome>();
    const here = toProcess.filter((task) => !ahead.has(task.relPath));
    for (const task of toProcess) if (ahead.has(task.relPath)) take(ahead.get(task.relPath)!);
    // the extractor is loaded only when there is something to extract: a warm build never needs it
    const { processFile } = here.length > 0 ? await import('./article-worker.ts') : { processFile: null };
    for (const task of here) take(await processFile!(task));
  }

  // the same order whatever finished first
  records.sort((a, b) => (a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : 0));
  for (const r of records) messages.push(...r.messages);
  const processed = (pool?.added ?? 0) + toProcess.length - fromFolder;
  return { records, skipped, messages, cached: total - processed, processed };
}

/** What extractAhead hands over: each file's outcome, the records' bytes in one buffer. */
export interface ExtractedAhead {
  relPaths: string[];
  batch: { outcomes: ArticleBatch['outcomes']; bytes: Uint8Array };
}

/**
 * Reads and extracts a rebuild's few changed files in a thread of its own, started by the CLI's
 * main thread beside the build's thread, which meanwhile takes the rest from the cache
 * (collectArticles' `extractedAhead`): the extractor's first article in a process costs about half
 * a second (loading its modules, compiling its patterns), which then leaves the build's path; its
 * memory (about 40 MB) goes with the thread. Records come as their cache files' bytes, as from
 * the extraction threads. The thread is started before the files are known (startExtractAhead),
 * so that it loads its code while the seeds check looks at the files.
 */
export async function extractAhead(files: { path: string; relPath: string }[], records: RecordFolder | null): Promise<ExtractedAhead> {
  return startExtractAhead().extract(files, records);
}

/** A thread of extractAhead's, loading its code, waiting to be told the files (or to be stopped). */
export interface ExtractAheadThread {
  extract(files: { path: string; relPath: string }[], records: RecordFolder | null): Promise<ExtractedAhead>;
  stop(): Promise<void>;
}

export function startExtractAhead(): ExtractAheadThread {
  const thread = generatorThread('./pipeline/extract-ahead-thread.ts', { resourceLimits: { maxOldGenerationSizeMb: EXTRACTION_HEAP_MB } });
  // waiting to be told, it does not keep the process alive (should the build fail before it is)
  thread.unref();
  const batch = new Promise<ExtractedAhead['batch']>((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the extraction thread stopped (exit code ${code})`)));
  });
  // a thread stopped unasked for is nobody's failure
  batch.catch(() => undefined);
  const stop = async () => {
    await thread.terminate();
  };
  return {
    async extract(files, records) {
      const relPaths = files.map((f) => f.relPath);
      if (files.length === 0) {
        await stop();
        return { relPaths, batch: { outcomes: [], bytes: new Uint8Array(0) } };
      }
      const tasks: ArticleTask[] = files.map((file) => ({ absPath: file.path, relPath: file.relPath, asBytes: true, ...(records ? { records } : {}) }));
      thread.ref();
      thread.postMessage(tasks);
      return { relPaths, batch: await batch };
    },
    stop,
  };
}

/** The outcomes extractAhead made, by relative path. */
export function outcomesAhead(ahead: ExtractedAhead): Map<string, ArticleOutcome> {
  const outcomes = unbatched(ahead.batch);
  return new Map(ahead.relPaths.map((relPath, i) => [relPath, outcomes[i]!]));
}

/** Articles a task at most: enough that a thread seldom waits for the next, few enough to share the last ones out. */
const MAX_BATCH = 16;

/** Worker threads that read, clean and extract the files they are given, a batch a task. */
class ExtractionPool {
  private readonly threads = Math.max(1, os.availableParallelism());
  private readonly running: Promise<void>[] = [];
  private batch: ArticleTask[] = [];
  /** About eight batches a thread, so that threads finish together. */
  private readonly batchSize: number;
  added = 0;

  /** Piscina is loaded here, for a build that extracts many files: a rebuild's thread starts without it (17 ms). */
  static async start(asBytes: boolean, take: (outcome: ArticleOutcome) => void, expected: number): Promise<ExtractionPool> {
    const { Piscina } = await import('piscina');
    return new ExtractionPool(Piscina, asBytes, take, expected);
  }

  private readonly pool: Piscina;

  private constructor(
    Pool: typeof Piscina,
    /** Records come back as the bytes of their cache file (see ArticleTask.asBytes). */
    private readonly asBytes: boolean,
    private readonly take: (outcome: ArticleOutcome) => void,
    expected: number,
  ) {
    this.batchSize = Math.max(1, Math.min(MAX_BATCH, Math.floor(expected / (this.threads * 8))));
    this.pool = new Pool({
      filename: bundledUrl('./pipeline/article-worker.ts').href,
      maxThreads: this.threads,
      // bounded: by default V8 lets each thread's heap grow towards a quarter of the machine's memory
      resourceLimits: { maxOldGenerationSizeMb: EXTRACTION_HEAP_MB },
    });
  }

  add(task: ArticleTask): void {
    this.added++;
    this.batch.push({ ...task, asBytes: this.asBytes });
    if (this.batch.length >= this.batchSize) this.send();
  }

  private send(): void {
    const tasks = this.batch;
    this.batch = [];
    this.running.push(this.pool.run(tasks).then((batch: ArticleBatch) => unbatched(batch).forEach(this.take)));
  }

  async finished(): Promise<void> {
    if (this.batch.length > 0) this.send();
    await Promise.all(this.running);
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}

/**
 * The cached record of a file whose bytes are unchanged. Synchronous calls: the promise API's
 * trips through the thread pool cost more than the stat or read itself.
 */
function fromCache(found: DiscoveredFile, cache: RecordCache, touched: TouchedFiles, changed?: ReadonlySet<string>, restamped?: ReadonlyMap<string, FileTimes>): HeldRecord | undefined {
  if (changed && !changed.has(found.relPath) && !found.viaLink) {
    const unchanged = cache.getUnchanged(found.relPath);
    const now = restamped?.get(found.relPath);
    // its new time noted: the next build knows it by size and time, without git
    if (unchanged && now) cache.noteStat(found.relPath, now.size, now.mtimeMs, unchanged.source.digest);
    if (unchanged) return unchanged;
  }
  try {
    const stat = fs.statSync(found.path);
    if (stat.size > maxBytesOf(found.relPath)) return undefined;
    const unchanged = cache.getByStat(found.relPath, stat.size, stat.mtimeMs);
    if (unchanged) {
      cache.noteStat(found.relPath, stat.size, stat.mtimeMs, unchanged.source.digest);
      return unchanged;
    }
    // as git has it, and as it was when its record was made: only its time is new
    const asMade = cache.digestByBlob(found.relPath, touched.blobOf(found.relPath));
    if (asMade) {
      // a file written since git looked keeps its old time in the index: the next build looks again
      if (!touched.timesHold(stat.mtimeMs)) return cache.getUnchanged(found.relPath);
      cache.noteStat(found.relPath, stat.size, stat.mtimeMs, asMade);
      return cache.get(found.relPath, asMade);
    }
    const bytes = fs.readFileSync(found.path);
    const digest = digestOf(bytes);
    cache.noteStat(found.relPath, stat.size, stat.mtimeMs, digest, gitBlobOf(bytes));
    return cache.get(found.relPath, digest);
  } catch {
    return undefined;
  }
}

/** The known files found with a new size or time, and what git says of the seeds folder once there are many. */
class TouchedFiles {
  private count = 0;
  private blobs: Map<string, string> | null | undefined;
  private askedAt = 0;

  constructor(private readonly seedsDir: string) {}

  /** The blob git has for a touched file whose contents it says are the blob's, when it has been asked. */
  blobOf(relPath: string): string | undefined {
    if (++this.count < TOUCHED_BEFORE_GIT) return undefined;
    if (this.blobs === undefined) {
      this.askedAt = Date.now();
      this.blobs = cleanBlobsUnder(this.seedsDir);
    }
    return this.blobs?.get(relPath);
  }

  /** Whether a file git vouched for, modified at `mtimeMs`, was written before git looked: its size and time may then be noted with the blob's record. */
  timesHold(mtimeMs: number): boolean {
    return writtenBefore(mtimeMs, this.askedAt);
  }
}
