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
    expect(fs.readdirSync(dir).sort()).toEqual(['dist']);
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
});
