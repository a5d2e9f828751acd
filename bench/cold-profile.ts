// For `npm run bench -- --profile`: where a cold build's CPU goes, and what Pagefind alone costs for
// the same pages (the floor of the search stage).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';
import { planShards } from '../src/site/search-shards.ts';
import { copiesEnded } from './background-work.ts';
import { closeSearch, writeSearchIndex } from '../src/site/search-index.ts';
import { searchRecordOf, type SearchRecord } from '../src/render/search-records.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ColdProfile {
  /** Time the build's threads were busy, sampled in each (Pagefind's own process is not sampled), ms. */
  cpuMs: number;
  /** Functions by self time, most first: label (function and file), ms. */
  top: [string, number][];
}

/** Time waiting for work, not working: left out of the table. */
const IDLE = new Set(['(idle)', 'atomicsWaitLoop', '(program)']);

/**
 * A cold build of `seeds` by the generator in `generatorDir` (its bin/news-digest.js), with an
 * empty cache, under `node --cpu-prof`: every thread's profile, added up by function.
 */
export function profileColdBuild(generatorDir: string, seeds: string, work: string): ColdProfile {
  const profiles = path.join(work, 'profiles');
  const cache = path.join(work, 'profile-cache');
  for (const dir of [profiles, cache, path.join(work, 'profile-site')]) fs.rmSync(dir, { recursive: true, force: true });
  const run = spawnSync(process.execPath, [`--cpu-prof`, `--cpu-prof-dir=${profiles}`, path.join(generatorDir, 'bin/news-digest.js'), 'build', '--seeds', seeds, '--out', path.join(work, 'profile-site'), '--cache-dir', cache], { cwd: generatorDir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`profiled build failed:\n${run.stdout}\n${run.stderr}`);
  copiesEnded(cache);
  const self = new Map<string, number>();
  let cpuMs = 0;
  for (const file of fs.readdirSync(profiles)) {
    const profile = JSON.parse(fs.readFileSync(path.join(profiles, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = byId.get(id)!;
      const name = frame.functionName || '(anonymous)';
      if (IDLE.has(name)) return;
      const url = moduleOf(frame.url, frame.lineNumber, frame.columnNumber);
      const where = url ? ` (${url.replace(/^.*\/(?:lib|src|node_modules)\//, '').replace(/^file:\/\//, '')})` : '';
      const ms = profile.timeDeltas[i]! / 1000;
      self.set(`${name}${where}`, (self.get(`${name}${where}`) ?? 0) + ms);
      cpuMs += ms;
    });
  }
  fs.rmSync(profiles, { recursive: true, force: true });
  fs.rmSync(cache, { recursive: true, force: true });
  return { cpuMs, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 15) };
}

/** The source maps of the bundles of lib/bundled/ (scripts/compile.mjs writes one beside each). */
const bundleMaps = new Map<string, SourceMap | null>();

/**
 * The file a profiled line of code is from: a bundle's line is named by the module it was bundled
 * from (the command and its threads run from bundles), any other by its own file.
 */
function moduleOf(url: string, line: number, column: number): string {
  if (!url.includes('/bundled/')) return url;
  if (!bundleMaps.has(url)) {
    const mapFile = `${fileURLToPath(url)}.map`;
    bundleMaps.set(url, fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')) as SourceMapPayload) : null);
  }
  const entry = bundleMaps.get(url)?.findEntry(line, column);
  // the map names its sources from the bundle's folder
  return entry && 'originalSource' in entry && entry.originalSource ? path.resolve(path.dirname(fileURLToPath(url)), entry.originalSource) : url;
}

/** A profile as a markdown table. */
/** The longest function name a row shows. */
const LABEL_MAX = 80;

export function profileTable(profile: ColdProfile): string {
  // a regular expression's own work is named by its source, which can run to kilobytes
  const shown = (label: string) => (label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label);
  const rows = profile.top.map(([label, ms]) => `| ${shown(label).replace(/\|/g, '\\|')} | ${Math.round(ms)} ms | ${((100 * ms) / profile.cpuMs).toFixed(1)}% |`);
  return `Busy time sampled in the build's threads, added up: ${(profile.cpuMs / 1000).toFixed(1)} s.\n\n| function (file) | self time | share |\n| --- | --- | --- |\n${rows.join('\n')}`;
}

/**
 * Pagefind's own cost for a built site's searchable pages: the records taken from the pages first
 * (not timed), then handed to Pagefind shard by shard as the build does, timed.
 */
export async function pagefindFloor(site: string, work: string): Promise<{ pages: number; seconds: number }> {
  const pages: string[] = [];
  for (const section of ['articles', 'companies', 'people', 'metals', 'topics']) {
    const dir = path.join(site, section);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) if (fs.existsSync(path.join(dir, name, 'index.html'))) pages.push(`${section}/${name}/`);
  }
  const shards = planShards(pages).map((shard) => ({
    name: shard.name,
    records: shard.pages.map((page) => searchRecordOf(fs.readFileSync(path.join(site, page, 'index.html'), 'utf8'), `/${page}`)).filter((r): r is SearchRecord => r !== null),
  }));
  const start = performance.now();
  for (const shard of shards) await writeSearchIndex(path.join(work, 'floor', shard.name), shard.records);
  const seconds = (performance.now() - start) / 1000;
  await closeSearch();
  fs.rmSync(path.join(work, 'floor'), { recursive: true, force: true });
  return { pages: shards.reduce((n, s) => n + s.records.length, 0), seconds };
}
