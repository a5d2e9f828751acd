// The site's own CSS and JS: bundled once into the cache, however many ask while it bundles (a
// build asks while its articles are read, and again to link the bundle into its site).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assetsInCache, cachedAssets } from './assets.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'assets-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the bundle in the cache', () => {
  it('is made once for asks that meet, linked into a site, and made again once its folder is gone', async () => {
    const cacheDir = path.join(tmp, 'cache');
    const [first, second] = await Promise.all([assetsInCache('/', cacheDir), assetsInCache('/', cacheDir)]);
    expect(second).toBe(first);
    // one folder, no second bundle's leftovers beside it
    expect(fs.readdirSync(cacheDir)).toEqual([path.basename(first)]);
    const site = path.join(tmp, 'site');
    const linked: string[] = [];
    const urls = await cachedAssets(site, '/', cacheDir, undefined, linked);
    expect(urls.css.length).toBeGreaterThan(0);
    for (const file of linked) expect(fs.existsSync(path.join(site, file)), file).toBe(true);
    fs.rmSync(first, { recursive: true });
    expect(fs.existsSync(path.join(await assetsInCache('/', cacheDir), 'urls.json'))).toBe(true);
  }, 60_000);
});
