// Where the generator lives. It runs from its TypeScript sources (src/, under tsx: tests, the dev
// tools) or from the JavaScript compiled from them (lib/, what the commands run); the compile also
// bundles each thread's code into lib/threads/ (scripts/compile.mjs), and a copy of this module is
// in a bundle there. The digests that decide what to redo are of the sources, so all agree on them;
// a module started as a thread is named with the extension of the code that is running.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The folder of the threads' bundles in lib/. */
export const THREADS_FOLDER = 'threads';

const RUNNING_FROM = path.dirname(fileURLToPath(import.meta.url));
/** src/ or lib/: the folder this module's own file is in, or the one its bundle is in. */
const HERE = path.basename(RUNNING_FROM) === THREADS_FOLDER ? path.dirname(RUNNING_FROM) : RUNNING_FROM;

/** The generator's folder: package.json, templates/, public/, src/, lib/. */
export const GENERATOR_DIR = path.dirname(HERE);

/** The generator's TypeScript sources (the folder it runs from when they are not there, as in an installed package). */
export const SOURCE_DIR = fs.existsSync(path.join(GENERATOR_DIR, 'src', 'generator.ts')) ? path.join(GENERATOR_DIR, 'src') : HERE;

const RUNNING_EXTENSION = path.extname(fileURLToPath(import.meta.url));

/** A file of the sources (`site/search-index.ts`) as this copy has it: the compiled one when the sources are not there. */
export function sourcePath(fromSource: string): string {
  return path.join(SOURCE_DIR, SOURCE_DIR === HERE ? fromSource.replace(/\.ts$/, RUNNING_EXTENSION) : fromSource);
}

/** The URL of a module of the generator, `./pipeline/article-worker.ts` from src/, as the running code has it. */
export function moduleUrl(fromSource: string): URL {
  return new URL(fromSource.replace(/\.ts$/, RUNNING_EXTENSION), pathToFileURL(`${HERE}${path.sep}`));
}

/**
 * The modules the generator starts threads from, and the name of each one's bundle in
 * lib/threads/: a thread loads its bundle in about half the time its few hundred modules took
 * (the extraction thread 250 -> 110 ms, the build's 140 -> 90 ms; BENCHMARKS.md).
 */
export const THREAD_BUNDLES = {
  './build-thread.ts': 'build',
  './pipeline/article-worker.ts': 'extraction',
  './pipeline/extract-ahead-thread.ts': 'extract-ahead',
  './site/render-worker.ts': 'render',
  './site/search-thread.ts': 'search',
} as const;

/** What the bundles were made after: lib/'s compiler state as it was (scripts/compile.mjs writes it). */
export const BUNDLES_MADE_AFTER = 'made-after.json';

/**
 * The URL of a thread's code: its bundle when the compiled code is running and the bundles were
 * made from it (a compile that did not bundle leaves them older: the modules are used then).
 */
export function threadUrl(fromSource: keyof typeof THREAD_BUNDLES): URL {
  if (RUNNING_COMPILED && bundlesCurrent()) return pathToFileURL(path.join(HERE, THREADS_FOLDER, `${THREAD_BUNDLES[fromSource]}.js`));
  return moduleUrl(fromSource);
}

let bundlesCurrentMemo: boolean | undefined;

/** Whether lib/threads/ was bundled from lib/ as it is: the compiler's state file has the time it had then (an installed package ships none). */
function bundlesCurrent(): boolean {
  bundlesCurrentMemo ??= (() => {
    try {
      const { tsBuildInfo } = JSON.parse(fs.readFileSync(path.join(HERE, THREADS_FOLDER, BUNDLES_MADE_AFTER), 'utf8')) as { tsBuildInfo: number | null };
      const now = fs.statSync(path.join(HERE, '.tsbuildinfo'), { throwIfNoEntry: false })?.mtimeMs ?? null;
      return now === null || now === tsBuildInfo;
    } catch {
      return false;
    }
  })();
  return bundlesCurrentMemo;
}

/** Whether the running code is the compiled JavaScript (no TypeScript loader needed in a new thread). */
export const RUNNING_COMPILED = RUNNING_EXTENSION === '.js';

/**
 * A thread running a module of the generator (`./build-thread.ts`). From the sources, tsx's import
 * hooks are not inherited by a thread: it registers them first.
 */
export function generatorThread(fromSource: keyof typeof THREAD_BUNDLES, options: WorkerOptions): Worker {
  const url = threadUrl(fromSource);
  if (RUNNING_COMPILED) return new Worker(url, options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, ...options });
}
