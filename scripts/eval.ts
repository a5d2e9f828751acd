// `npm run eval [-- --set seeds|dev|all] [--verbose]`: builds the site of an evaluation set into a
// temporary folder and prints the scorer's table (../shared/eval/score.mjs) for its records.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/build.ts';
import { closeSearch } from '../src/site/search-index.ts';

const args = process.argv.slice(2);
const setArg = args.includes('--set') ? args[args.indexOf('--set') + 1] : 'all';
const verbose = args.includes('--verbose');
const shared = path.resolve(process.env.SHARED_DIR ?? '../shared');
const sets: Record<string, { sources: string; gold: string }> = {
  seeds: { sources: 'seeds', gold: path.join(shared, 'eval/gold') },
  dev: { sources: path.join(shared, 'eval/dev/articles'), gold: path.join(shared, 'eval/dev/gold') },
};
const scorer = path.join(shared, 'eval/score.mjs');
if (!fs.existsSync(scorer)) {
  console.error(`eval: no scorer at ${scorer}; set SHARED_DIR to the folder that holds eval/score.mjs`);
  process.exit(2);
}
const chosen = setArg === 'all' ? Object.keys(sets) : [setArg!];
for (const name of chosen) {
  const set = sets[name];
  if (!set) {
    console.error(`eval: unknown set "${name}" (seeds, dev or all)`);
    process.exit(2);
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `eval-${name}-`));
  const site = path.join(out, 'site');
  const project = path.resolve(import.meta.dirname, '..');
  await build({
    seedsDir: set.sources,
    outDir: site,
    base: '/',
    siteUrl: null,
    templatesDir: path.join(project, 'templates'),
    publicDir: path.join(project, 'public'),
    strict: false,
    verbose,
    cache: true,
    log: (line) => {
      if (verbose || / (error|warning):/.test(line)) console.error(line);
    },
  });
  const recordsPath = path.join(site, 'data/records.json');
  console.log(`\n== ${name} (${set.sources})`);
  const table = execFileSync(process.execPath, [scorer, recordsPath, set.gold, '--sources', set.sources, ...(verbose ? ['--verbose'] : [])], { encoding: 'utf8' });
  process.stdout.write(table);
  fs.rmSync(out, { recursive: true, force: true });
}
await closeSearch();
