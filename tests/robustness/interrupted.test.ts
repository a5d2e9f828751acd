// A build killed with SIGKILL mid-way leaves the previous site byte for byte; the next build
// succeeds and clears what the killed one left; pages of deleted articles disappear (their
// folders too, though builds stage into the replaced site's folders); a second build cannot
// write into a folder another build holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutputFolder } from '../../src/site/output-folder.ts';
import { DEFAULT_CACHE_DIR } from '../../src/store/record-cache.ts';
import { leftovers, runCli, snapshot, startCli, workFolder } from './cli.ts';

// ~10 s a build on a shared 2-core machine (render is ~12 ms a page): enough to be caught mid-write
const ARTICLES = 200;
const DELETED = 20;
const METALS = ['copper', 'nickel', 'zinc', 'lithium', 'cobalt', 'gold', 'silver', 'tin'];
const MINERS = ['BHP', 'Rio Tinto', 'Glencore', 'Vale', 'Anglo American', 'Freeport-McMoRan'];

function writeCorpus(seeds: string, count: number): void {
  fs.mkdirSync(seeds, { recursive: true });
  for (let i = 0; i < count; i++) {
    const metal = METALS[i % METALS.length]!;
    const miner = MINERS[i % MINERS.length]!;
    fs.writeFileSync(
      path.join(seeds, `article-${String(i).padStart(4, '0')}.md`),
      `---\ntitle: ${miner} ${metal} update ${i}\ndate: 2025-0${1 + (i % 9)}-1${i % 10}\n---\n\n${miner} said ${metal} output rose ${i % 40}% to ${1000 + i} tonnes.\n`,
    );
  }
}

let tmp: string;
let seeds: string;
let out: string;
let before: Map<string, string>;

const build = (...extra: string[]) => runCli(['build', '--seeds', seeds, '--out', out, '--no-cache', ...extra]);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'interrupted-'));
  seeds = path.join(tmp, 'seeds');
  out = path.join(tmp, 'site');
  writeCorpus(seeds, ARTICLES);
  const first = await build();
  expect(first.code, first.stderr).toBe(0);
  before = snapshot(out);
}, 240_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('interrupted and concurrent builds', () => {
  it('a build killed with SIGKILL while writing leaves the previous site byte for byte', async () => {
    expect(before.size).toBeGreaterThan(ARTICLES);
    // change the corpus so the killed build would write a different site
    for (let i = 0; i < DELETED; i++) fs.rmSync(path.join(seeds, `article-${String(i).padStart(4, '0')}.md`));
    const { child, done } = startCli(['build', '--seeds', seeds, '--out', out, '--no-cache']);
    // wait until it is writing its staging folder, then kill it there
    const deadline = Date.now() + 120_000;
    let writing = false;
    while (Date.now() < deadline && child.exitCode === null) {
      const staging = leftovers(out).find((n) => n.startsWith('staging-'));
      if (staging && fs.existsSync(path.join(workFolder(out), staging, 'articles'))) {
        writing = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    const killed = await done;
    expect(writing, 'the build was caught writing its staging folder').toBe(true);
    expect(killed.signal).toBe('SIGKILL');
    expect(snapshot(out)).toEqual(before);
    // what it left: its staging folder and its lock
    expect(leftovers(out).sort()).toEqual(['lock', `staging-${child.pid}`]);
    // and nothing beside the output, where a deploy of the folder around it would pick it up
    expect(fs.readdirSync(tmp).sort()).toEqual(['seeds', 'site']);
  }, 180_000);

  it('the next builds (two at once) succeed whole, never interleave, remove leftovers and stale pages', async () => {
    const [a, b] = await Promise.all([build(), build()]);
    // both may finish one after the other, or one stops at the lock the other holds
    for (const run of [a, b]) if (run.code !== 0) expect(run.stderr).toMatch(/is being built by another process \(pid \d+\)/);
    expect([a.code, b.code]).toContain(0);
    // the replaced site is kept as the spare (the next build stages into its folders); a second one goes in the background
    const transient = () => leftovers(out).filter((n) => n !== 'spare');
    for (let waited = 0; transient().length && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(leftovers(out)).toEqual(['spare']);
    expect(fs.existsSync(path.join(out, 'articles/article-0000'))).toBe(false);
    expect(fs.existsSync(path.join(out, `articles/article-${String(DELETED - 1).padStart(4, '0')}`))).toBe(false);
    const records = JSON.parse(fs.readFileSync(path.join(out, 'data/records.json'), 'utf8'));
    expect(records.articles).toHaveLength(ARTICLES - DELETED);
    const pages = fs.readdirSync(path.join(out, 'articles')).sort();
    expect(pages).toEqual(records.articles.map((r: any) => r.id).sort());
    for (const id of pages) expect(fs.existsSync(path.join(out, `articles/${id}/index.html`)), id).toBe(true);
  }, 180_000);

  it('a build cannot write into a folder another build holds: it fails with a clear message', async () => {
    const current = snapshot(out);
    const holder = new OutputFolder(out, DEFAULT_CACHE_DIR);
    await holder.open();
    try {
      // a one-article folder: the build reaches the output folder quickly
      const small = path.join(tmp, 'small-seeds');
      writeCorpus(small, 1);
      const second = await runCli(['build', '--seeds', small, '--out', out, '--no-cache']);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`is being built by another process \\(pid ${process.pid}\\); wait for it to finish`));
      expect(snapshot(out)).toEqual(current);
    } finally {
      await holder.abort();
    }
    expect(leftovers(out)).toEqual(['spare']);
  }, 60_000);
});
