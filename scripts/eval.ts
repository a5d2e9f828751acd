// `npm run eval [-- --set seeds|dev|all] [--verbose]`: builds the site of an evaluation set into a
// temporary folder and prints the scorer's table (../shared/eval/score.mjs) for its records.
// The dev set is the shared dev articles together with the project's own (eval/dev), copied into one
// temporary sources folder and one gold folder, since the scorer reads one of each.
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
const project = path.resolve(import.meta.dirname, '..');
interface EvalSet {
  /** Folders of articles and of their gold, scored together. */
  parts: { sources: string; gold: string }[];
}
const sets: Record<string, EvalSet> = {
  seeds: { parts: [{ sources: 'seeds', gold: path.join(shared, 'eval/gold') }] },
  dev: {
    parts: [
      { sources: path.join(shared, 'eval/dev/articles'), gold: path.join(shared, 'eval/dev/gold') },
      { sources: path.join(project, 'eval/dev/articles'), gold: path.join(project, 'eval/dev/gold') },
    ],
  },
};

/** One sources folder and one gold folder for a set: the part itself, or copies of all parts side by side. */
function merged(set: EvalSet, into: string): { sources: string; gold: string; label: string } {
  const parts = set.parts.filter((p) => fs.existsSync(p.sources) && fs.existsSync(p.gold));
  if (!parts.length) {
    console.error(`eval: none of ${set.parts.map((p) => p.sources).join(', ')} is there with its gold`);
    process.exit(2);
  }
  if (parts.length === 1) return { ...parts[0]!, label: parts[0]!.sources };
  const sources = path.join(into, 'sources');
  const gold = path.join(into, 'gold');
  for (const part of parts) {
    for (const [from, to] of [[part.sources, sources], [part.gold, gold]] as const) {
      fs.mkdirSync(to, { recursive: true });
      for (const name of fs.readdirSync(from)) {
        if (fs.existsSync(path.join(to, name))) {
          console.error(`eval: ${path.join(from, name)} has the same name as a file of another part of the set`);
          process.exit(2);
        }
        fs.copyFileSync(path.join(from, name), path.join(to, name));
      }
    }
  }
  return { sources, gold, label: parts.map((p) => p.sources).join(' + ') };
}
const scorer = path.join(shared, 'eval/score.mjs');
if (!fs.existsSync(scorer)) {
  console.error(`eval: no scorer at ${scorer}; set SHARED_DIR to the folder that holds eval/score.mjs`);
  process.exit(2);
}
const chosen = setArg === 'all' ? Object.keys(sets) : [setArg!];
for (const name of chosen) {
  const wanted = sets[name];
  if (!wanted) {
    console.error(`eval: unknown set "${name}" (seeds, dev or all)`);
    process.exit(2);
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `eval-${name}-`));
  const site = path.join(out, 'site');
  const set = merged(wanted, out);
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
  console.log(`\n== ${name} (${set.label})`);
  const table = execFileSync(process.execPath, [scorer, recordsPath, set.gold, '--sources', set.sources, ...(verbose ? ['--verbose'] : [])], { encoding: 'utf8' });
  process.stdout.write(table);
  fs.rmSync(out, { recursive: true, force: true });
}
await closeSearch();
