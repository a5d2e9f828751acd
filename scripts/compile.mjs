// Compiles the generator: src/ → lib/ (TypeScript's compiler), then the command's and each thread's
// code bundled into lib/bundled/ (Rolldown, Vite's own bundler): a thread that loads one bundle and
// its shared chunks is ready in about half the time it took to load its few hundred modules
// (BENCHMARKS.md). Run by `npm install` (prepare), by the commands when a source is newer than
// the last compile (bin/news-digest.js, in a process of its own), and by `npm run pack`. The stamp lib/.compiled is written last, with the
// time the compile started: a source saved while it ran is newer, and is compiled next time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const lib = path.join(root, 'lib');

export async function compile() {
  const started = new Date();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  let typeErrors = false;
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  } catch {
    // type errors: tsc still wrote the JavaScript, which runs; `npm test` names them
    typeErrors = true;
  }
  await bundle();
  fs.writeFileSync(path.join(lib, '.compiled'), started.toISOString());
  fs.utimesSync(path.join(lib, '.compiled'), started, started);
  return { typeErrors };
}

/** The command's and each thread's entry module (generator.ts BUNDLES) bundled from lib/, their chunks shared. */
async function bundle() {
  const { BUNDLES, BUNDLES_FOLDER, BUNDLES_MADE_AFTER } = await import(pathToFileURL(path.join(lib, 'generator.js')).href);
  const out = path.join(lib, BUNDLES_FOLDER);
  // the command and its threads start from these only once they are all written (bundledUrl checks)
  fs.rmSync(out, { recursive: true, force: true });
  const input = Object.fromEntries(Object.entries(BUNDLES).map(([fromSource, name]) => [name, path.join(lib, fromSource.replace(/\.ts$/, '.js'))]));
  const { build } = await import('rolldown');
  await build({
    input,
    platform: 'node',
    // loaded from node_modules as they are: Vite and Pagefind load their own files and binaries, and
    // Piscina starts its own threads from its own files
    external: [/^node:/, 'vite', 'pagefind', 'piscina'],
    logLevel: 'warn',
    onLog(level, log, report) {
      // gray-matter's JavaScript front-matter engine evaluates its text; the read stage replaces it
      // with one that refuses (src/read/front-matter.ts), so that eval is never reached
      if (log.code === 'EVAL' && /[\\/]gray-matter[\\/]/.test(log.id ?? '')) return;
      report(level, log);
    },
    // source maps: a stack trace (with --enable-source-maps) or a profile names the module a line is from
    output: { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'shared-[name]-[hash].js', sourcemap: true, sourcemapExcludeSources: true },
  });
  const tsBuildInfo = fs.statSync(path.join(lib, '.tsbuildinfo'), { throwIfNoEntry: false })?.mtimeMs ?? null;
  fs.writeFileSync(path.join(out, BUNDLES_MADE_AFTER), JSON.stringify({ tsBuildInfo }));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { typeErrors } = await compile();
  // 3: the JavaScript was written, with type errors (bin/news-digest.js runs it all the same)
  if (typeErrors) process.exitCode = 3;
}
