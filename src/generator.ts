// Where the generator lives. It runs from its TypeScript sources (src/, under tsx: tests, the dev
// tools) or from the JavaScript compiled from them (lib/, what the commands run); the compile also
// bundles the command's and each thread's code into lib/bundled/ (scripts/compile.mjs), and a copy
// of this module is in a bundle there. The digests that decide what to redo are of the sources, so
// all agree on them; a module started as a thread is named with the extension of the code running.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The folder of the bundles in lib/. */
export const BUNDLES_FOLDER = 'bundled';

const RUNNING_FROM = path.dirname(fileURLToPath(import.meta.url));
/** src/ or lib/: the folder this module's own file is in, or the one its bundle is in. */
const HERE = path.basename(RUNNING_FROM) === BUNDLES_FOLDER ? path.dirname(RUNNING_FROM) : RUNNING_FROM;

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

/** Whether the running code is the compiled JavaScript (no TypeScript loader needed in a new thread). */
export const RUNNING_COMPILED = RUNNING_EXTENSION === '.js';

/**
 * The modules the command and its threads start from, and the name of each one's bundle in
 * lib/bundled/: loaded as one bundle and its shared chunks, a thread is ready in about half the
 * time its few hundred modules took (the extraction thread 250 -> 110 ms, the build's 140 -> 90
 * ms), and the command's main thread starts 50 ms sooner (BENCHMARKS.md).
 */
export const BUNDLES = {
  './cli.ts': 'cli',
  './build-thread.ts': 'build-thread',
  './pipeline/article-worker.ts': 'extraction-thread',
  './pipeline/extract-ahead-thread.ts': 'extract-ahead-thread',
  './site/render-worker.ts': 'render-thread',
  './site/search-thread.ts': 'search-thread',
} as const;

/** What the bundles were made after: lib/'s compiler state as it was (scripts/compile.mjs writes it). */
export const BUNDLES_MADE_AFTER = 'made-after.json';

/**
 * The URL of a module the command or a thread starts from: its bundle when the compiled code is
 * running and the bundles were made from it (a compile that did not bundle leaves them older: the
 * modules are used then).
 */
export function bundledUrl(fromSource: keyof typeof BUNDLES): URL {
  if (RUNNING_COMPILED && bundlesCurrent()) return pathToFileURL(path.join(HERE, BUNDLES_FOLDER, `${BUNDLES[fromSource]}.js`));
  return moduleUrl(fromSource);
}

let bundlesCurrentMemo: boolean | undefined;

function bundlesCurrent(): boolean {
  bundlesCurrentMemo ??= bundlesMadeFrom(HERE);
  return bundlesCurrentMemo;
}

/**
 * Whether `codeDir`/bundled/ was bundled from `codeDir` as it is: the compiler's state file has the
 * time it had then (an installed package ships none, and its bundles were made with it).
 */
export function bundlesMadeFrom(codeDir: string): boolean {
  try {
    const { tsBuildInfo } = JSON.parse(fs.readFileSync(path.join(codeDir, BUNDLES_FOLDER, BUNDLES_MADE_AFTER), 'utf8')) as { tsBuildInfo: number | null };
    const now = fs.statSync(path.join(codeDir, '.tsbuildinfo'), { throwIfNoEntry: false })?.mtimeMs ?? null;
    return now === null || now === tsBuildInfo;
  } catch {
    return false;
  }
}

/**
 * A thread running a module of the generator (`./build-thread.ts`). From the sources, tsx's import
 * hooks are not inherited by a thread: it registers them first.
 */
export function generatorThread(fromSource: keyof typeof BUNDLES, options: WorkerOptions): Worker {
  const url = bundledUrl(fromSource);
  if (RUNNING_COMPILED) return new Worker(url, options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, ...options });
}
