// A persistent cache of per-article records under node_modules/.cache/ (the convention Vite,
// Babel and ESLint follow). A record is reused when the file's path and content digest match and
// the extractor is the same: the cache folder's name carries a digest of every source file and
// word list the read/clean/extract stages use, so a rule change invalidates it as a whole.
//
// One small file per record (named by a hash of path and content digest) holding the part the
// site holds in memory (HeldRecord), the article's text and the part its page reads for its body,
// plus one index of the seed files' sizes and times (record-index.ts). A build reads every
// held part and only the bodies of the article pages it renders, so memory does not grow with the
// cache (one file of every record was 1.5 GB to read and write at 100,000), and a warm build
// deserialises a third of the bytes. The held parts are read
// from a copy of them all in one file (held-pack.ts), in the order builds ask for them.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { wordListsDigest } from '../data/settings-word-lists.ts';
import { extractPluginsDigest } from '../extract/extract-plugins.ts';
import crypto from 'node:crypto';
import v8 from 'node:v8';
import { threadId } from 'node:worker_threads';
import { heldFromBytes, holdRecord, storedHeld } from './held-record.ts';
import { decodeHeld, encodeHeld } from './held-bytes.ts';
import type { ArticleRecord, HeldRecord, KnownStories, RecordBody } from '../types.ts';
import { processRuns } from '../process-alive.ts';
import { HeldPack, type PackPlace } from './held-pack.ts';
import { decodeIndex, encodeIndex, type FileStat } from './record-index.ts';
import { GENERATOR_DIR, SOURCE_DIR, sourcePath } from '../generator.ts';
import { fnv1a } from '../fnv1a.ts';
import { cacheKeyOf, legacyCacheKeyOf } from '../cache-key.ts';

const SRC = SOURCE_DIR;
const PROJECT = GENERATOR_DIR;
/** What decides an article's record: these stages' code, the word lists, and the packages they use. */
// held-record.ts: the held part of a cache file is made there (with held-facts.ts, which packs
// its figures and dates, and held-bytes.ts, its bytes); an input that is not there is an error,
// not a digest without it
const EXTRACTOR_INPUTS = ['read', 'clean', 'extract', 'data', 'pipeline/process-article.ts', 'types.ts', 'store/held-record.ts', 'store/held-facts.ts', 'store/held-bytes.ts', 'store/shared-blocks.ts'];

let extractorVersionMemo: string | null = null;

export function extractorVersion(): string {
  if (extractorVersionMemo) return extractorVersionMemo;
  const hash = crypto.createHash('sha256');
  const files: string[] = [];
  for (const input of EXTRACTOR_INPUTS) collectFiles(sourcePath(input), files);
  for (const file of files.sort()) {
    if (file.endsWith('.test.ts')) continue;
    hash.update(path.relative(SRC, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  const lock = path.join(PROJECT, 'package-lock.json');
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  hash.update(wordListsDigest()).update(extractPluginsDigest());
  extractorVersionMemo = hash.digest('hex').slice(0, 16);
  return extractorVersionMemo;
}

function collectFiles(target: string, out: string[]): void {
  if (fs.statSync(target).isFile()) {
    out.push(target);
    return;
  }
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) collectFiles(path.join(target, entry.name), out);
}

export const DEFAULT_CACHE_DIR = path.join(PROJECT, 'node_modules/.cache/metals-news-digest');

export const cacheKey = (relPath: string, digest: string) => `${relPath}\0${digest}`;

/** Where the records of one seeds folder and one extractor version live: plain data, so a worker thread can read them too. */
export interface RecordFolder {
  dir: string;
}

/**
 * A record's file (recordBytes). One file a record, not one a part: creating files is most of what
 * writing costs here. 256 sub-folders keep any one folder small at 100,000 articles. Named by the
 * article's content digest and a hash of its path, not a digest of both (a SHA-256 a record was
 * 0.26 s of a rebuild at 100,000); a file is used only when its record names that path and digest.
 */
function recordFile(folder: RecordFolder, relPath: string, digest: string): string {
  return path.join(folder.dir, subfolderOf(digest), `${digest}-${fnv1a(relPath).toString(16).padStart(8, '0')}.bin`);
}

/** The sub-folder of a record's file: the first two hex digits of the article's digest. */
const subfolderOf = (digest: string) => digest.slice(0, 2);

/** The body section of a record written earlier by this or another build, or undefined when there is none (or it cannot be read). */
export function readRecordBody(folder: RecordFolder, relPath: string, digest: string): RecordBody | undefined {
  try {
    const bytes = readSection(recordFile(folder, relPath, digest), 'body');
    const body = bytes && (v8.deserialize(bytes) as RecordBody);
    return body?.source?.relPath === relPath && body.source.digest === digest ? body : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The bytes of the record file of this path and digest, when one is there whole (a build that was
 * stopped before its index was saved leaves records no index names; the next one takes them back).
 */
export function recordFileBytes(folder: RecordFolder, relPath: string, digest: string): Uint8Array | undefined {
  try {
    const bytes = fs.readFileSync(recordFile(folder, relPath, digest));
    const stored = decodeHeld(heldBytes(bytes));
    return stored.source?.relPath === relPath && stored.source.digest === digest ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The first read of a record's file: the header and, for most records, the whole held part (4-8
 * KiB an article). One buffer for every read of this thread: what is read is copied out of it
 * (v8.deserialize, JSON.parse, heldFromBytes), and a buffer of its own per record (above Node's
 * pooled size) was 2 of 10 s of reading 100,000 held parts.
 */
const FIRST_READ = 16 * 1024;
let scratch = Buffer.allocUnsafe(FIRST_READ);

/**
 * Reads one section of a record's file, not the whole file: one read of the file's start, and a
 * second only for a section that lies past it. The bytes are the scratch
 * buffer's, good until the next read.
 */
function readSection(file: string, section: Section): Buffer | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const got = fs.readSync(fd, scratch, 0, FIRST_READ, 0);
    if (got < HEADER_BYTES) return undefined;
    const { from, length, end } = sectionIn(scratch, section);
    // a damaged header must not ask for gigabytes: the sections lie within the file (a short
    // first read ended at the file's end)
    if (end > got && (got < FIRST_READ || end > fs.fstatSync(fd).size)) return undefined;
    if (from + length <= got) return scratch.subarray(from, from + length);
    if (length > scratch.length) scratch = Buffer.allocUnsafe(length);
    if (fs.readSync(fd, scratch, 0, length, from) < length) return undefined;
    return scratch.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}


/** The article's text alone, from its record's file: two small reads, no deserialising (records.json prints every article's). */
function textOfFile(file: string): string | undefined {
  try {
    return readSection(file, 'text')?.toString('utf8');
  } catch {
    return undefined;
  }
}

export class RecordCache {
  /** Records this process has seen, for a cache without a folder, or one that keeps them (the dev server rebuilds from them). */
  private previous = new Map<string, ArticleRecord>();
  private current = new Map<string, ArticleRecord>();
  /** Held parts read from their files, kept like `previous` and `current` when records are kept in memory. */
  private previousHeld = new Map<string, HeldRecord>();
  private currentHeld = new Map<string, HeldRecord>();
  /** Keys of the records this build used: the others are deleted when it saves. */
  private used = new Set<string>();
  private stats = new Map<string, FileStat>();
  private nextStats = new Map<string, FileStat>();
  /** What the index on disk names (seed path → size, time, digest): a save removes the records of it this build did not use. */
  private indexed = new Map<string, FileStat>();
  /** Whether the next save walks the whole folder for files no index names (no index yet, or a build left the unswept mark). */
  private sweep = true;
  /** The held parts in one file (held-pack.ts); none for a scratch folder or a cache in memory. */
  private pack: HeldPack | null = null;
  /** Where this build's records' held parts lie in the pack, and their files' sizes (by cacheKey). */
  private packPlaces = new Map<string, [PackPlace, number]>();
  hits = 0;
  /** A folder of this build's own, removed by dispose(): nothing in it is kept for the next build. */
  private scratch = false;
  /** Whether this build made a record or saw a file's size or time change: else the index on disk is still right. */
  private changed = false;
  /** The record folders nothing has touched since the last save (intactFolders), once looked at. */
  private intact: Set<string> | null = null;
  /** The index's and the pack's files as they were just before open() read them (filesStamp). */
  private openedFrom = '';
  /** Whether the records' folder was missing or empty when opened (a first build's): then no record file is there that the index does not name. */
  private heldNoRecords = false;

  private constructor(
    /** The records' folder, or null for a cache that lives only in memory (--no-cache, tests). */
    readonly folder: RecordFolder | null,
    /** Keep records in memory across builds (the dev server) instead of reading each from its file. */
    private readonly keepInMemory: boolean,
  ) {}

  private get packFile(): string {
    return path.join(this.folder!.dir, 'held.pack');
  }

  private get indexFile(): string {
    return path.join(this.folder!.dir, 'index.bin');
  }

  /** The folder of the records of one seeds folder, made by this extractor, in the cache folder `dir`. */
  static folderOf(seedsDir: string, dir: string): RecordFolder {
    return { dir: path.join(dir, recordsFolderName(cacheKeyOf(seedsDir, dir))) };
  }

  /**
   * Opens the cache of this seeds folder for the current extractor; `enabled: false` gives one
   * that lives in memory only. `keepInMemory` is for a long-running process that rebuilds often.
   */
  static async open(seedsDir: string, options: { enabled: boolean; dir?: string; keepInMemory?: boolean; scratch?: boolean }): Promise<RecordCache> {
    if (!options.enabled && options.scratch) {
      // --no-cache: nothing is reused or kept, but records still wait on disk for their pages
      // instead of in memory (at 100,000 articles they would not fit)
      await removeScratchOfEndedBuilds(os.tmpdir());
      const cache = new RecordCache({ dir: await fsp.mkdtemp(path.join(os.tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`)) }, false);
      cache.scratch = true;
      cache.heldNoRecords = true;
      return cache;
    }
    if (!options.enabled) return new RecordCache(null, true);
    const dir = options.dir ?? DEFAULT_CACHE_DIR;
    const cache = new RecordCache(RecordCache.folderOf(seedsDir, dir), options.keepInMemory ?? false);
    await takeOverLegacyFolder(path.join(dir, recordsFolderName(legacyCacheKeyOf(seedsDir))), cache.folder!.dir);
    // taken before the files are read: a write after it makes unchangedSinceOpen false
    cache.openedFrom = cache.filesStamp();
    cache.heldNoRecords = isEmptyFolder(cache.folder!.dir);
    cache.pack = new HeldPack(cache.packFile);
    try {
      cache.stats = decodeIndex(await fsp.readFile(cache.indexFile));
      // the same map: `stats` is replaced as builds go on, never changed in place
      cache.indexed = cache.stats;
      cache.sweep = fs.existsSync(cache.unsweptFile);
    } catch {
      // no cache yet, or one from an older format: start empty
    }
    return cache;
  }

  /**
   * Whether the index and the pack on disk are the ones open() read: a cache opened before its
   * build took the output folder's lock (build-thread.ts) is used only then, since another build may
   * have saved its own since (a compacted pack moves every part).
   */
  unchangedSinceOpen(): boolean {
    return !this.folder || this.scratch || this.filesStamp() === this.openedFrom;
  }

  /** The index's and the pack's inode, size and time: a save writes the index anew (a new inode), an append grows the pack. */
  private filesStamp(): string {
    return [this.indexFile, this.packFile]
      .map((file) => {
        const stat = fs.statSync(file, { throwIfNoEntry: false });
        return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : '-';
      })
      .join(' ');
  }

  /**
   * The record of a file whose size and modification time are what they were when it was read:
   * no need to read and hash it again (the rule make and Vite follow).
   */
  getByStat(relPath: string, size: number, mtimeMs: number): HeldRecord | undefined {
    const seen = this.stats.get(relPath);
    if (!seen || seen.size !== size || seen.mtimeMs !== mtimeMs) return undefined;
    return this.get(relPath, seen.digest);
  }

  /** The digest of a file whose size and modification time are what they were when it was read. */
  digestByStat(relPath: string, size: number, mtimeMs: number): string | undefined {
    const seen = this.stats.get(relPath);
    return seen && seen.size === size && seen.mtimeMs === mtimeMs ? seen.digest : undefined;
  }

  /**
   * The record of a file the caller knows has not changed since the last build (the dev server's
   * watcher saw no event for it): no stat, no read of the article.
   */
  getUnchanged(relPath: string): HeldRecord | undefined {
    const seen = this.stats.get(relPath);
    if (!seen) return undefined;
    this.nextStats.set(relPath, seen);
    return this.get(relPath, seen.digest);
  }

  /**
   * Where a record of a file the index does not name may be found (ArticleTask.records): null when
   * the folder held no records when opened. A first build then does not look for every file's
   * record in vain (4,000 articles: 0.3 s of its extraction threads' CPU, each miss an error made).
   */
  folderOfUnindexed(): RecordFolder | null {
    return this.heldNoRecords ? null : this.folder;
  }

  /** Whether the last build saw this file (its record is likely here). */
  knows(relPath: string): boolean {
    return this.stats.has(relPath);
  }

  /**
   * The digest of a file whose contents git says are the blob `blob` (git-blobs.ts), when its record
   * was made from that blob: a checkout that gave the file a new time changed nothing in it.
   */
  digestByBlob(relPath: string, blob: string | undefined): string | undefined {
    const seen = this.stats.get(relPath);
    return blob !== undefined && seen?.blob === blob ? seen.digest : undefined;
  }

  /** Notes the size and time of a file whose digest (and git blob, when read) is known, for getByStat and digestByBlob next time. */
  noteStat(relPath: string, size: number, mtimeMs: number, digest: string, blob?: string): void {
    const seen = this.stats.get(relPath);
    if (!seen || seen.size !== size || seen.mtimeMs !== mtimeMs || seen.digest !== digest) this.changed = true;
    // the same digest is the same bytes: their blob is the one noted before
    const knownBlob = blob ?? (seen?.digest === digest ? seen.blob : undefined);
    if (knownBlob !== seen?.blob) this.changed = true;
    this.nextStats.set(relPath, knownBlob === undefined ? { size, mtimeMs, digest } : { size, mtimeMs, digest, blob: knownBlob });
  }

  /** What the site holds of the record of this file and digest (with the whole record attached when there is no folder to read it back from). */
  get(relPath: string, digest: string): HeldRecord | undefined {
    const key = cacheKey(relPath, digest);
    const inMemory = this.previous.get(key) ?? this.current.get(key);
    if (inMemory && this.keepInMemory) this.current.set(key, inMemory);
    const heldBefore = inMemory ? undefined : (this.previousHeld.get(key) ?? this.currentHeld.get(key));
    const fromDisk = !inMemory && !heldBefore && this.folder ? this.heldFromDisk(relPath, digest) : undefined;
    const held = inMemory ? holdRecord(inMemory, !this.folder) : (heldBefore ?? fromDisk);
    if (held) {
      this.hits++;
      this.used.add(key);
      // a part held in memory keeps its place in the pack
      const seen = this.stats.get(relPath);
      if (seen?.packed && seen.recordBytes && seen.digest === digest && !this.packPlaces.has(key)) this.packPlaces.set(key, [seen.packed, seen.recordBytes]);
      // the dev server's next rebuild takes it from here, not from its file again
      if (!inMemory && this.keepInMemory) this.currentHeld.set(key, held);
    }
    return held;
  }

  /** A held part from the pack, else from its record's file (and then added to the pack). */
  private heldFromDisk(relPath: string, digest: string): HeldRecord | undefined {
    const key = cacheKey(relPath, digest);
    const seen = this.stats.get(relPath);
    const place = seen?.digest === digest ? seen.packed : undefined;
    // the page and records.json read the rest from the file: one that is gone or cut short is made again
    if (place && this.pack && (this.intactFolders().has(subfolderOf(digest)) || fs.statSync(recordFile(this.folder!, relPath, digest), { throwIfNoEntry: false })?.size === seen!.recordBytes)) {
      const held = heldNamed(this.pack.read(place), relPath, digest);
      if (held) {
        this.packPlaces.set(key, [place, seen!.recordBytes!]);
        return held;
      }
    }
    const file = recordFile(this.folder!, relPath, digest);
    let bytes: Buffer | undefined;
    let fileBytes: number;
    try {
      bytes = readSection(file, 'held');
      fileBytes = fs.statSync(file).size;
    } catch {
      return undefined;
    }
    const held = heldNamed(bytes, relPath, digest);
    if (held && this.pack) {
      this.packPlaces.set(key, [this.pack.append(bytes!), fileBytes]);
      // the index is to say where it went
      this.changed = true;
    }
    return held;
  }

  /**
   * The record folders (of 256) in which no file was added, removed or renamed since the last save
   * stamped them: each of those changes a folder's time, so their records' files are there as the
   * index says, without a stat each (100,000 stats were 1.1 s of a one-added rebuild; git trusts
   * its index the same way). A folder whose time was within STAMP_MARGIN_MS of the stamp may have
   * changed again within the file system's time step, and is not trusted. A file cut short in
   * place is not seen: records are written beside and renamed, never written into.
   */
  private intactFolders(): Set<string> {
    if (this.intact) return this.intact;
    this.intact = new Set();
    try {
      const stampedAt = fs.statSync(this.stampsFile).mtimeMs;
      const stamps = JSON.parse(fs.readFileSync(this.stampsFile, 'utf8')) as Record<string, number>;
      for (const [name, mtimeMs] of Object.entries(stamps)) {
        if (mtimeMs < stampedAt - STAMP_MARGIN_MS && fs.statSync(path.join(this.folder!.dir, name), { throwIfNoEntry: false })?.mtimeMs === mtimeMs) this.intact.add(name);
      }
    } catch {
      // no stamps yet, or unreadable: every record's file is looked at
    }
    return this.intact;
  }

  /** Stamps each record folder with its time, once this build's records are written and removed (intactFolders). */
  private stampFolders(): void {
    const dir = this.folder!.dir;
    const stamps: Record<string, number> = {};
    // synchronous: as 256 trips through Node's thread pool, 20-40 ms beside the search stage
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) stamps[entry.name] = fs.statSync(path.join(dir, entry.name)).mtimeMs;
    }
    const tmp = `${this.stampsFile}.${process.pid}-${threadId}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(stamps));
    fs.renameSync(tmp, this.stampsFile);
  }

  private get stampsFile(): string {
    return path.join(this.folder!.dir, 'folders.json');
  }

  /** The body of an article this build has seen (its page needs what the build does not keep in memory). */
  body(relPath: string, digest: string): RecordBody | undefined {
    const key = cacheKey(relPath, digest);
    const unwritten = this.unwritten.get(key);
    if (unwritten) return partOf<RecordBody>(unwritten, 'body');
    return this.current.get(key) ?? this.previous.get(key) ?? (this.folder ? readRecordBody(this.folder, relPath, digest) : undefined);
  }

  /** The cleaned text of an article this build has seen (records.json prints it; the site does not hold it). */
  text(relPath: string, digest: string): string | undefined {
    const key = cacheKey(relPath, digest);
    const inMemory = this.current.get(key) ?? this.previous.get(key);
    if (inMemory) return inMemory.doc.text;
    const unwritten = this.unwritten.get(key);
    if (unwritten) return partOf<string>(unwritten, 'text');
    return this.folder ? textOfFile(recordFile(this.folder, relPath, digest)) : undefined;
  }

  /** `inFolder`: the record's file is there already (see ArticleTask.records); it is not written again. */
  set(record: ArticleRecord, inFolder = false): void {
    this.changed = true;
    const key = cacheKey(record.source.relPath, record.source.digest);
    this.used.add(key);
    if (this.keepInMemory) this.current.set(key, record);
    if (this.folder) this.write(record.source, recordBytes(record), inFolder);
  }

  /**
   * A record as the bytes of its file (recordBytes, from a worker thread): written as they are,
   * and only the held part is read back. The bytes do not hold the whole record: a cache without
   * a folder is handed records, not bytes (collect.ts).
   */
  setBytes(bytes: Uint8Array, inFolder = false): HeldRecord {
    if (!this.folder) throw new Error('a record cache without a folder takes records, not the bytes of their files');
    const held = heldFromBytes(heldBytes(bytes));
    const key = cacheKey(held.source.relPath, held.source.digest);
    this.changed = true;
    this.used.add(key);
    // the dev server's next rebuild takes it from here, not from its file
    if (this.keepInMemory) this.currentHeld.set(key, held);
    this.write(held.source, bytes, inFolder);
    return held;
  }

  /**
   * Records are written one after another, off this thread: two threads creating files at once
   * took five times as long per file on this file system (0.45 ms against 0.08), and a write that
   * blocked this thread kept the extraction workers waiting for their next file.
   */
  private write(source: { relPath: string; digest: string }, bytes: Uint8Array, inFolder = false): void {
    const key = cacheKey(source.relPath, source.digest);
    const file = recordFile(this.folder!, source.relPath, source.digest);
    if (this.pack) this.packPlaces.set(key, [this.pack.append(heldBytes(bytes)), bytes.length]);
    if (inFolder) return;
    this.unwritten.set(key, bytes);
    if (!this.marked) {
      // until the index that names it is saved, a record's file may be one no index names
      this.marked = true;
      const marker = this.unsweptFile;
      this.writing = this.writing.then(() => fsp.mkdir(path.dirname(marker), { recursive: true })).then(() => fsp.writeFile(marker, ''));
    }
    this.writing = this.writing.then(() => writeAtomically(file, bytes)).finally(() => {
      if (this.unwritten.get(key) === bytes) this.unwritten.delete(key);
    });
  }

  /** Whether this build has left the unswept mark (see save). */
  private marked = false;

  /** The records' writes, in order; a failed write fails the build when it saves. */
  private writing: Promise<void> = Promise.resolve();
  /** Records whose file is not written yet: a page may ask for one first. */
  private readonly unwritten = new Map<string, Uint8Array>();

  /** Waits until every record of this build is in its file (another thread may read them there). */
  async flush(): Promise<void> {
    await this.writing;
  }

  /**
   * The stories the last link of these records found (link/stories.ts): a link that only adds
   * articles to them compares just the new ones. Null when there are none, or they were found by
   * other rules (the file is kept with a digest of stories.ts).
   */
  knownStories(): KnownStories | null {
    if (!this.folder || this.scratch) return null;
    try {
      const kept = v8.deserialize(fs.readFileSync(this.storiesFile)) as { rules: string; known: KnownStories };
      const { known } = kept;
      return kept.rules === storyRules() && Array.isArray(known?.paths) && Array.isArray(known.digests) && known.digests.length === known.paths.length && Array.isArray(known.copies) && known.copies.every(Array.isArray) ? known : null;
    } catch {
      return null;
    }
  }

  /** Keeps this link's stories for the next build's (see knownStories). */
  keepStories(known: KnownStories): void {
    if (!this.folder || this.scratch) return;
    const bytes = v8.serialize({ rules: storyRules(), known });
    this.writing = this.writing.then(() => writeAtomically(this.storiesFile, bytes));
  }

  private get storiesFile(): string {
    return path.join(this.folder!.dir, 'stories.bin');
  }

  /** Removes a scratch folder (see open): call once the build's pages are written. */
  async dispose(): Promise<void> {
    await this.writing.catch(() => undefined);
    this.pack?.close();
    if (this.scratch && this.folder) await fsp.rm(this.folder.dir, { recursive: true, force: true });
  }

  /** Starts another build with the same cache (the dev server): this build's records become the ones to reuse. */
  rollover(): void {
    this.previous = this.current;
    this.current = new Map();
    this.previousHeld = this.currentHeld;
    this.currentHeld = new Map();
    this.used = new Set();
    this.packPlaces = new Map();
    this.stats = this.nextStats;
    this.nextStats = new Map();
    this.hits = 0;
    this.changed = false;
    this.intact = null;
  }

  /** Writes the index of this build (deleted articles drop out) and removes records no file has any more. */
  async save(): Promise<void> {
    await this.writing;
    if (!this.folder || this.scratch) return;
    // nothing new, nothing gone, nothing left to sweep: rewriting the index would change nothing
    if (!this.changed && !this.sweep && this.nextStats.size === this.stats.size && fs.existsSync(this.indexFile)) {
      // folders stamped too soon after they changed are stamped again, to be trusted next time
      if (this.intactFolders().size < fs.readdirSync(this.folder.dir, { withFileTypes: true }).filter((e) => e.isDirectory()).length) this.stampFolders();
      return;
    }
    // taken now: the dev server's next build may start (rollover) while this one is being written
    const { nextStats, used, packPlaces, indexed, sweep, marked } = this;
    // in the order builds read the files: a cold build notes them as its threads finish them, and
    // the next build found the pack out of that order and wrote it again (2 s of one change to 100,000)
    const stats = await this.packedStats(inReadingOrder(nextStats), packPlaces);
    const index = encodeIndex(stats);
    await fsp.mkdir(this.folder.dir, { recursive: true });
    await removeOtherVersions(this.folder.dir);
    await writeAtomically(this.indexFile, index);
    if (sweep) {
      const keep = new Set<string>();
      for (const key of used) {
        const [relPath, digest] = key.split('\0') as [string, string];
        keep.add(path.basename(recordFile(this.folder, relPath, digest)));
      }
      await removeRecordsNotIn(this.folder.dir, keep);
    } else {
      // the records the last index named and this build did not use: no walk of the folder (100,000 files)
      for (const [relPath, seen] of indexed) if (!used.has(cacheKey(relPath, seen.digest))) await fsp.rm(recordFile(this.folder, relPath, seen.digest), { force: true });
    }
    this.stampFolders();
    this.indexed = new Map(stats);
    this.sweep = false;
    // a build started since keeps its own mark
    if (this.nextStats !== nextStats) return;
    if (marked || sweep) await fsp.rm(this.unsweptFile, { force: true });
    this.marked = false;
  }

  /**
   * The index's entries (`nextStats`, each made anew), each with where its held part lies in the
   * pack. The pack is written again when most of it is parts of records gone, or its parts are out
   * of the order builds read them in (a cold build's threads finish articles out of order): one
   * pass over it, in that order, then. The dev server's next build starts from these entries.
   */
  private async packedStats(nextStats: Map<string, FileStat>, packPlaces: Map<string, [PackPlace, number]>): Promise<Map<string, FileStat>> {
    // without the places the last index gave them; set in place, not listed again (100,000 entries)
    for (const [relPath, seen] of nextStats) nextStats.set(relPath, seen.blob === undefined ? { size: seen.size, mtimeMs: seen.mtimeMs, digest: seen.digest } : { size: seen.size, mtimeMs: seen.mtimeMs, digest: seen.digest, blob: seen.blob });
    if (!this.pack || !(await this.pack.flush())) return nextStats;
    const known: ([PackPlace, number] | undefined)[] = [];
    for (const [relPath, seen] of nextStats) known.push(packPlaces.get(cacheKey(relPath, seen.digest)));
    const placed = known.map((k) => k?.[0]);
    let live = 0;
    let outOfOrder = 0;
    let last = -1;
    for (const place of placed) {
      if (!place) continue;
      live += place[1];
      if (place[0] < last) outOfOrder++;
      last = place[0];
    }
    let places = placed;
    if (this.pack.size > 2 * live + PACK_SLACK || outOfOrder > placed.length / 100) {
      try {
        const kept = placed.filter((p): p is PackPlace => !!p);
        const moved = await this.pack.compact(kept);
        let at = 0;
        places = placed.map((p) => (p ? moved[at++] : undefined));
      } catch {
        // a pack that cannot be written again is not used: the record files hold every part
        return nextStats;
      }
    }
    let i = 0;
    for (const entry of nextStats.values()) {
      if (places[i]) {
        entry.packed = places[i];
        entry.recordBytes = known[i]![1];
      }
      i++;
    }
    return nextStats;
  }

  /**
   * Left while a build writes records and removed once its index is saved: a build that did not
   * get that far (killed, failed) may have left files no index names, so the next one sweeps the
   * whole folder. Else only the records the last index named are looked at.
   */
  private get unsweptFile(): string {
    return path.join(this.folder!.dir, 'unswept');
  }
}

/**
 * A record's cache file: a header (the lengths of the held part, the text and the body, 4 bytes
 * each), the held part without its text, the text as UTF-8, then the body (RecordBody). The text is
 * apart so that records.json can read it alone, the body so that an article's page reads what it
 * needs. The whole record is not kept: no build reads it back, and it was 58% of a file's bytes
 * (14.8 of 25.4 KB an article of the bench) and of the record's time serialising it.
 */
const HEADER_BYTES = 12;

type Section = 'held' | 'text' | 'body';
const SECTIONS: Section[] = ['held', 'text', 'body'];

/** Where a section lies in a record's bytes (`end`: where the last section ends, the file's end). */
function sectionIn(bytes: Buffer, section: Section): { from: number; length: number; end: number } {
  let from = HEADER_BYTES;
  let found = { from, length: 0 };
  for (let i = 0; i < SECTIONS.length; i++) {
    const length = bytes.readUInt32LE(4 * i);
    if (SECTIONS[i] === section) found = { from, length };
    from += length;
  }
  return { ...found, end: from };
}

/**
 * How long before its stamp a folder's time must be for the folder to be trusted (intactFolders):
 * file systems keep times in steps, of a few milliseconds on Linux, two seconds on FAT.
 */
const STAMP_MARGIN_MS = 2_500;

/**
 * `stats` in the order the seeds folder's walk gives the files (discover.ts: by name at each level),
 * which is the order a build asks the cache for them. Left as they are when nearly so (a rebuild
 * notes its few changed files last): the pack is written again only past 1% out of order.
 */
function inReadingOrder(stats: Map<string, FileStat>): Map<string, FileStat> {
  let last: string | undefined;
  let outOfOrder = 0;
  for (const relPath of stats.keys()) {
    if (last !== undefined && byWalkOrder(last, relPath) > 0) outOfOrder++;
    last = relPath;
  }
  return outOfOrder > stats.size / 100 ? new Map([...stats].sort(([a], [b]) => byWalkOrder(a, b))) : stats;
}

/** Two relative paths in the order a walk that sorts each folder's entries by name meets them. */
function byWalkOrder(a: string, b: string): number {
  if (!a.includes('/') && !b.includes('/')) return a < b ? -1 : a > b ? 1 : 0;
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

/** Bytes of parts of records gone a pack may hold beyond its live parts before it is written again. */
const PACK_SLACK = 1 << 20;

/** The held record in `bytes` when it is the record of this path and digest (a pack's bytes may be another's). */
function heldNamed(bytes: Uint8Array | undefined, relPath: string, digest: string): HeldRecord | undefined {
  if (!bytes) return undefined;
  try {
    const stored = heldFromBytes(bytes);
    return stored?.source?.relPath === relPath && stored.source.digest === digest ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** Part of the records folder's name: a file of another layout is never read as this one. */
const FILE_LAYOUT = 8;

export function recordBytes(record: ArticleRecord): Uint8Array {
  const { source, doc, extraction } = record;
  // the text again, so that one read gives a page all its body needs
  const body: RecordBody = {
    source,
    doc: { segments: doc.segments, text: doc.text },
    extraction: { companies: extraction.companies, people: extraction.people, metals: extraction.metals },
  };
  const sections = [encodeHeld(storedHeld(record)), Buffer.from(doc.text, 'utf8'), v8.serialize(body)];
  const header = Buffer.alloc(HEADER_BYTES);
  sections.forEach((bytes, i) => header.writeUInt32LE(bytes.length, 4 * i));
  return Buffer.concat([header, ...sections]);
}

/** The held part's bytes of a record's bytes. */
function heldBytes(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes.subarray(HEADER_BYTES, HEADER_BYTES + view.getUint32(0, true));
}

function partOf<T>(bytes: Uint8Array, part: Section): T {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { from, length } = sectionIn(buffer, part);
  if (part === 'text') return buffer.toString('utf8', from, from + length) as T;
  return v8.deserialize(buffer.subarray(from, from + length)) as T;
}

let storyRulesMemo: string | null = null;

/** A digest of the rules that find stories: stories kept by other rules are found again. */
function storyRules(): string {
  storyRulesMemo ??= crypto.createHash('sha256').update(fs.readFileSync(sourcePath('link/stories.ts'))).digest('hex').slice(0, 16);
  return storyRulesMemo;
}

let temporaryFiles = 0;

/** Written beside, then renamed: a reader never sees half a file. */
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  // unique without asking for random bytes (0.18 s of a 4,000-article build's profile)
  const tmp = `${file}.${process.pid}-${threadId}-${++temporaryFiles}.tmp`;
  try {
    await fsp.writeFile(tmp, bytes);
  } catch (error) {
    // the folder is made the first time it is missing, not before every record
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(tmp, bytes);
  }
  await fsp.rename(tmp, file);
}

function isEmptyFolder(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch {
    return true;
  }
}

/** A --no-cache build's folder of records: the prefix, then the build's process id. */
const SCRATCH_PREFIX = 'digest-records-';
const SCRATCH_NAME = new RegExp(`^${SCRATCH_PREFIX}(\\d+)-`);

/**
 * Removes the scratch folders of builds whose process has ended without removing its own (killed,
 * or out of memory). A folder whose process still runs is another build's, and is left alone.
 */
export async function removeScratchOfEndedBuilds(tmpDir: string): Promise<void> {
  for (const name of await fsp.readdir(tmpDir).catch(() => [] as string[])) {
    const pid = SCRATCH_NAME.exec(name)?.[1];
    if (pid && !processRuns(Number(pid))) await fsp.rm(path.join(tmpDir, name), { recursive: true, force: true });
  }
}

/** The records' folder of a seeds folder's key: `records-<key>-<extractor version>-<file layout>`. */
const recordsFolderName = (seedsKey: string) => `records-${seedsKey}-${extractorVersion()}-${FILE_LAYOUT}`;

/**
 * Renames the records' folder a seeds folder had under its key before 2026-12-07 (cache-key.ts) to
 * the one it has now, unless that is there already: its records are this extractor's, and are
 * kept instead of made again.
 */
async function takeOverLegacyFolder(legacy: string, dir: string): Promise<void> {
  if (legacy === dir || fs.existsSync(dir) || !fs.existsSync(legacy)) return;
  // another thread of the build may have renamed it first
  await fsp.rename(legacy, dir).catch(() => undefined);
}

/** Caches of other extractor versions (or file layouts) for this seeds folder are dead weight. */
async function removeOtherVersions(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  // records-<seeds folder's key>-…
  const prefix = /^records-[0-9a-f]+-/.exec(path.basename(dir))?.[0];
  if (!prefix) return;
  for (const name of await fsp.readdir(parent)) {
    if (name.startsWith(prefix) && name !== path.basename(dir)) await fsp.rm(path.join(parent, name), { recursive: true, force: true });
  }
}

/** Deletes the record files of articles that are gone or changed (and any temporary file a killed build left). */
async function removeRecordsNotIn(dir: string, keep: Set<string>): Promise<void> {
  for (const shard of await fsp.readdir(dir, { withFileTypes: true })) {
    // a pack being written again by a build that was killed
    if (shard.isFile() && shard.name.endsWith('.tmp') && Date.now() - ((await fsp.stat(path.join(dir, shard.name)).catch(() => null))?.mtimeMs ?? 0) > 3_600_000) await fsp.rm(path.join(dir, shard.name), { force: true });
    if (!shard.isDirectory()) continue;
    const shardDir = path.join(dir, shard.name);
    for (const name of await fsp.readdir(shardDir)) {
      if (keep.has(name)) continue;
      // another process may be writing this one; an hour-old one was left by a killed build
      if (name.endsWith('.tmp') && Date.now() - (await fsp.stat(path.join(shardDir, name)).catch(() => null))!?.mtimeMs < 3_600_000) continue;
      await fsp.rm(path.join(shardDir, name), { force: true });
    }
  }
}
