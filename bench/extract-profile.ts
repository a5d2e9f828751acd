// `npx tsx bench/extract-profile.ts [SEEDS_DIR] [--top N] [--no-profile] [--src]`: what one
// extraction thread does per article (read, clean, extract, the record's cache bytes), over every
// article of a seeds folder in this one thread, after a warm-up on 20 of them. Prints the CPU time
// per article (mean and median) and the top self-time functions of a CPU profile of the measured
// pass. It runs the compiled lib/ as a build does (`npm run prepare` after an edit); --src runs
// the TypeScript sources through tsx instead.
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import type { processFile as ProcessFile } from '../src/pipeline/article-worker.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--top');
const seeds = path.resolve(positional[0] ?? '/tmp/b1k/seeds');
const top = Number(option('--top', '15'));
const WARM_UP = 20;
const project = path.resolve(import.meta.dirname, '..');

/** The newest source the compile reads (tests aside). */
const newest = (dir: string): number =>
  Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : e.name.endsWith('.test.ts') ? 0 : fs.statSync(path.join(dir, e.name)).mtimeMs)));
const stamp = path.join(project, 'lib/.compiled');
if (!flag('--src') && (!fs.existsSync(stamp) || newest(path.join(project, 'src')) > fs.statSync(stamp).mtimeMs)) {
  console.error('lib/ is older than src/: run `npm run prepare` first (or pass --src)');
  process.exit(1);
}
const worker = flag('--src') ? '../src/pipeline/article-worker.ts' : '../lib/pipeline/article-worker.js';
const { processFile } = (await import(worker)) as { processFile: typeof ProcessFile };

const files = fs.readdirSync(seeds).filter((f) => /\.(?:md|txt)$/.test(f)).sort();
const task = (name: string) => ({ absPath: path.join(seeds, name), relPath: name, asBytes: true });

for (const name of files.slice(0, WARM_UP)) await processFile(task(name));

const session = new Session();
if (!flag('--no-profile')) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
}

const perArticle: number[] = [];
const total = process.cpuUsage();
for (const name of files) {
  const before = process.cpuUsage();
  const outcome = await processFile(task(name));
  const used = process.cpuUsage(before);
  if (!('bytes' in outcome)) console.error(`${name}: not extracted`);
  perArticle.push((used.user + used.system) / 1000);
}
const totalUsed = process.cpuUsage(total);

const sorted = [...perArticle].sort((a, b) => a - b);
const mean = (totalUsed.user + totalUsed.system) / 1000 / files.length;
console.log(`${files.length} articles, one thread: CPU per article mean ${mean.toFixed(2)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms`);

if (!flag('--no-profile')) {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const self = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const times = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  (profile.samples ?? []).forEach((id, i) => {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + (times[i] ?? 0) / 1000);
    const place = placeOf(url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + (times[i] ?? 0) / 1000);
  });
  const sampled = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`top self time over ${files.length} articles (sampled ${sampled.toFixed(0)} ms):`);
  for (const [fn, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${fn}`);
  console.log('self time by package or source folder:');
  for (const [place, ms] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${place}`);
}

/** A package (node_modules/x), a folder of the generator (lib/extract), node's own code, or V8's (GC, the program). */
function placeOf(url: string): string {
  if (!url) return '(V8: GC, idle, program)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(?:lib|src)\/([^/]+)\//.exec(url);
  if (own) return `generator: ${own[1]}`;
  return url.startsWith('node:') ? 'node' : url;
}
