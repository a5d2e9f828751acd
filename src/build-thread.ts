// The build's own thread (see build-in-thread.ts): runs one build and reports its exit code, or
// its error, to the thread that started it.
import { parentPort, workerData } from 'node:worker_threads';
import { build, type BuildOptions } from './build.ts';
import { Progress } from './pipeline/progress.ts';
import { closeSearch } from './site/search-index.ts';
import { OutputLockedError } from './site/output-folder.ts';

export interface BuildThreadData {
  options: Omit<BuildOptions, 'log'>;
  /** Whether the process's stderr is a terminal (a thread's own stderr never says it is). */
  terminal: boolean;
}

export type BuildThreadReply = { exitCode: number } | { error: string; locked: boolean };

async function run(): Promise<BuildThreadReply> {
  const { options, terminal } = workerData as BuildThreadData;
  Progress.terminal = terminal;
  try {
    return { exitCode: (await build({ ...options, log: (line) => console.log(line) })).exitCode };
  } catch (error) {
    const locked = error instanceof OutputLockedError;
    return { error: locked || !(error instanceof Error) ? String((error as Error).message ?? error) : (error.stack ?? error.message), locked };
  } finally {
    await closeSearch();
  }
}

void run().then((reply) => parentPort!.postMessage(reply));
