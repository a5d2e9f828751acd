// The build's own thread (see build-in-thread.ts): stages the site (every page written to the
// staging folder) and hands back what finishing it takes, or its error.
import { parentPort, workerData } from 'node:worker_threads';
import { stageSite, type BuildOptions } from './build.ts';
import type { StagedSite } from './finish-build.ts';
import { Progress } from './pipeline/progress.ts';
import { OutputLockedError } from './site/output-folder.ts';
import { outcomesAhead, type ExtractedAhead } from './pipeline/collect.ts';
import type { ArticleOutcome } from './pipeline/article-batch.ts';

export interface BuildThreadData {
  options: Omit<BuildOptions, 'log'>;
  /** The main thread extracts some changed files meanwhile, and posts an ExtractedAheadNote. */
  extractingAhead: boolean;
  /** Whether the process's stderr is a terminal (a thread's own stderr never says it is). */
  terminal: boolean;
}

export type BuildThreadReply = { staged: StagedSite } | { error: string };
/** Sent by the main thread once, when extractingAhead: what it extracted (collect.ts extractAhead). */
export type ExtractedAheadNote = { extractedAhead: ExtractedAhead };
/** Said while the build runs: every article page is written (BuildOptions.onArticlePages). */
export type BuildThreadNote = { articlePages: Parameters<NonNullable<BuildOptions['onArticlePages']>>[0] };

async function run(): Promise<BuildThreadReply> {
  const { options, terminal, extractingAhead } = workerData as BuildThreadData;
  Progress.terminal = terminal;
  try {
    const onArticlePages: BuildOptions['onArticlePages'] = (articlePages) => parentPort!.postMessage({ articlePages } satisfies BuildThreadNote);
    const extractedAhead = extractingAhead ? new Promise<Map<string, ArticleOutcome>>((resolve) => parentPort!.once('message', (note: ExtractedAheadNote) => resolve(outcomesAhead(note.extractedAhead)))) : undefined;
    return { staged: (await stageSite({ ...options, log: (line) => console.log(line), onArticlePages }, extractedAhead)).staged };
  } catch (error) {
    // another build's lock is the user's to clear, and its message says how: no stack with it
    if (!(error instanceof Error)) return { error: String(error) };
    return { error: error instanceof OutputLockedError ? error.message : (error.stack ?? error.message) };
  }
}

void run().then((reply) => parentPort!.postMessage(reply));
