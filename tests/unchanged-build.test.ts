// A build after which nothing changed says so without reading a record or starting its thread,
// and says again what the last build said (its notes, with --verbose, read from the records again);
// a changed seed, template or option builds as usual, and its records.json is a clean build's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT } from './helpers/build-site.ts';
import { runCli } from './robustness/cli.ts';
import { git, hasGit } from './helpers/git.ts';

let work: string;
let seeds: string;
const build = (...extra: string[]) => runCli(['build', '--seeds', seeds, '--out', path.join(work, 'site'), '--cache-dir', path.join(work, 'cache'), ...extra]);

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'unchanged-'));
  seeds = path.join(work, 'seeds');
  fs.cpSync(path.join(PROJECT, 'seeds'), seeds, { recursive: true });
  // not UTF-8: read as Windows-1252, with a warning every build should repeat
  fs.writeFileSync(path.join(seeds, 'latin.txt'), Buffer.from('Zinc smelter restarts\n\nBoliden said the caf\xe9 near its smelter in Sweden reopened on Monday.\n', 'latin1'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('a build with nothing changed', () => {
  it('says so quickly, with the last build\'s messages and counts; a change builds again', async () => {
    const first = await build();
    expect(first.code, first.stderr).toBe(0);
    // a site this small is one search shard, its article pages indexed while the other pages render
    expect(first.stdout).toMatch(/search index: 1 of 1 shard indexed \(1 while pages rendered\)\)/);
    const warning = first.stdout.split('\n').find((l) => l.includes('latin.txt'));
    expect(warning).toMatch(/warning/);
    const again = await build();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/built 3 articles \(3 from cache\), skipped 0, warned 1; \d+ pages \(0 rendered\) .*\(unchanged \d+ ms\)/);
    expect(again.stdout).toContain(warning);
    // the report keeps what a build shows without --verbose: with it, the notes are read from the
    // records again, the same as the first build said them
    const notes = (stdout: string) => stdout.split('\n').filter((line) => line.includes(' info: '));
    const verbose = await build('--verbose');
    expect(verbose.code, verbose.stderr).toBe(0);
    expect(verbose.stdout).not.toMatch(/unchanged \d+ ms/);
    expect(verbose.stdout).toMatch(/built 3 articles \(3 from cache\), skipped 0, warned 1; \d+ pages \(0 rendered\)/);
    expect(notes(verbose.stdout).length).toBeGreaterThan(0);
    expect(notes(verbose.stdout)).toEqual(notes((await runCli(['build', '--seeds', seeds, '--out', path.join(work, 'notes'), '--no-cache', '--verbose'])).stdout));
    expect(verbose.stdout).toContain(warning);
    expect((await build()).stdout).toMatch(/unchanged \d+ ms/);
    fs.appendFileSync(path.join(seeds, 'latin.txt'), '\nIt employs 300 people.\n');
    const changed = await build();
    expect(changed.stdout).not.toMatch(/unchanged \d+ ms/);
    expect(changed.stdout).toMatch(/\d+ rendered/);
    // a rebuild's search index is made while the build's thread writes its last files
    expect(changed.stdout).toMatch(/shards? indexed while the records, feeds and sitemap were written/);
    // its records.json, the unchanged articles' JSON copied by the main thread, is a clean build's
    const clean = await runCli(['build', '--seeds', seeds, '--out', path.join(work, 'clean'), '--no-cache']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(fs.readFileSync(path.join(work, 'site/data/records.json')).equals(fs.readFileSync(path.join(work, 'clean/data/records.json')))).toBe(true);
    // the time it gives is the build's, from the seeds check to the swap: no less than its stages
    const [, total, stages] = /in ([\d.]+) s \((.*)\)$/m.exec(changed.stdout)!;
    const times = new Map([...stages!.matchAll(/([a-z+ ]+) (\d+) ms/g)].map((m) => [m[1]!.replace(/^, /, '').trim(), Number(m[2])]));
    expect([...times.keys()]).toEqual(expect.arrayContaining(['check', 'read+extract', 'render', 'report', 'handover', 'search', 'swap']));
    expect(Number(total) * 1000).toBeGreaterThanOrEqual([...times.values()].reduce((a, b) => a + b, 0) - 20);
    const otherBase = await build('--base', '/digest/');
    expect(otherBase.stdout).not.toMatch(/unchanged \d+ ms/);
  }, 120_000);
});

describe.runIf(hasGit)('a deploy from a fresh clone, the cache and the site restored', () => {
  it('finds nothing changed when no article did, and reads only the article a commit added', async () => {
    const repo = path.join(work, 'repo');
    fs.cpSync(path.join(PROJECT, 'seeds'), path.join(repo, 'seeds'), { recursive: true });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'seeds');
    const deploy = (dir: string) => runCli(['build', '--seeds', 'seeds', '--out', 'site', '--cache-dir', 'cache'], {}, dir);
    expect((await deploy(repo)).code).toBe(0);
    // what a CI run does: a clone (every file written anew, with a new time), then its caches restored
    const clone = (name: string) => {
      const dir = path.join(work, name);
      git(work, 'clone', '-q', repo, dir);
      for (const kept of ['site', 'cache']) fs.cpSync(path.join(repo, kept), path.join(dir, kept), { recursive: true });
      return dir;
    };
    const same = await deploy(clone('clone-1'));
    expect(same.stdout).toMatch(/\(unchanged \d+ ms\)/);

    fs.writeFileSync(path.join(repo, 'seeds', 'zinc.md'), '---\ntitle: Zinc smelter restarts\ndate: 2025-05-02\n---\n\nNordic Zinc said on Friday it restarted its smelter in Finland.\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'one more');
    const added = await deploy(clone('clone-2'));
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/built 3 articles \(2 from cache\)/);
  }, 120_000);
});
