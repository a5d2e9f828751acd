// `npm run bench [-- --sizes 1000,4000] [--full] [--anchors]`: builds a synthetic corpus of N
// articles and measures cold build, warm build (nothing changed), one article added, one edited,
// the dev server's time to serve an added article, peak memory, and what a reader's first search
// fetches (up to 10,000 articles); writes BENCHMARKS.md.
// --full adds N = 100,000; --anchors times Eleventy 3 and Hugo on the same files in the same run
// (alternating runs), through ../shared/bench/anchors/run-anchors.sh. --profile adds, for the
// largest N under 100,000, where a cold build's CPU goes (a profile of every thread) and what
// Pagefind alone costs for the same pages; --profile-before DIR profiles the generator checked out
// in DIR (an older commit, `git worktree add DIR <commit>` with its node_modules) on the same corpus.
// Files go to memory when it has room (workRoot); --on-disk puts them in the temporary folder.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { article, writeCorpus } from './synth-corpus.ts';
import { pagefindFloor, profileColdBuild, profileTable } from './cold-profile.ts';
import { copiesEnded } from './background-work.ts';
import { firstQueryBytes, QUERY_WORDS } from './search-download.ts';

const PROJECT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1]! : '1000,4000';
const sizes = sizesArg.split(',').map(Number);
if (args.includes('--full')) sizes.push(100_000);
const WORK = fs.mkdtempSync(path.join(workRoot(), 'digest-bench-'));
// in memory, what a stopped or failed run leaves would hold the machine's memory until it restarts
process.on('exit', () => fs.rmSync(WORK, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
/** After the synthetic corpus's last date. */
const NEWEST_DATE = '2027-01-15';
const CACHE_DIR = path.join(WORK, 'cache');
/**
 * Runs measured by hand (the 100,000-article build takes most of an hour of the bench's own
 * steps) live in BENCHMARKS.md under this heading, and a bench run keeps them.
 */
const HAND_HEADING = '\n## Measured by hand';

/**
 * Where the corpora, sites and caches go: memory (/dev/shm) when it has room, else the system's
 * temporary folder (or that with --on-disk). On a disk, the cost of creating a file depends on
 * what was deleted there in the minutes before (ext4 without a journal skips every inode freed in
 * the last 1-6 minutes, one lookup each: mkdir and writes 5-15 times dearer after the bench removes
 * a site), which would measure the bench's own clean-ups, not the generators.
 */
function workRoot(): string {
  const memory = '/dev/shm';
  if (args.includes('--on-disk') || !fs.existsSync(memory)) return os.tmpdir();
  const { bavail, bsize } = fs.statfsSync(memory);
  return bavail * bsize >= (args.includes('--full') ? 16 : 2) * 2 ** 30 ? memory : os.tmpdir();
}

interface Run {
  seconds: number;
  peakMiB: number;
  /** All the build's processes together (sampled). */
  peakSumMiB: number;
  /** The build's own summary line: pages, and time per stage. */
  summary: string;
}

/**
 * One build as its own process, timed by GNU time (wall clock, and the peak RSS of its largest
 * process: the build with its threads, or Pagefind's), while a sampler adds up the RSS of every
 * process of the build (the build and Pagefind's) five times a second.
 */
/** Times each kind of one-article change is built, up to 10,000 articles (the median is reported). */
const CHANGE_RUNS = 3;

async function buildOnce(seeds: string, out: string, extra: string[] = []): Promise<Run> {
  const cacheArgs = extra.includes('--cache-dir') ? [] : ['--cache-dir', CACHE_DIR];
  const child = spawn('/usr/bin/time', ['-f', '%e %M', process.execPath, path.join(PROJECT, 'bin/news-digest.js'), 'build', '--seeds', seeds, '--out', out, ...cacheArgs, ...extra], { cwd: PROJECT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let peakSumKiB = 0;
  const sampler = setInterval(() => (peakSumKiB = Math.max(peakSumKiB, treeRssKiB(child.pid!))), 200);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const cacheDir = extra.includes('--cache-dir') ? extra[extra.indexOf('--cache-dir') + 1]! : CACHE_DIR;
  copiesEnded(cacheDir);
  if (status !== 0) throw new Error(`build failed:\n${stdout}\n${stderr}`);
  const last = stderr.trim().split('\n').pop()!.split(' ');
  const summary = stdout.split('\n').find((line) => line.startsWith('built ')) ?? '';
  return { seconds: Number(last[0]), peakMiB: Math.round(Number(last[1]) / 1024), peakSumMiB: Math.round(peakSumKiB / 1024), summary };
}

/** The RSS of a process and all its descendants, from /proc (Linux). */
function treeRssKiB(pid: number): number {
  let total = 0;
  try {
    total = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean)) total += treeRssKiB(Number(child));
    }
  } catch {
    // the process ended between two reads
  }
  return total;
}

/**
 * Time from writing a new article to the dev server serving its page: the median of three
 * articles, added one at a time once the server has settled (a reader has the site open).
 */
async function devAddLatency(seeds: string, index: number): Promise<number> {
  const port = 5300 + (index % 100);
  const child = spawn(process.execPath, [path.join(PROJECT, 'bin/news-digest.js'), 'dev', '--seeds', seeds, '--port', String(port)], { cwd: PROJECT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    const base = `http://127.0.0.1:${port}/`;
    await waitFor(async () => (await fetch(base).catch(() => null))?.ok === true, 600_000);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 1500));
      const { name, body } = article(index + i, 99);
      const id = name.replace(/\.[^.]+$/, '');
      const started = performance.now();
      fs.writeFileSync(path.join(seeds, name), body);
      await waitFor(async () => (await fetch(`${base}articles/${id}/`).catch(() => null))?.status === 200, 60_000, 5);
      times.push(performance.now() - started);
      fs.rmSync(path.join(seeds, name));
    }
    return Math.round(times.sort((a, b) => a - b)[1]!);
  } finally {
    child.kill('SIGTERM');
    if (!output.includes('ready')) process.stderr.write(output.slice(-2000));
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error('timed out');
}

const rows: string[] = [];
const stageRows: string[] = [];
const searchRows: string[] = [];
let anchors = '';
let profileSection = '';
const profileBefore = args.includes('--profile-before') ? path.resolve(args[args.indexOf('--profile-before') + 1]!) : null;
// the anchors come before N = 100,000, and the report is written after each step, so a long run
// that is stopped still leaves what it measured
const small = sizes.filter((n) => n < 100_000);
const large = sizes.filter((n) => n >= 100_000);
const profileSize = args.includes('--profile') || profileBefore ? Math.max(...small) : null;
for (const n of small) {
  await measure(n);
  writeReport();
}
if (args.includes('--anchors')) {
  anchors = await runAnchors();
  writeReport();
}
for (const n of large) {
  await measure(n);
  writeReport();
}
console.log(fs.readFileSync(path.join(PROJECT, 'BENCHMARKS.md'), 'utf8'));

async function measure(n: number): Promise<void> {
  const seeds = path.join(WORK, `corpus-${n}`);
  const out = path.join(WORK, `site-${n}`);
  writeCorpus(seeds, n);
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  const cold = await buildOnce(seeds, out);
  if (n <= 10_000) searchRows.push(await firstQueryRow(n, out));
  const floor = n === profileSize ? await pagefindFloor(out, WORK) : null;
  const warm = await buildOnce(seeds, out);
  // each change made, built, undone and built again, CHANGE_RUNS times (its last left made): the
  // median build of a change is reported, one run of a second being as noisy as a change's cost
  const runs = n <= 10_000 ? CHANGE_RUNS : 1;
  const changed = async (make: () => void, undo: () => void): Promise<Run> => {
    const timed: Run[] = [];
    for (let i = 0; i < runs; i++) {
      if (i > 0) {
        undo();
        await buildOnce(seeds, out);
      }
      make();
      timed.push(await buildOnce(seeds, out));
    }
    return timed.sort((a, b) => a.seconds - b.seconds)[Math.floor(timed.length / 2)]!;
  };
  const write = (a: { name: string; body: string }) => () => fs.writeFileSync(path.join(seeds, a.name), a.body);
  const removeFile = (a: { name: string }) => () => fs.rmSync(path.join(seeds, a.name));
  // today's news (dated after every other article), then one from the middle of the archive
  const newest = article(n, 42, NEWEST_DATE);
  const addNewest = await changed(write(newest), removeFile(newest));
  const added = article(n + 1, 42);
  const add = await changed(write(added), removeFile(added));
  const edited = path.join(seeds, article(0).name);
  const before = fs.readFileSync(edited, 'utf8');
  const edit = await changed(() => fs.writeFileSync(edited, `${before}\nThe company said it would give an update in March.\n`), () => fs.writeFileSync(edited, before));
  const remove = await changed(removeFile(article(1)), write(article(1)));
  const dev = n <= 10_000 ? await devAddLatency(seeds, n + 2) : null;
  const builds = [cold, warm, addNewest, add, edit, remove];
  const peak = Math.max(...builds.map((b) => b.peakMiB));
  const peakSum = Math.max(...builds.map((b) => b.peakSumMiB));
  const change = (run: Run) => `${run.seconds.toFixed(1)} s (${renderedOf(run)})`;
  rows.push(`| ${n.toLocaleString('en-US')} | ${cold.seconds.toFixed(1)} s | ${warm.seconds.toFixed(1)} s (${Math.round((100 * warm.seconds) / cold.seconds)}%) | ${change(addNewest)} | ${change(add)} | ${change(edit)} | ${change(remove)} | ${dev == null ? '—' : `${dev} ms`} | ${peak} MiB | ${peakSum} MiB |`);
  console.log(rows.at(-1));
  stageRows.push(stageRow(n, cold));
  console.log(stageRows.at(-1));
  if (floor) profileSection = profileReport(n, seeds, cold, floor);
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(seeds, { recursive: true, force: true });
}

/** A table row: the gzipped bytes each word's first query fetched from a newly opened search page. */
async function firstQueryRow(n: number, site: string): Promise<string> {
  const fetched = await firstQueryBytes(site, QUERY_WORDS);
  const kB = (bytes: number) => (bytes / 1000).toFixed(1);
  const totals = [...fetched.values()].map((files) => files.reduce((sum, f) => sum + f.bytes, 0));
  const median = [...totals].sort((a, b) => a - b)[Math.floor(totals.length / 2)]!;
  const words = [...fetched].map(([word, files], i) => `${word} ${kB(totals[i]!)} (${files.length})`).join(', ');
  return `| ${n.toLocaleString('en-US')} | ${kB(median)} kB | ${kB(Math.max(...totals))} kB | ${words} |`;
}

function writeReport(): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const report = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}; corpora, sites and caches ${WORK.startsWith('/dev/shm') ? 'in memory (/dev/shm), for every generator' : `on disk (${path.dirname(WORK)})`}.
Synthetic corpus from \`bench/synth-corpus.ts\` (deterministic; a quarter hard-wrapped wire copy, the rest markdown with front matter).
Each build is a separate process; the copy of its site that a build leaving no spare makes for the next one, in the background, is let end before the next build starts (untimed). "Peak RSS" is the largest of its builds: "largest process" as GNU time gives it (the build with its threads, or Pagefind's process if larger), "all processes" the build's and Pagefind's together, sampled every 200 ms.
"Warm" rebuilds with nothing changed; "added"/"edited"/"deleted" rebuild after one article is added, edited or deleted (in brackets: the pages rendered anew, of all); up to 10,000 articles each change is made, built, undone and rebuilt, three times, and the median of its three builds given.
"Newest" is dated after every other article (today's news: only the latest page of each list changes);
"older date" lands in the middle of the archive (the page it lands on in each list changes, and the pages of its entities).
"dev: added" is the time from writing a new article to \`npm run dev\` serving its page (median of three).

| articles | cold build | warm build (share of cold) | one added, newest | one added, older date | one edited | one deleted | dev: added | peak RSS, largest process | peak RSS, all processes |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
${sizes.includes(100_000) ? '' : '\nN = 100,000 was not measured in this run (`npm run bench -- --full`).\n'}
## Where a cold build's time goes

The stages as the build's summary line gives them ("read+extract" includes the worker threads' start;
"cache" saves the record cache's index; "swap" puts the new folder in place and saves the page keys; the replaced folder is kept as the next build's spare).
"Per article" is the whole cold build divided by N: flat when time grows linearly.

| articles | pages | per article | read+extract | link | assets | render | cache | search | swap |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${stageRows.join('\n')}

## A reader's first search

What the search page fetches, from opening it to the first results for one word (a new browser
context each word, after the cold build), gzipped as a host sends it: the page, its CSS and
scripts, Pagefind's script, WebAssembly, metadata and index chunks, one fragment a result shown.
In brackets, the files fetched.

| articles | median | largest | each word |
| --- | --- | --- | --- |
${searchRows.join('\n')}
${profileSection}${anchors}`;
  fs.writeFileSync(path.join(PROJECT, 'BENCHMARKS.md'), report + handSection());
}

/** The profile of a cold build of the corpus (and of the generator in --profile-before's folder), and Pagefind's floor. */
function profileReport(n: number, seeds: string, cold: Run, floor: { pages: number; seconds: number }): string {
  const search = /search (\d+) ms/.exec(cold.summary)?.[1];
  const revision = (dir: string) => spawnSync('git', ['-C', dir, 'log', '-1', '--format=%h'], { encoding: 'utf8' }).stdout.trim() || dir;
  const after = profileColdBuild(PROJECT, seeds, WORK);
  const before = profileBefore ? profileColdBuild(profileBefore, seeds, WORK) : null;
  return `
## Where a cold build's CPU goes (${n.toLocaleString('en-US')} articles)

Pagefind alone, given the records of the same ${floor.pages.toLocaleString('en-US')} pages (taken from the pages beforehand) shard by shard as the build does: ${floor.seconds.toFixed(1)} s, the floor of the search stage (${search ? `${(Number(search) / 1000).toFixed(1)} s` : 'not known'} in the cold build above).
Below, \`node --cpu-prof\` of one more cold build (empty cache) of the same corpus, every thread of the build's process added up by function, waiting left out (Pagefind's own process is not sampled).
${before ? `
Before (the generator at ${revision(profileBefore!)}):

${profileTable(before)}

After (at ${revision(PROJECT)}):
` : `
At ${revision(PROJECT)}:
`}
${profileTable(after)}
`;
}

function handSection(): string {
  const file = path.join(PROJECT, 'BENCHMARKS.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const at = current.indexOf(HAND_HEADING);
  return at >= 0 ? current.slice(at) : '';
}

/** Eleventy 3 and Hugo on the same 4,000 markdown files as ours, alternating, median of 3. */
async function runAnchors(): Promise<string> {
  const script = path.resolve(PROJECT, '../shared/bench/anchors/run-anchors.sh');
  if (!fs.existsSync(script)) return '\n(anchors skipped: ../shared/bench/anchors not found)\n';
  const corpus = path.join(WORK, 'anchor-corpus');
  execFileSync(process.execPath, [path.resolve(PROJECT, '../shared/bench/synth-corpus.mjs'), corpus, '4000'], { stdio: 'ignore' });
  execFileSync('bash', [script, 'prepare', corpus], { stdio: 'inherit', env: { ...process.env, ANCHOR_WORK: path.join(WORK, 'anchors') } });
  const times: Record<string, number[]> = { ours: [], eleventy: [], hugo: [] };
  const out = path.join(WORK, 'anchor-site');
  for (let round = 0; round < 3; round++) {
    fs.rmSync(CACHE_DIR, { recursive: true, force: true });
    times.ours!.push((await buildOnce(corpus, out)).seconds);
    for (const tool of ['eleventy', 'hugo']) {
      const t = spawnSync('/usr/bin/time', ['-f', '%e', 'bash', script, tool], { encoding: 'utf8', env: { ...process.env, ANCHOR_WORK: path.join(WORK, 'anchors') } });
      times[tool]!.push(Number(t.stderr.trim().split('\n').pop()));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
  const [ours, eleventy, hugo] = [median(times.ours!), median(times.eleventy!), median(times.hugo!)];
  return `
## Against Eleventy 3 and Hugo (same 4,000 files of ../shared/bench/synth-corpus.mjs, cold, median of 3 alternating runs)

| generator | wall time | ours ÷ theirs |
| --- | --- | --- |
| ours (extraction, all pages, feeds, search index, assets) | ${ours.toFixed(1)} s | |
| Eleventy 3.1.2 (pages and tag pages only) | ${eleventy.toFixed(1)} s | ${(ours / eleventy).toFixed(2)}× |
| Hugo (pages and tag pages only) | ${hugo.toFixed(1)} s | ${(ours / hugo).toFixed(2)}× |
`;
}

/** "38 of 6,469 pages", from a build's summary line ("… 6469 pages (38 rendered …"). */
function renderedOf(run: Run): string {
  const m = /; (\d+) pages \((\d+) rendered/.exec(run.summary);
  return m ? `${Number(m[2]).toLocaleString('en-US')} of ${Number(m[1]).toLocaleString('en-US')} pages` : 'pages not known';
}

/** One row of the stage table, from a cold build's summary line ("… 6325 pages … (read+extract 23971 ms, link 385 ms, …)"). */
function stageRow(n: number, cold: Run): string {
  const stage = (name: string) => {
    const ms = new RegExp(`${name.replace('+', '\\+')} (\\d+) ms`).exec(cold.summary)?.[1];
    return ms ? `${(Number(ms) / 1000).toFixed(1)} s` : '—';
  };
  const pages = /; (\d+) pages/.exec(cold.summary)?.[1];
  return `| ${n.toLocaleString('en-US')} | ${pages ? Number(pages).toLocaleString('en-US') : '—'} | ${((1000 * cold.seconds) / n).toFixed(1)} ms | ${['read+extract', 'link', 'assets', 'render', 'cache', 'search', 'swap'].map(stage).join(' | ')} |`;
}
