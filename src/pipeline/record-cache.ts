// A persistent cache of per-article records under node_modules/.cache/ (the convention Vite,
// Babel and ESLint follow). A record is reused when the file's path and content digest match and
// the extractor is the same: the cache file's name carries a digest of every source file and
// word list the read/clean/extract stages use, so a rule change invalidates it as a whole.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import type { ArticleRecord } from '../types.ts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT = path.dirname(SRC);
/** What decides an article's record: these stages' code, the word lists, and the packages they use. */
const EXTRACTOR_INPUTS = ['read', 'clean', 'extract', 'data', 'pipeline/process-article.ts', 'types.ts'];

let extractorVersionMemo: string | null = null;

export function extractorVersion(): string {
  if (extractorVersionMemo) return extractorVersionMemo;
  const hash = crypto.createHash('sha256');
  const files: string[] = [];
  for (const input of EXTRACTOR_INPUTS) collectFiles(path.join(SRC, input), files);
  for (const file of files.sort()) {
    if (file.endsWith('.test.ts')) continue;
    hash.update(path.relative(SRC, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  const lock = path.join(PROJECT, 'package-lock.json');
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  extractorVersionMemo = hash.digest('hex').slice(0, 16);
  return extractorVersionMemo;
}

function collectFiles(target: string, out: string[]): void {
  if (!fs.existsSync(target)) return;
  if (fs.statSync(target).isFile()) {
    out.push(target);
    return;
  }
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) collectFiles(path.join(target, entry.name), out);
}

export const DEFAULT_CACHE_DIR = path.join(PROJECT, 'node_modules/.cache/metals-news-digest');

interface FileStat {
  size: number;
  mtimeMs: number;
  digest: string;
}

export const cacheKey = (relPath: string, digest: string) => `${relPath}\0${digest}`;

export class RecordCache {
  private previous = new Map<string, ArticleRecord>();
  private current = new Map<string, ArticleRecord>();
  private stats = new Map<string, FileStat>();
  private nextStats = new Map<string, FileStat>();
  hits = 0;
  /** Whether this build made a record or saw a file's size or time change: else the file on disk is still right. */
  private changed = false;

  private constructor(
    private readonly file: string | null,
  ) {}

  /** Loads the cache of this seeds folder for the current extractor; `enabled: false` gives an empty one that never writes. */
  static async open(seedsDir: string, options: { enabled: boolean; dir?: string }): Promise<RecordCache> {
    if (!options.enabled) return new RecordCache(null);
    const dir = options.dir ?? DEFAULT_CACHE_DIR;
    const seedsKey = crypto.createHash('sha256').update(path.resolve(seedsDir)).digest('hex').slice(0, 12);
    const cache = new RecordCache(path.join(dir, `records-${seedsKey}-${extractorVersion()}.bin`));
    try {
      const saved = v8.deserialize(await fsp.readFile(cache.file!)) as { records: [string, ArticleRecord][]; stats: [string, FileStat][] };
      cache.previous = new Map(saved.records);
      cache.stats = new Map(saved.stats);
    } catch {
      // no cache yet, or one from an older format: start empty
    }
    return cache;
  }

  /**
   * The record of a file whose size and modification time are what they were when it was read:
   * no need to read and hash it again (the rule make and Vite follow).
   */
  getByStat(relPath: string, size: number, mtimeMs: number): ArticleRecord | undefined {
    const seen = this.stats.get(relPath);
    if (!seen || seen.size !== size || seen.mtimeMs !== mtimeMs) return undefined;
    return this.get(relPath, seen.digest);
  }

  /**
   * The record of a file the caller knows has not changed since the last build (the dev server's
   * watcher saw no event for it): no stat, no read.
   */
  getUnchanged(relPath: string): ArticleRecord | undefined {
    const seen = this.stats.get(relPath);
    if (!seen) return undefined;
    this.nextStats.set(relPath, seen);
    return this.get(relPath, seen.digest);
  }

  /** Notes the size and time of a file whose digest is known, for getByStat next time. */
  noteStat(relPath: string, size: number, mtimeMs: number, digest: string): void {
    const seen = this.stats.get(relPath);
    if (!seen || seen.size !== size || seen.mtimeMs !== mtimeMs || seen.digest !== digest) this.changed = true;
    this.nextStats.set(relPath, { size, mtimeMs, digest });
  }

  get(relPath: string, digest: string): ArticleRecord | undefined {
    const key = cacheKey(relPath, digest);
    const record = this.previous.get(key);
    if (record) {
      this.hits++;
      this.current.set(key, record);
    }
    return record;
  }

  set(record: ArticleRecord): void {
    this.changed = true;
    this.current.set(cacheKey(record.source.relPath, record.source.digest), record);
  }

  /** Starts another build with the same cache (the dev server): this build's records become the ones to reuse. */
  rollover(): void {
    this.previous = this.current;
    this.current = new Map();
    this.stats = this.nextStats;
    this.nextStats = new Map();
    this.hits = 0;
    this.changed = false;
  }

  /** Writes the records of this build (deleted articles drop out), replacing the file atomically. */
  async save(): Promise<void> {
    if (!this.file) return;
    // nothing new and nothing gone: rewriting tens of megabytes would change nothing
    if (!this.changed && this.current.size === this.previous.size && this.nextStats.size === this.stats.size && fs.existsSync(this.file)) return;
    // taken now: the dev server's next build may start while this one is being written
    const saved = v8.serialize({ records: [...this.current], stats: [...this.nextStats] });
    await fsp.mkdir(path.dirname(this.file), { recursive: true });
    // caches of other extractor versions for this seeds folder are dead weight
    const prefix = path.basename(this.file).replace(/-[0-9a-f]+\.bin$/, '-');
    for (const name of await fsp.readdir(path.dirname(this.file))) {
      if (name.startsWith(prefix) && name !== path.basename(this.file)) await fsp.rm(path.join(path.dirname(this.file), name), { force: true });
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fsp.writeFile(tmp, saved);
    await fsp.rename(tmp, this.file);
  }
}
