import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { PageManifest, type BuildReport } from './page-manifest.ts';
import type { SearchState } from './search-shards.ts';
import type { SiteSnapshot } from '../link/page-dependencies.ts';

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
    await manifest.save(keys, inputs, null);
    expect(await manifest.lastInputs()).toBe(inputs);
    const loaded = await manifest.load();
    expect(loaded.inputs).toBe(inputs);
    expect(loaded.keys).toEqual(keys);
    // a file of another shape, or cut short, says nothing
    const [file] = fs.readdirSync(cacheDir).filter((f) => /^pages-[0-9a-f]+\.bin$/.test(f));
    fs.writeFileSync(path.join(cacheDir, file!), JSON.stringify({ pages: {}, inputs }));
    expect(await manifest.lastInputs()).toBeNull();
    fs.writeFileSync(path.join(cacheDir, file!), `{"inputs":"${inputs.slice(0, 10)}`);
    expect(await manifest.lastInputs()).toBeNull();
    expect(await new PageManifest('/tmp/some-site', false, cacheDir).lastInputs()).toBeNull();
  });

  it('keeps the linked site\'s snapshot in a file of its own, named by the saved file, and drops the ones it does not name', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    dirs.push(cacheDir);
    const manifest = new PageManifest('/tmp/some-site', true, cacheDir);
    const snapshot = { articles: { 'articles/a/': 'x' } } as unknown as SiteSnapshot;
    const failed = await manifest.writeSnapshot({ articles: {} } as unknown as SiteSnapshot);
    const kept = await manifest.writeSnapshot(snapshot);
    expect(kept).not.toBe(failed);
    await manifest.save(new Map([['articles/a/', 'k']]), 'ab12'.repeat(16), null, { snapshotFile: kept });
    expect((await manifest.load()).snapshot).toEqual(snapshot);
    // the snapshot of a build that never saved is gone; the other is read only when asked for
    expect(fs.readdirSync(cacheDir).filter((f) => f.includes('.snapshot-'))).toEqual([kept]);
    expect((await manifest.load({ snapshot: false })).snapshot).toBeNull();
    // gone or damaged: none
    fs.writeFileSync(path.join(cacheDir, kept!), 'not a v8 value');
    expect((await manifest.load()).snapshot).toBeNull();
  });

  it('keeps what the pages were made with in a file of its own, read with the snapshot', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    dirs.push(cacheDir);
    const manifest = new PageManifest('/tmp/some-site', true, cacheDir);
    const pages = { records: { places: { ids: 'a', spans: Float64Array.of(10, 20) }, bytes: 40 }, related: new Map([['a', 'b\nc'], ['d', '']]), shapes: new Map([['page/2/', 'x']]), timeline: { ids: 'a', codes: Int32Array.of(20250300), keys: Uint32Array.of(0), articles: Uint32Array.of(0), dates: Int32Array.of(-1), hashes: Uint32Array.of(7) }, entityCuts: { bases: 'metals/copper/', counts: Uint32Array.of(2), ends: Uint32Array.of(20, 35), paths: 'metals/copper/\0metals/copper/page/2025-01-02-0a0b0c0d/' } };
    await manifest.writePagesMade({ records: null, related: null, shapes: null, timeline: null, entityCuts: null });
    const kept = await manifest.writePagesMade(pages);
    await manifest.save(new Map([['articles/a/', 'k']]), 'ab12'.repeat(16), null, { pagesFile: kept });
    const loaded = await manifest.load();
    expect({ records: loaded.records, related: loaded.related, shapes: loaded.shapes, timeline: loaded.timeline, entityCuts: loaded.entityCuts }).toEqual(pages);
    expect(fs.readdirSync(cacheDir).filter((f) => f.includes('.pages-'))).toEqual([kept]);
    // a build that finds nothing changed does not read it
    expect((await manifest.load({ report: true })).related).toBeNull();
    // none known is none, not every one gone
    await manifest.save(new Map([['articles/a/', 'k']]), 'ab12'.repeat(16), null, { pagesFile: await manifest.writePagesMade({ records: null, related: new Map(), shapes: null, timeline: null, entityCuts: null }) });
    expect((await manifest.load()).related).toEqual(new Map());
    expect((await manifest.load()).shapes).toBeNull();
  });

  it('reads what an earlier version kept of the pages (objects, not packed) as not known', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    dirs.push(cacheDir);
    const manifest = new PageManifest('/tmp/some-site', true, cacheDir);
    const name = 'pages-old.pages-1.bin';
    fs.writeFileSync(path.join(cacheDir, name), v8.serialize({ records: { places: { a: [10, 20] }, bytes: 40 }, related: { a: 'b' }, shapes: { 'page/2/': 'x' } }));
    await manifest.save(new Map([['articles/a/', 'k']]), 'ab12'.repeat(16), null, { pagesFile: name });
    const loaded = await manifest.load();
    expect([loaded.related, loaded.shapes, loaded.timeline, loaded.entityCuts]).toEqual([null, null, null, null]);
  });

  it('keeps the build\'s report in a file of its own, read only when asked for, and drops the reports it does not name', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    dirs.push(cacheDir);
    const manifest = new PageManifest('/tmp/some-site', true, cacheDir);
    const report = { messages: [{ file: 'a.md', line: 3, column: 1, reason: 'a note', ruleId: 'dates/unresolved', source: 'extract', severity: 'info' }], summary: { articles: 1, cached: 1, skipped: 0, warned: 0, pages: 9, rendered: 0 } } as unknown as BuildReport;
    await manifest.writeReport(report);
    const kept = await manifest.writeReport(report);
    await manifest.save(new Map([['articles/a/', 'k']]), 'ab12'.repeat(16), null, { reportFile: kept });
    expect((await manifest.load({ report: true })).report).toEqual(report);
    expect((await manifest.load()).report).toBeNull();
    expect(fs.readdirSync(cacheDir).filter((f) => f.includes('.report-'))).toEqual([kept]);
    expect(fs.readFileSync(path.join(cacheDir, fs.readdirSync(cacheDir).find((f) => /^pages-[0-9a-f]+\.bin$/.test(f))!), 'latin1')).not.toContain('a note');
  });

  it('reads back a report of many messages, written a slice at a time, and one written before in one piece; a report cut short is none', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    dirs.push(cacheDir);
    const manifest = new PageManifest('/tmp/some-site', true, cacheDir);
    const messages = Array.from({ length: 12_345 }, (_, i) => ({ file: `${i}.md`, line: i, column: 1, reason: `note ${i}`, ruleId: 'dates/unresolved', source: 'extract', severity: 'info' }));
    const report = { messages, summary: { articles: 12_345, cached: 12_345, skipped: 0, warned: 0, pages: 20_000, rendered: 0 } } as unknown as BuildReport;
    const name = await manifest.writeReport(report);
    await manifest.save(new Map([['articles/a/', 'k']]), 'ab12'.repeat(16), null, { reportFile: name });
    expect((await manifest.load({ report: true })).report).toEqual(report);
    const file = path.join(cacheDir, name!);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    expect((await manifest.load({ report: true })).report).toBeNull();
    // cut where a frame ends (after its line, each frame a length and its bytes): the messages fall
    // short of the count the first frame gives
    const frames: number[] = [];
    for (let at = bytes.indexOf('\n') + 1; at < bytes.length; at += 4 + bytes.readUInt32LE(at)) frames.push(at);
    expect(frames).toHaveLength(1 + Math.ceil(12_345 / 5_000));
    fs.writeFileSync(file, bytes.subarray(0, frames.at(-1)));
    expect((await manifest.load({ report: true })).report).toBeNull();
    fs.writeFileSync(file, v8.serialize(report));
    expect((await manifest.load({ report: true })).report).toEqual(report);
  });

  it('keeps the search state in a file of its own, read only when asked for (by the thread that indexes), one at a time', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    dirs.push(cacheDir);
    const manifest = new PageManifest('/tmp/some-site', true, cacheDir);
    const state = (n: number): SearchState => ({ code: 'c', pages: new Map([['articles/a/', `d${n}`]]), shards: new Map([['articles', new Map()]]), recent: null });
    await manifest.save(new Map([['articles/a/', 'k']]), 'ab12'.repeat(16), state(1));
    await manifest.save(new Map([['articles/a/', 'k']]), 'ab12'.repeat(16), state(2));
    expect((await manifest.load({ search: true })).search).toEqual(state(2));
    expect((await manifest.load()).search).toBeNull();
    expect(fs.readdirSync(cacheDir).filter((f) => f.includes('.search-'))).toHaveLength(1);
    // a file saved before the state had a file of its own holds it
    const file = path.join(cacheDir, fs.readdirSync(cacheDir).find((f) => /^pages-[0-9a-f]+\.bin$/.test(f))!);
    const head = `page keys 1 ${'ab12'.repeat(16)}\n`;
    fs.writeFileSync(file, Buffer.concat([Buffer.from(head, 'latin1'), v8.serialize({ inputs: 'ab12'.repeat(16), keys: new Map([['articles/a/', 'k']]), search: state(3) })]));
    expect((await manifest.load({ search: true })).search).toEqual(state(3));
  });
});
