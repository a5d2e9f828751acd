import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PageManifest } from './page-manifest.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('PageManifest', () => {
  it('gives the last build\'s inputs from the file\'s first bytes, and null when it cannot tell', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    dirs.push(cacheDir);
    const manifest = new PageManifest('/tmp/some-site', true, cacheDir);
    expect(await manifest.lastInputs()).toBeNull();
    const inputs = 'ab12'.repeat(16);
    // many pages: the digest is read without the rest
    const keys = new Map(Array.from({ length: 5000 }, (_, i) => [`articles/a-${i}/`, `key-${i}`]));
    await manifest.commit((await manifest.stage(keys, inputs))!, { search: null, spare: null, others: null });
    expect(await manifest.lastInputs()).toBe(inputs);
    expect((await manifest.load()).inputs).toBe(inputs);
    // a file of another shape, or cut short, says nothing
    const [file] = fs.readdirSync(cacheDir).filter((f) => /^pages-\w+\.json$/.test(f));
    fs.writeFileSync(path.join(cacheDir, file!), JSON.stringify({ pages: {}, inputs }));
    expect(await manifest.lastInputs()).toBeNull();
    fs.writeFileSync(path.join(cacheDir, file!), `{"inputs":"${inputs.slice(0, 10)}`);
    expect(await manifest.lastInputs()).toBeNull();
    expect(await new PageManifest('/tmp/some-site', false, cacheDir).lastInputs()).toBeNull();
  });

  it('keeps the staged part out of the last build until it is committed, and what finishing added only with the part of the same build', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    dirs.push(cacheDir);
    const manifest = new PageManifest('/tmp/some-site', true, cacheDir);
    const others = ['feed.xml'];
    await manifest.commit((await manifest.stage(new Map([['a/', 'k1']]), 'aa'.repeat(32)))!, { search: null, spare: null, others });
    expect(await manifest.load()).toMatchObject({ inputs: 'aa'.repeat(32), keys: new Map([['a/', 'k1']]), others });
    // a build staged, then stopped before its swap: the last build is still the one committed
    await manifest.stage(new Map([['b/', 'k2']]), 'bb'.repeat(32));
    expect(await manifest.load()).toMatchObject({ inputs: 'aa'.repeat(32), others });
    await manifest.discard();
    // the main part of a newer build without its finished part (stopped between the two writes): that part is not taken
    const build = (await manifest.stage(new Map([['c/', 'k3']]), 'cc'.repeat(32)))!;
    fs.renameSync(path.join(cacheDir, fs.readdirSync(cacheDir).find((f) => f.endsWith('.staged'))!), path.join(cacheDir, fs.readdirSync(cacheDir).find((f) => /^pages-\w+\.json$/.test(f))!));
    expect(build).toMatch(/^[0-9a-f]{16}$/);
    expect(await manifest.load()).toMatchObject({ inputs: 'cc'.repeat(32), keys: new Map([['c/', 'k3']]), others: null, search: null, spare: null });
  });
});
