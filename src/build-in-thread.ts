// `npm run build` stages the site in a thread of its own, with a heap sized from the number of
// articles. Left to itself V8 lets a heap grow towards a quarter of the machine's memory before it
// collects in earnest (at 100,000 articles the build's process peaked at 3 GB). When the thread
// has written every page it ends, and its memory with it; this thread then builds the search
// index (Pagefind's process) and swaps the site in. A thread, not a child process, keeps one
// process: killing the build kills all of it.
import type { BuildOptions } from './build.ts';
import type { StagedPages, StagedSite } from './finish-build.ts';
import type { BuildThreadData, BuildThreadNote, BuildThreadReply, BuildThreadReplyNote, ExtractedAheadNote, GoNote, RecordsJsonWrittenNote } from './build-thread.ts';
import type { ExtractAheadThread, ExtractedAhead } from './pipeline/collect.ts';
import { writePlanned } from './site/records-json-file.ts';
import { finishBuild, lastSearchOf, searchWritten } from './finish-build.ts';
import type { SearchIndexResult, StartedShards } from './site/search-shards.ts';
import type { SearchRecord } from './render/search-records.ts';
import { discoverSeeds } from './read/discover.ts';
import { DEFAULT_CACHE_DIR, RecordCache } from './store/record-cache.ts';
import { checkOutputFolder } from './site/output-guard.ts';
import { generatorThread } from './generator.ts';
import { checkSeeds, type SeedsCheck } from './unchanged-site.ts';
import os from 'node:os';
import v8 from 'node:v8';
import type { BuildReport } from './site/page-manifest.ts';
import { formatMessage, seedsLabel, shouldShow } from './pipeline/report.ts';

/** What a build holds besides its articles: code, templates, the fragment memo, buffers. */
export const HEAP_BASE_MB = 384;
/**
 * Per article: its held record and linked data (measured at 4,000 synthetic articles: 5.1 + 1.2
 * KiB, with figures and dates packed outside the heap) and what rendering adds (the site's index,
 * the timeline, memos: at 100,000 the live heap peaked at 810 MB, 8.3 KiB an article). At 100,000
 * articles 9 KiB gave the same time as 11 (1,187 s against 1,201 s) and a peak RSS 130 MiB
 * lower; the fuller the heap the more often V8 collects, and with figures
 * and dates held as objects (live 1.2-1.35 GB under a cap of 1,556 MB) a third of the render went
 * to collecting.
 */
export const HEAP_PER_ARTICLE_KB = 9;

/**
 * The old space the thread of a rebuild starts with, in MB (at most its cap): at least this, and
 * room for what it holds once its records are decoded (REBUILD_HELD_KB_PER_ARTICLE). V8 starts a
 * heap small and collects all of it each time it outgrows a limit: the thread of a rebuild of
 * 4,000 articles, which holds about 55 MB, made four full collections on the way there; of 100,000,
 * five while its records were decoded (110 to 330 MB: 0.8 s of pauses and marking steps).
 */
export const BUILD_THREAD_FIRST_OLD_SPACE_MB = 128;
/**
 * What a rebuild's thread holds per article once its records are decoded and linked, about (330 MB
 * at 100,000). Started with that room, one added to 100,000 took 0.92 of the time, its peak under
 * 1.9 GB, and a rebuild that renders every page peaked where it did (BENCHMARKS.md, 2026-12-08).
 */
export const REBUILD_HELD_KB_PER_ARTICLE = 4;

/** The old space a rebuild's thread starts with for this many articles, in MB. */
export function firstOldSpaceMb(budget: number, articles: number): number {
  return Math.min(budget, Math.max(BUILD_THREAD_FIRST_OLD_SPACE_MB, Math.ceil((articles * REBUILD_HELD_KB_PER_ARTICLE) / 1024)));
}

/**
 * A build's thread, from this heap budget up (about 44,000 articles), has a young generation of
 * YOUNG_MB (V8's default is 48 MB: 16 MB halves). Its collector's time is scavenges, each costing
 * what lives on, not full collections: in a first build of 100,000 articles 5,071 scavenges took
 * 36 s of a 190 s render, 59 full collections 1.6 s; with 192 MB the render took 161-166 s against
 * 180-185 s. A rebuild of 100,000 (one article added) took 0.93 of its time, in seven pairs
 * (BENCHMARKS.md, 2026-12-07).
 */
export const YOUNG_FROM_MB = 768;
export const YOUNG_MB = 192;
/**
 * With the young generation, the old space is this much less than the budget: a first build's
 * peak stayed where it was (1,866 MiB against 1,825-1,954; 2,016 MiB with 144 less, 2,075 with
 * none less), and a rebuild that models every page (the generator changed) peaked at 1,997 MiB
 * with none less.
 */
export const OLD_GIVEN_TO_YOUNG_MB = 244;

export function heapBudgetMb(articles: number): number {
  return Math.ceil(HEAP_BASE_MB + (articles * HEAP_PER_ARTICLE_KB) / 1024);
}

export class BuildError extends Error {
  name = 'BuildError';
}

/**
 * Runs a build: stageSite in a thread whose heap is capped at `heapMb` (default: sized from the
 * articles in the seeds folder), then finishBuild here. Resolves to its exit code; output goes to
 * this process's stdout.
 */
export async function buildInThread(options: Omit<BuildOptions, 'log'>, heapMb?: number): Promise<number> {
  // refused here, in this thread, so the error keeps its kind (the CLI's exit code 2)
  checkOutputFolder(options.outDir, options);
  const start = performance.now();
  const check = await checkSeeds(options);
  // a seeds folder that cannot be read is the build's to report, with its own message
  const articles = check.articles ?? (await discoverSeeds(options.seedsDir).then((d) => d.articles.length, () => 0));
  const budget = heapMb ?? heapBudgetMb(articles);
  // the build's thread loads its code while the check looks at the files, from the start: a file
  // deleted is found only once every file was looked at (at 100,000 articles 0.7-1.1 s, at 4,000
  // about 0.1 s), an edited one wherever it lies. A check that finds nothing changed stops it. A
  // first build extracts every file in the build's own threads: no thread of its own for a few
  const thread = startBuildThread(options, budget, heapMb ? '(--max-heap-mb)' : 'for this many articles', !check.noneKnown, articles);
  // the extracting thread is started before the check goes on looking at files, which holds this
  // thread: started after, it began its 0.5 s of loading and first article only once the look had
  // ended (100,000 articles, one added: 0.5 s later, the build's thread waiting for it). With no
  // file new, at the first one changed (unchangedReport stops there)
  if (check.newFiles) await thread.startExtracting();
  const report = await check.unchangedReport();
  if (report) {
    // a thread left waiting would keep the process
    await thread.stop();
    return reportUnchanged(report, options, performance.now() - start, start);
  }
  await thread.startExtracting();
  // read here while the build's thread stages the site, which then neither reads nor hands them over
  const lastSearch = lastSearchOf(options.outDir, !!options.cache, options.cacheDir ?? DEFAULT_CACHE_DIR);
  // what only a build that changes the site needs is loaded now, while the build's thread loads its
  // code: before the check, it made every build wait for it (Pagefind's client, the output folder)
  const [{ StartedShards }, { closeSearch }, { OutputFolder }] = await Promise.all([import('./site/search-shards.ts'), import('./site/search-index.ts'), import('./site/output-folder.ts')]);
  let staged: StagedSite;
  // the seeds check and what it made wait here, before the thread is told to go
  const checked = Math.round(performance.now() - start);
  // the article pages' search shards, indexed here while the build's thread renders the rest; or
  // a rebuild's whole index, while the thread writes its last files
  let startedShards: StartedShards | undefined;
  let searchStarted: Promise<SearchIndexResult> | undefined;
  // the search records of the pages a rebuild renders, handed over as each renders: the search
  // stage, which ends after the build's thread, reads none of them back
  const rendered = new Map<string, SearchRecord | null>();
  // settles once the build's thread has ended, its memory given back (searchWritten's `staged`)
  let threadEnded!: () => void;
  const ended = new Promise<void>((resolve) => (threadEnded = resolve));
  try {
    staged = await thread.stage(check, {
      searchablePages: (searchable) => (startedShards = StartedShards.start(searchable)),
      searchablePagesWritten: (count, records) => startedShards?.written(count, records),
      pagesWritten: (written) => (searchStarted = searchWritten(written, lastSearch, rendered, ended)),
      searchRecord: (page, record) => rendered.set(page, record),
    }).finally(threadEnded);
  } catch (error) {
    if (startedShards || searchStarted) {
      await startedShards?.settled();
      await searchStarted?.catch(() => undefined);
      await closeSearch();
    }
    // a thread that ran out of memory left its staging folder and its lock (the next build would
    // clear them); a build stopped by another's lock has neither
    try {
      await OutputFolder.resume(options.outDir, options.cacheDir ?? DEFAULT_CACHE_DIR).abort();
    } catch {
      // not this process's lock
    }
    throw error;
  }
  try {
    staged.timings = { check: checked, ...staged.timings };
    await finishBuild(staged, { ...options, log: (line) => console.log(line), startedShards, searchStarted, rendered, startedAt: start, lastSearch });
  } finally {
    await closeSearch();
  }
  return staged.exitCode;
}

/** Says again what the last build said, for a build that found nothing changed. */
async function reportUnchanged(report: BuildReport, options: Omit<BuildOptions, 'log'>, ms: number, startedAt: number): Promise<number> {
  const log = (line: string) => console.log(line);
  for (const m of report.messages) if (shouldShow(m, options.verbose)) log(formatMessage(m, seedsLabel(options.seedsDir)));
  const exitCode = options.strict && report.summary.skipped > 0 ? 1 : 0;
  const staged: StagedSite = { outDir: options.outDir, cache: true, cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR, pending: null, timings: { unchanged: Math.round(ms) }, summary: report.summary, exitCode };
  await finishBuild(staged, { ...options, log, startedAt });
  return exitCode;
}

/** What the build's thread says while it works (BuildThreadNote). */
interface ThreadNotes {
  searchablePages: NonNullable<BuildOptions['onSearchablePages']>;
  searchablePagesWritten: NonNullable<BuildOptions['onSearchablePagesWritten']>;
  pagesWritten: (written: StagedPages) => void;
  searchRecord: (page: string, record: SearchRecord) => void;
}

/**
 * The build's thread, started with its heap capped at `budget` MB (`why`: the cap's reason, for
 * the message when it runs out): it loads its code, then waits for stage() to tell it what the
 * seeds check found (`articles`: how many it counted). With `fewMayChange` (the record cache
 * knows some of the files), the thread that extracts a rebuild's few changed files starts beside
 * it when asked (startExtracting), or at the latest when told to stage.
 */
function startBuildThread(options: Omit<BuildOptions, 'log'>, budget: number, why: string, fewMayChange: boolean, articles: number) {
  const data: BuildThreadData = { options, terminal: process.stderr.isTTY === true };
  // a rebuild's thread starts with room for what it holds (a first build's grows far past it: no
  // faster for it, and a higher peak). V8's flags are the process's, and a thread's heap is made
  // from them as it starts: set for this thread, and back to V8's default once it runs, before it
  // starts any extraction threads (the thread that extracts ahead, started beside it, may start
  // with the same: one article's heap)
  if (fewMayChange) v8.setFlagsFromString(`--initial-old-space-size=${firstOldSpaceMb(budget, articles)}`);
  const young = budget >= YOUNG_FROM_MB ? { maxYoungGenerationSizeMb: YOUNG_MB } : null;
  const maxOldGenerationSizeMb = young ? budget - OLD_GIVEN_TO_YOUNG_MB : budget;
  const worker = generatorThread('./build-thread.ts', { workerData: data, resourceLimits: { ...young, maxOldGenerationSizeMb } });
  const heapMade = new Promise<void>((resolve) => {
    const setBack = () => {
      v8.setFlagsFromString('--initial-old-space-size=0');
      resolve();
    };
    worker.once('online', setBack);
    worker.once('exit', setBack);
  });
  // on a second core, a few changed files are extracted in a thread of their own while the build's
  // thread takes the rest from the cache (more go to the build's extraction threads); started
  // once the check finds a file new or changed, it loads the extractor while the check still
  // looks at the files (at 4,000 articles its start and first article, 0.43 s, ended the read
  // stage when it started after the check)
  const collecting = import('./pipeline/collect.ts');
  let extractingAhead: Promise<ExtractAheadThread> | null = null;
  const extractAhead = async () => {
    if (fewMayChange && os.availableParallelism() > 1) await (extractingAhead ??= collecting.then(({ startExtractAhead }) => startExtractAhead()));
  };
  let replyBytes: Uint8Array | null = null;
  /** Every page's path and key, as the thread said them once written (BuildThreadReply's pagesSent). */
  let pagesSent: StagedPages | null = null;
  let told: ThreadNotes = { searchablePages: () => {}, searchablePagesWritten: () => {}, pagesWritten: () => {}, searchRecord: () => {} };
  worker.on('message', (message: BuildThreadReplyNote | BuildThreadNote) => {
    if ('searchablePages' in message) told.searchablePages(message.searchablePages);
    else if ('searchablePagesWritten' in message) told.searchablePagesWritten(message.searchablePagesWritten.count, message.searchablePagesWritten.records);
    else if ('pagesWritten' in message) told.pagesWritten((pagesSent = message.pagesWritten));
    // written here, while the build's thread renders: this thread has nothing else to do until the pages are written
    else if ('recordsJson' in message) worker.postMessage({ recordsJsonWritten: writePlanned(message.recordsJson) } satisfies RecordsJsonWrittenNote);
    else if ('searchRecord' in message) told.searchRecord(message.searchRecord.page, message.searchRecord.record);
    else replyBytes = message.reply;
  });
  const ended = new Promise<StagedSite>((resolve, reject) => {
    let failed = false;
    worker.on('error', (error: Error & { code?: string }) => {
      failed = true;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        reject(new BuildError(`the build ran out of memory: its heap was capped at ${budget} MB ${why}; run it again with --max-heap-mb ${budget * 2}`));
      } else reject(error);
    });
    worker.on('exit', () => {
      if (failed) return; // the error handler has answered
      if (!replyBytes) return reject(new BuildError('the build stopped without a result'));
      // read now that the thread's heap is given back (BuildThreadReplyNote)
      const reply = v8.deserialize(replyBytes) as BuildThreadReply;
      replyBytes = null;
      if ('staged' in reply) {
        if (reply.pagesSent && reply.staged.pending && pagesSent) {
          reply.staged.pending.paths = pagesSent.pages;
          if (reply.staged.pending.keys) reply.staged.pending.keys = pagesSent.keys;
        }
        // handing the staged site over: serialising it (at 100,000 articles every page's path and
        // key), the thread's end, and reading it here
        reply.staged.timings.handover = Math.round(performance.timeOrigin + performance.now() - reply.sentAt);
        resolve(reply.staged);
      }
      else reject(new BuildError(reply.error));
    });
  });
  // answered by whoever awaits stage(); until then a thread that fails is not an unhandled rejection
  ended.catch(() => undefined);
  /** Tells the thread to stage the site, with the files the check found changed; resolves when it has. */
  const stage = async (check: SeedsCheck, notes: ThreadNotes): Promise<StagedSite> => {
    told = notes;
    const { PARALLEL_THRESHOLD } = await collecting;
    await extractAhead().catch(() => undefined);
    // the extraction threads the build's thread starts once told to go have V8's default heap
    await heapMade;
    let changed: ReturnType<SeedsCheck['changedFiles']> = null;
    try {
      changed = check.changedFiles(PARALLEL_THRESHOLD);
    } catch {
      // a file that cannot be looked at here: the thread looks at every file itself, and reports it
    }
    // as two arrays, not a map of objects: 100,000 entries after a checkout
    const relPaths = changed ? [...check.restamped.keys()] : [];
    const times = new Float64Array(2 * relPaths.length);
    relPaths.forEach((relPath, i) => {
      const { size, mtimeMs } = check.restamped.get(relPath)!;
      times.set([size, mtimeMs], 2 * i);
    });
    // the folder as the check found it, which the changed files are of: the thread does not walk it again
    const discovered = changed ? check.discovered : null;
    worker.postMessage({ go: { changed: changed?.map((f) => f.relPath) ?? null, articles: check.articles, restamped: { relPaths, times }, discovered, extractingAhead: !!extractingAhead } } satisfies GoNote, [times.buffer]);
    if (extractingAhead) {
      const files = changed ?? [];
      const folder = files.length > 0 ? RecordCache.folderOf(options.seedsDir, options.cacheDir ?? DEFAULT_CACHE_DIR) : null;
      // whatever happens here, the build's thread is told (with nothing, if need be: it then
      // extracts the files itself), as it waits to be
      const nothing: ExtractedAhead = { relPaths: [], batch: { outcomes: [], bytes: new Uint8Array(0) } };
      const ahead = extractingAhead.then((thread) => thread.extract(files, folder)).catch(() => nothing);
      void ahead.then((extractedAhead) => worker.postMessage({ extractedAhead } satisfies ExtractedAheadNote, [extractedAhead.batch.bytes.buffer as ArrayBuffer]));
    }
    return ended;
  };
  /** Ends a thread that is not to stage anything. */
  const stop = async () => {
    await Promise.all([worker.terminate(), extractingAhead?.then((thread) => thread.stop(), () => undefined)]);
  };
  /** Starts the thread that extracts the changed files, if there is to be one; resolves once it is started. */
  const startExtracting = () => extractAhead().catch(() => undefined);
  return { stage, stop, startExtracting };
}
