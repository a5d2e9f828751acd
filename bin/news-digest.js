#!/usr/bin/env node
// The generator's command (npm start, npm run build, `news-digest build`): it runs the JavaScript
// compiled from src/ into lib/, and compiles first when a source is newer than the last compile
// (an edit, a checkout), so what runs is never older than the sources. A copy without the sources
// (an installed package, which ships only the site's own client code in src/) runs lib/ as it is.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';

// V8 compiles a regular expression to machine code after its first run by default; the extractor's
// and the cleaner's are many and large, and a rebuild that extracts one article ran most of them
// once: interpreted until their 20th run, its first article took 130 against 280 ms, a build of
// 1,500 the same (BENCHMARKS.md). Set for the whole process: its threads share V8's flags.
v8.setFlagsFromString('--regexp-tier-up-ticks=20');
// TurboFan inlines less into what it optimises: every thread compiles the same hot code again, and
// a cold build's compiling took much of its CPU; less inlining costs less of it (BENCHMARKS.md).
v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const stamp = path.join(root, 'lib', '.compiled');
/** scripts/compile.mjs's exit code when tsc found type errors (and wrote the JavaScript all the same). */
const TYPE_ERRORS = 3;

/** The newest modification time of the compiled sources (tests and the browser's own code aside). */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== path.join(src, 'site', 'client')) newest = Math.max(newest, newestSource(full));
    } else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

if (fs.existsSync(path.join(src, 'generator.ts'))) {
  const configs = ['tsconfig.json', 'tsconfig.build.json', 'scripts/compile.mjs'].map((f) => fs.statSync(path.join(root, f)).mtimeMs);
  const compiled = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (Math.max(newestSource(src), ...configs) > compiled) {
    process.stderr.write('compiling the generator (src/ → lib/)…\n');
    // in a process of its own: the bundler's memory (370 MB) is not kept by the build after it
    const compile = spawnSync(process.execPath, [path.join(root, 'scripts', 'compile.mjs')], { stdio: 'inherit' });
    // type errors: tsc still wrote the JavaScript, which runs; `npm test` names them. Without
    // bundles (a failed bundling), the modules run
    if (compile.status === TYPE_ERRORS) process.stderr.write('the generator has type errors (above); running what compiled\n');
    else if (compile.status !== 0) process.stderr.write('the generator could not be bundled (above); running its modules\n');
  }
}

// the command's bundle (scripts/compile.mjs), or its modules when the bundle is older than they are
const { bundledUrl } = await import(pathToFileURL(path.join(root, 'lib', 'generator.js')).href);
await import(bundledUrl('./cli.ts').href);
