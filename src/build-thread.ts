// The build's own thread (see build-in-thread.ts): stages the site (every page written to the
// staging folder) and hands back what finishing it takes, or its error. It is started while the
// main thread still looks at the changed seeds, loads its code meanwhile, and begins when told to
// (GoNote).
import v8 from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { stageSite, type BuildOptions, type CopyRecordsJson } from './build.ts';
import type { StagedPages, StagedSite } from './finish-build.ts';
import { Progress } from './pipeline/progress.ts';
import { OutputLockedError } from './site/output-folder.ts';
import { outcomesAhead, type CollectOptions, type ExtractedAhead } from './pipeline/collect.ts';
import type { ArticleOutcome } from './pipeline/article-batch.ts';
import type { SearchRecord } from './types.ts';
import type { RecordsJsonPlan } from './site/records-json-file.ts';
import { DEFAULT_CACHE_DIR, RecordCache } from './store/record-cache.ts';
import { unpackDiscovery, type PackedDiscovery } from './read/discover.ts';

export interface BuildThreadData {
  options: Omit<BuildOptions, 'log'>;
  /** Whether the process's stderr is a terminal (a thread's own stderr never says it is). */
  terminal: boolean;
}

/**
 * Sent by the main thread once its check of the seeds found a build needed: the files it found
 * changed by size and time (null: too many to list, or it cannot say), of how many, the others
 * that git vouched for with their new sizes and times (`times`: size then time, a file after
 * another), and whether an ExtractedAheadNote follows.
 */
export type GoNote = { go: { changed: string[] | null; articles: number | null; restamped: { relPaths: string[]; times: Float64Array }; discovered: PackedDiscovery | null; extractingAhead: boolean } };
/**
 * `sentAt`: when the thread sent it (performance.timeOrigin + performance.now(), comparable across
 * threads). `pagesSent`: every page's path and key went to the main thread in a pagesWritten note
 * already, and the staged site's `paths` and `keys` are left empty (the main thread puts them back).
 */
export type BuildThreadReply = { staged: StagedSite; sentAt: number; pagesSent?: boolean } | { error: string };
/**
 * The thread's last message: its BuildThreadReply v8-serialised, read by the main thread once this
 * thread has ended, so that its copy there (at 100,000 articles every page's path and key, 25 MB
 * serialised) is not made while this thread's heap is still held, at the build's peak.
 */
export type BuildThreadReplyNote = { reply: Uint8Array };
/** Sent by the main thread after GoNote, when extractingAhead: what it extracted (collect.ts extractAhead). */
export type ExtractedAheadNote = { extractedAhead: ExtractedAhead };
/**
 * Said while the build runs: the searchable pages about to be written, then how many are
 * (BuildOptions.onSearchablePages, onSearchablePagesWritten), every
 * page of a rebuild (stageSite's onPagesWritten), a rebuild's records.json to write (stageSite's
 * copyRecordsJson: the main thread answers with a RecordsJsonWrittenNote), or the search record of
 * a searchable page a rebuild rendered (onSearchRecord).
 */
export type BuildThreadNote =
  | { searchablePages: Parameters<NonNullable<BuildOptions['onSearchablePages']>>[0] }
  | { searchablePagesWritten: { count: number; records: [pagePath: string, record: SearchRecord][] } }
  | { pagesWritten: StagedPages }
  | { recordsJson: RecordsJsonPlan }
  | { searchRecord: { page: string; record: SearchRecord } };
/** The main thread's answer to a records.json to write: its size, or null when it did not write it. */
export type RecordsJsonWrittenNote = { recordsJsonWritten: number | null };

async function run(go: GoNote['go'], extractedAhead: Promise<Map<string, ArticleOutcome>> | undefined): Promise<BuildThreadReply> {
  const { options, terminal } = workerData as BuildThreadData;
  Progress.terminal = terminal;
  try {
    const onSearchablePages: BuildOptions['onSearchablePages'] = (searchablePages) => parentPort!.postMessage({ searchablePages } satisfies BuildThreadNote);
    const onSearchablePagesWritten: BuildOptions['onSearchablePagesWritten'] = (count, records) => parentPort!.postMessage({ searchablePagesWritten: { count, records } } satisfies BuildThreadNote);
    const { relPaths, times } = go.restamped;
    const restamped = new Map(relPaths.map((relPath, i) => [relPath, { size: times[2 * i]!, mtimeMs: times[2 * i + 1]! }]));
    const statChecked: CollectOptions['statChecked'] = go.changed && go.articles !== null ? { changed: new Set(go.changed), articles: go.articles, restamped, ...(go.discovered ? { discovery: unpackDiscovery(go.discovered) } : {}) } : undefined;
    let pagesSent = false;
    const onPagesWritten = (pagesWritten: StagedPages) => {
      parentPort!.postMessage({ pagesWritten } satisfies BuildThreadNote);
      pagesSent = true;
    };
    const copyRecordsJson: CopyRecordsJson = (recordsJson) =>
      new Promise((resolve) => {
        recordsJsonWritten = resolve;
        parentPort!.postMessage({ recordsJson } satisfies BuildThreadNote, [recordsJson.order.buffer as ArrayBuffer, recordsJson.kept.buffer as ArrayBuffer]);
      });
    const onSearchRecord = (page: string, record: SearchRecord) => parentPort!.postMessage({ searchRecord: { page, record } } satisfies BuildThreadNote);
    const { staged } = await stageSite({ ...options, log: (line) => console.log(line), onSearchablePages, onSearchablePagesWritten }, { extractedAhead, statChecked, cacheOpened }, onPagesWritten, { copyRecordsJson, onSearchRecord });
    // not copied twice (at 100,000 articles 153,000 paths and keys, 22 MB serialised)
    if (pagesSent && staged.pending) {
      staged.pending.paths = [];
      if (staged.pending.keys) staged.pending.keys = new Map();
    }
    return { staged, sentAt: performance.timeOrigin + performance.now(), pagesSent };
  } catch (error) {
    // another build's lock is the user's to clear, and its message says how: no stack with it
    if (!(error instanceof Error)) return { error: String(error) };
    return { error: error instanceof OutputLockedError ? error.message : (error.stack ?? error.message) };
  }
}

// read while the main thread looks at the seeds, which the thread otherwise waits for (100,000
// articles: the index's 19 MB read and deserialised, 0.47 s); stageSite takes it once it holds the
// output folder's lock, if no build saved the cache since
const { options: startOptions } = workerData as BuildThreadData;
const cacheOpened = startOptions.cache ? RecordCache.open(startOptions.seedsDir, { enabled: true, dir: startOptions.cacheDir ?? DEFAULT_CACHE_DIR }) : undefined;
cacheOpened?.catch(() => undefined);

let resolveAhead: ((outcomes: Map<string, ArticleOutcome>) => void) | undefined;
let recordsJsonWritten: ((bytes: number | null) => void) | undefined;
parentPort!.on('message', (note: GoNote | ExtractedAheadNote | RecordsJsonWrittenNote) => {
  if ('extractedAhead' in note) resolveAhead?.(outcomesAhead(note.extractedAhead));
  else if ('recordsJsonWritten' in note) recordsJsonWritten?.(note.recordsJsonWritten);
  else {
    const extractedAhead = note.go.extractingAhead ? new Promise<Map<string, ArticleOutcome>>((resolve) => (resolveAhead = resolve)) : undefined;
    void run(note.go, extractedAhead).then((reply) => {
      const bytes = v8.serialize(reply);
      // handed over, not copied, where the bytes are a buffer of their own
      parentPort!.postMessage({ reply: bytes } satisfies BuildThreadReplyNote, bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? [bytes.buffer as ArrayBuffer] : []);
      // nothing more to hear: the thread may end
      parentPort!.unref();
    });
  }
});
