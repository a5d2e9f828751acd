// Rebuilds reuse what did not change: records from the cache, pages linked from the last build,
// and the output folder still holds exactly the pages of the current articles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite, walk, PROJECT } from './helpers/build-site.ts';

let work: string;
let seeds: string;
let out: string;
let cacheDir: string;
const build = () => buildSite({ seedsDir: seeds, outDir: out, cacheDir });
const read = (rel: string) => fs.readFileSync(path.join(out, rel), 'utf8');

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'incremental-'));
  seeds = path.join(work, 'seeds');
  out = path.join(work, 'site');
  cacheDir = path.join(work, 'cache');
  fs.cpSync(path.join(PROJECT, 'seeds'), seeds, { recursive: true });
  fs.writeFileSync(path.join(seeds, 'zinc.md'), '---\ntitle: Zinc smelter restarts\ndate: 2025-05-02\n---\n\nNordic Zinc Ltd said on Friday it restarted its smelter in Finland after a two-month halt.\n');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('incremental builds', () => {
  it('renders nothing again when nothing changed, and writes the same site', async () => {
    const first = await build();
    const before = new Map(walk(out).map((f) => [f, fs.readFileSync(path.join(out, f))]));
    const second = await build();
    expect(first.result.rendered).toBe(first.result.pages);
    expect(second.result.rendered).toBe(0);
    expect(second.log.join('\n')).toMatch(/\(3 from cache\)/);
    const after = walk(out);
    expect(after.sort()).toEqual([...before.keys()].sort());
    for (const f of after) expect(fs.readFileSync(path.join(out, f)).equals(before.get(f)!), f).toBe(true);
  });

  it('re-renders the pages an edited article touches, not the rest', async () => {
    fs.appendFileSync(path.join(seeds, 'zinc.md'), '\nThe smelter produces 150,000 tonnes of zinc a year.\n');
    const result = (await build()).result;
    expect(result.rendered).toBeGreaterThan(0);
    expect(result.rendered).toBeLessThan(result.pages / 2);
    expect(read('articles/zinc/index.html')).toContain('150,000 tonnes');
  });

  it('drops the pages of a deleted article', async () => {
    fs.rmSync(path.join(seeds, 'zinc.md'));
    await build();
    expect(fs.existsSync(path.join(out, 'articles/zinc'))).toBe(false);
    expect(read('data/records.json')).not.toContain('Nordic Zinc');
  });
});
