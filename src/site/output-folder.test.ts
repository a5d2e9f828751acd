import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutputFolder, OutputLockedError } from './output-folder.ts';

let dir: string;
let out: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'out-folder-'));
  out = path.join(dir, 'dist');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'index.html'), 'previous site');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Waits for a background removal (a process of its own), for at most ten seconds. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('OutputFolder', () => {
  it('swaps the staging folder in, dropping stale pages', async () => {
    fs.writeFileSync(path.join(out, 'stale.html'), 'deleted article');
    const folder = new OutputFolder(out);
    await folder.open();
    fs.writeFileSync(path.join(folder.staging, 'index.html'), 'new site');
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    await folder.commit();
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('new site');
    expect(fs.existsSync(path.join(out, 'stale.html'))).toBe(false);
    // the replaced site is removed by a process of its own, after commit has returned
    for (const name of fs.readdirSync(dir)) if (name !== 'dist') expect(name).toMatch(/^\.dist\.removing-\d+-\d+$/);
    await until(() => fs.readdirSync(dir).length === 1);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  it('removes, in the background, a replaced site whose removal was stopped', async () => {
    fs.mkdirSync(path.join(dir, '.dist.removing-999999-1', 'articles/a'), { recursive: true });
    const folder = new OutputFolder(out);
    await folder.open();
    await folder.abort();
    await until(() => !fs.existsSync(path.join(dir, '.dist.removing-999999-1')));
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  it('leaves the previous site whole when a build fails', async () => {
    const folder = new OutputFolder(out);
    await folder.open();
    fs.writeFileSync(path.join(folder.staging, 'index.html'), 'half');
    await folder.abort();
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });

  it('refuses a second build of the same folder while the first runs', async () => {
    const first = new OutputFolder(out);
    await first.open();
    // a lock held by a live process other than this one
    fs.writeFileSync(path.join(dir, '.dist.lock'), String(process.ppid));
    await expect(new OutputFolder(out).open()).rejects.toBeInstanceOf(OutputLockedError);
    fs.writeFileSync(path.join(dir, '.dist.lock'), String(process.pid));
    await first.abort();
  });

  it('recovers from a build killed between its two renames, and clears its leftovers', async () => {
    fs.renameSync(out, path.join(dir, '.dist.previous'));
    fs.mkdirSync(path.join(dir, '.dist.staging-999999'));
    fs.writeFileSync(path.join(dir, '.dist.lock'), '999999');
    const folder = new OutputFolder(out);
    await folder.open();
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    expect(fs.existsSync(path.join(dir, '.dist.staging-999999'))).toBe(false);
    await folder.abort();
  });

  it('keeps the newer site when a build was killed after both renames, and removes the older in the background', async () => {
    fs.mkdirSync(path.join(dir, '.dist.previous'));
    fs.writeFileSync(path.join(dir, '.dist.previous', 'index.html'), 'older site');
    const folder = new OutputFolder(out);
    await folder.open();
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('previous site');
    await folder.abort();
    await until(() => fs.readdirSync(dir).length === 1);
    expect(fs.readdirSync(dir)).toEqual(['dist']);
  });
});
