// Where the generator lives. It runs from its TypeScript sources (src/, under tsx: tests, the dev
// tools) or from the JavaScript compiled from them (lib/, what the commands run). The digests that
// decide what to redo are of the sources, so both agree on them; a module started as a thread is
// named with the extension of the code that is running.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const HERE = path.dirname(fileURLToPath(import.meta.url));

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
  return new URL(fromSource.replace(/\.ts$/, RUNNING_EXTENSION), `${new URL('.', import.meta.url).href}`);
}

/** Whether the running code is the compiled JavaScript (no TypeScript loader needed in a new thread). */
export const RUNNING_COMPILED = RUNNING_EXTENSION === '.js';

/**
 * A thread running a module of the generator (`./build-thread.ts`). From the sources, tsx's import
 * hooks are not inherited by a thread: it registers them first.
 */
export function generatorThread(fromSource: string, options: WorkerOptions): Worker {
  const url = moduleUrl(fromSource);
  if (RUNNING_COMPILED) return new Worker(url, options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, { eval: true, ...options });
}
