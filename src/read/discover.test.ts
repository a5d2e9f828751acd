import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverSeeds, packDiscovery, unpackDiscovery } from './discover.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'discover-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('discoverSeeds', () => {
  it('finds articles in nested folders, named from the seeds folder with forward slashes, in name order', async () => {
    const seeds = path.join(root, 'seeds');
    fs.mkdirSync(path.join(seeds, '2025', 'march'), { recursive: true });
    for (const f of ['b.md', 'a.txt', '2025/z.md', '2025/march/c.markdown', 'notes.png', '.hidden.md', '2025/.DS_Store']) fs.writeFileSync(path.join(seeds, f), 'x');
    fs.symlinkSync(path.join(seeds, 'a.txt'), path.join(seeds, '2025', 'link.txt'));

    const found = await discoverSeeds(seeds);
    expect(found.articles.map((a) => a.relPath)).toEqual(['2025/link.txt', '2025/march/c.markdown', '2025/z.md', 'a.txt', 'b.md']);
    expect(found.articles.map((a) => a.path)).toEqual(found.articles.map((a) => path.join(fs.realpathSync(seeds), a.relPath)));
    expect(found.articles[0]!.viaLink).toBe(true);
    expect(found.skipped).toEqual([expect.objectContaining({ relPath: 'notes.png', severity: 'info' })]);
    // packed for another thread: not with a file reached through a link
    expect(packDiscovery(found)).toBeNull();
    fs.rmSync(path.join(seeds, '2025', 'link.txt'));
    const plain = await discoverSeeds(seeds);
    expect(unpackDiscovery(structuredClone(packDiscovery(plain)!))).toEqual(plain);
  });
});
