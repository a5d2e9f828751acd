// The record cache: what a build reads back is what was made, and the scratch folders of
// --no-cache builds go once their build has ended.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { articleFromBytes } from '../read/read-article.ts';
import { processArticle } from '../pipeline/process-article.ts';
import { holdRecord } from './held-record.ts';
import { factsOf } from './held-facts.ts';
import { RecordCache, recordBytes, removeScratchOfEndedBuilds } from './record-cache.ts';
import { decodeIndex } from './record-index.ts';
import type { HeldRecord } from '../types.ts';

const text = `Antofagasta expects copper output of 660,000 to 700,000 tonnes in 2025, its chief executive Iván Arriagada said on 4 March 2025.
"We are on track," Arriagada said. The miner will spend $1.7bn on the Centinela expansion in Chile.
`;

/** Everything a build reads of a held record, its facts unpacked. */
const outline = (held: HeldRecord) => {
  const { facts: _facts, full: _full, signature, ...fields } = held;
  return { ...fields, signature: [...signature], facts: factsOf(held) };
};

/** Runs `test` with a seeds folder and a cache folder of its own, removed after. */
async function inFolders(test: (seeds: string, dir: string) => Promise<void>) {
  const seeds = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-seeds-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cache-dir-'));
  try {
    await test(seeds, dir);
  } finally {
    fs.rmSync(seeds, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the record cache', () => {
  it('reads a held record back, from its file and from the pack, as it was made', () =>
    inFolders(async (seeds, dir) => {
      const record = processArticle(articleFromBytes(new TextEncoder().encode(text), 'antofagasta.txt'));
      expect(factsOf(holdRecord(record)).figures.length).toBeGreaterThan(1);
      const made = outline(holdRecord(record, false));
      const cache = await RecordCache.open(seeds, { enabled: true, dir });
      expect(outline(cache.setBytes(recordBytes(record)))).toEqual(made);
      await cache.flush();
      await cache.save();
      const { relPath, digest } = record.source;
      // the first build after it reads the pack; with the pack gone, the record's file
      expect(outline((await RecordCache.open(seeds, { enabled: true, dir })).get(relPath, digest)!)).toEqual(made);
      fs.rmSync(path.join(RecordCache.folderOf(seeds, dir).dir, 'held.pack'));
      expect(outline((await RecordCache.open(seeds, { enabled: true, dir })).get(relPath, digest)!)).toEqual(made);
    }));

  it('saves its index in the order a build reads the files, the pack in that order, whatever order the records came in', () =>
    inFolders(async (seeds, dir) => {
      // as a cold build's threads finish them; the seeds folder's walk meets them as a/c/d, a/z, a-b, b, c
      const names = ['c.txt', 'b.txt', 'a-b.txt', 'a/z.txt', 'a/c/d.txt'];
      const cache = await RecordCache.open(seeds, { enabled: true, dir });
      for (const name of names) {
        const record = processArticle(articleFromBytes(new TextEncoder().encode(text), name));
        cache.setBytes(recordBytes(record));
        cache.noteStat(name, text.length, 1, record.source.digest);
      }
      await cache.flush();
      await cache.save();
      const index = decodeIndex(fs.readFileSync(path.join(RecordCache.folderOf(seeds, dir).dir, 'index.bin')));
      expect([...index.keys()]).toEqual(['a/c/d.txt', 'a/z.txt', 'a-b.txt', 'b.txt', 'c.txt']);
      const offsets = [...index.values()].map((stat) => stat.packed![0]);
      expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
    }));

  it('is looked in for records its index does not name only when it held records when opened', () =>
    inFolders(async (seeds, dir) => {
      const first = await RecordCache.open(seeds, { enabled: true, dir });
      expect(first.folderOfUnindexed()).toBeNull();
      // a build stopped before it saved its index leaves the records it made
      first.setBytes(recordBytes(processArticle(articleFromBytes(new TextEncoder().encode(text), 'antofagasta.txt'))));
      await first.flush();
      expect((await RecordCache.open(seeds, { enabled: true, dir })).folderOfUnindexed()).toEqual(RecordCache.folderOf(seeds, dir));
    }));
});

describe('a record cache opened early', () => {
  it('knows whether another build saved the cache since it was opened', () =>
    inFolders(async (seeds, dir) => {
      const record = processArticle(articleFromBytes(new TextEncoder().encode(text), 'antofagasta.txt'));
      const { relPath, digest } = record.source;
      // a build as builds go: each file's record taken or made, its size and time noted, the index saved
      const build = async (made?: typeof record) => {
        const cache = await RecordCache.open(seeds, { enabled: true, dir });
        if (!cache.getUnchanged(relPath)) cache.setBytes(recordBytes(record));
        cache.noteStat(relPath, 100, 1, digest);
        if (made) {
          cache.setBytes(recordBytes(made));
          cache.noteStat(made.source.relPath, 100, 1, made.source.digest);
        }
        await cache.flush();
        await cache.save();
      };
      await build();
      const early = await RecordCache.open(seeds, { enabled: true, dir });
      // another build that changed nothing leaves the cache as it was
      await build();
      expect(early.unchangedSinceOpen()).toBe(true);
      // one that made a record and saved its index: the early one is not to be used
      await build(processArticle(articleFromBytes(new TextEncoder().encode(text.replace('Chile', 'Peru')), 'peru.txt')));
      expect(early.unchangedSinceOpen()).toBe(false);
      expect((await RecordCache.open(seeds, { enabled: true, dir })).unchangedSinceOpen()).toBe(true);
    }));
});

describe('scratch folders of --no-cache builds', () => {
  it('are removed once their build has ended, and only then', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scratch-test-'));
    try {
      const ended = spawnSync(process.execPath, ['-e', '']).pid!;
      for (const name of [`digest-records-${ended}-a1b2c3`, `digest-records-${process.pid}-d4e5f6`, 'digest-records-g7h8i9', 'other-folder']) {
        fs.mkdirSync(path.join(tmp, name, '00'), { recursive: true });
      }
      await removeScratchOfEndedBuilds(tmp);
      // a running build's folder, and folders not named by a build's process, stay
      expect(fs.readdirSync(tmp).sort()).toEqual([`digest-records-${process.pid}-d4e5f6`, 'digest-records-g7h8i9', 'other-folder']);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
