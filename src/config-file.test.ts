import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigForBuild } from './config-file.ts';

let dir: string;
const config = (title: string) => `import { newsDigest } from ${JSON.stringify(path.join(import.meta.dirname, 'vite-plugin.ts'))};\nimport { seeds } from './folders.ts';\nexport default { plugins: [newsDigest({ title: ${JSON.stringify(title)}, seeds })] };\n`;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-'));
  fs.writeFileSync(path.join(dir, 'vite.config.ts'), config('One'));
  fs.writeFileSync(path.join(dir, 'folders.ts'), "export const seeds = 'articles';\n");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the config for a build', () => {
  it('is remembered while the file and what it imports are unchanged, and read again when one changes', async () => {
    const memo = path.join(dir, 'memo/config.json');
    const first = await loadConfigForBuild(dir, null, memo);
    expect(first.settings).toMatchObject({ title: 'One', seeds: path.join(dir, 'articles') });
    expect(first.files).toEqual(expect.arrayContaining([path.join(dir, 'folders.ts'), path.join(dir, 'vite.config.ts')]));
    // remembered: the same settings and digest, without loading (no Vite options then)
    const again = await loadConfigForBuild(dir, null, memo);
    expect(again.settings).toEqual(first.settings);
    expect(again.digest).toBe(first.digest);
    // an imported file changed
    fs.writeFileSync(path.join(dir, 'folders.ts'), "export const seeds = 'news';\n");
    const changed = await loadConfigForBuild(dir, null, memo);
    expect(changed.settings.seeds).toBe(path.join(dir, 'news'));
    expect(changed.digest).not.toBe(first.digest);
    // the file itself changed
    fs.writeFileSync(path.join(dir, 'vite.config.ts'), config('Two'));
    expect((await loadConfigForBuild(dir, null, memo)).settings.title).toBe('Two');
  });
});
