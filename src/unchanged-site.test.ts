import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite, PROJECT } from '../tests/helpers/build-site.ts';
import { checkSeeds } from './unchanged-site.ts';
import { git, hasGit } from '../tests/helpers/git.ts';

let work: string;
let seeds: string;
let options: Parameters<typeof checkSeeds>[0];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'seeds-check-'));
  seeds = path.join(work, 'seeds');
  fs.cpSync(path.join(PROJECT, 'seeds'), seeds, { recursive: true });
  const cacheDir = path.join(work, 'cache');
  const outDir = path.join(work, 'site');
  await buildSite({ seedsDir: seeds, outDir, cacheDir });
  options = { seedsDir: seeds, outDir, base: '/', siteUrl: null, templatesDir: path.join(PROJECT, 'templates'), publicDir: path.join(PROJECT, 'public'), strict: false, verbose: false, cache: true, cacheDir };
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('checkSeeds', () => {
  it('gives the last report when nothing changed, and otherwise the files it has no record of, up to a limit', async () => {
    const same = await checkSeeds(options);
    expect(same.articles).toBe(2);
    expect((await same.unchangedReport())?.summary.articles).toBe(2);

    const [first] = fs.readdirSync(seeds).sort();
    fs.appendFileSync(path.join(seeds, first!), '\nThe company said it would give an update in March.\n');
    fs.writeFileSync(path.join(seeds, 'zinc.md'), '---\ntitle: Zinc smelter restarts\ndate: 2025-05-02\n---\n\nNordic Zinc said on Friday it restarted its smelter in Finland.\n');
    const changed = await checkSeeds(options);
    expect(changed.articles).toBe(3);
    // the files are listed only once their sizes and times were looked at
    expect(changed.changedFiles(10)).toBeNull();
    expect(await changed.unchangedReport()).toBeNull();
    expect(changed.changedFiles(10)?.map((f) => f.relPath).sort()).toEqual([first, 'zinc.md'].sort());
    // as many as the limit or more: not listed
    const again = await checkSeeds(options);
    await again.unchangedReport();
    expect(again.changedFiles(2)).toBeNull();
  });
});

describe.runIf(hasGit)('checkSeeds after a checkout', () => {
  it("takes git's word for files with new times only, and lists the ones whose contents changed", async () => {
    const repo = path.join(work, 'repo');
    const repoSeeds = path.join(repo, 'seeds');
    fs.cpSync(seeds, repoSeeds, { recursive: true });
    for (const metal of ['Zinc', 'Tin']) fs.writeFileSync(path.join(repoSeeds, `${metal.toLowerCase()}.md`), `---\ntitle: ${metal} smelter restarts\ndate: 2025-05-02\n---\n\nNordic ${metal} said on Friday it restarted its smelter in Finland.\n`);
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'seeds');
    const repoOptions = { ...options, seedsDir: repoSeeds, outDir: path.join(repo, 'site'), cacheDir: path.join(repo, 'cache') };
    await buildSite(repoOptions);
    const files = fs.readdirSync(repoSeeds).sort();
    // what a fresh checkout does: every file written again, with a new time (before the build's)
    let minutesAgo = 10;
    const checkOut = () => {
      const written = new Date(Date.now() - --minutesAgo * 60_000);
      for (const file of files) fs.utimesSync(path.join(repoSeeds, file), written, written);
      git(repo, 'update-index', '--refresh', '-q');
    };
    // one file of four with a new time is an edit as far as the check can tell: git is not asked
    fs.utimesSync(path.join(repoSeeds, files[0]!), new Date(), new Date(Date.now() + 30_000));
    git(repo, 'update-index', '--refresh', '-q');
    const one = await checkSeeds(repoOptions);
    expect(await one.unchangedReport()).toBeNull();
    expect(one.changedFiles(10)?.map((f) => f.relPath)).toEqual([files[0]]);
    expect(one.restamped.size).toBe(0);

    checkOut();
    const touched = await checkSeeds(repoOptions);
    expect((await touched.unchangedReport())?.summary.articles).toBe(files.length);
    // the files are looked at for their new times only when a build follows
    expect(touched.restamped.size).toBe(0);
    expect(touched.changedFiles(10)).toEqual([]);
    expect([...touched.restamped.keys()].sort()).toEqual(files);

    // a file written after git looked (here, dated ahead) is taken on git's word, its time not noted
    const ahead = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(repoSeeds, files[1]!), ahead, ahead);
    git(repo, 'update-index', '--refresh', '-q');
    const late = await checkSeeds(repoOptions);
    expect(await late.unchangedReport()).not.toBeNull();
    late.changedFiles(10);
    expect([...late.restamped.keys()].sort()).toEqual(files.filter((f) => f !== files[1]));

    fs.appendFileSync(path.join(repoSeeds, files[0]!), '\nThe company said it would give an update in March.\n');
    git(repo, 'commit', '-q', '-am', 'an edit');
    checkOut();
    const edited = await checkSeeds(repoOptions);
    expect(await edited.unchangedReport()).toBeNull();
    expect(edited.changedFiles(10)?.map((f) => f.relPath)).toEqual([files[0]]);
    // the others, with the times they have now, for the build to note
    expect([...edited.restamped.keys()]).toEqual(files.slice(1));
    expect(edited.restamped.get(files[1]!)?.mtimeMs).toBe(fs.statSync(path.join(repoSeeds, files[1]!)).mtimeMs);
  });
});
