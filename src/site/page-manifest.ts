// The input key of every page the last build wrote to an output folder, kept in the cache (not in
// the deployed folder). With it, the next build links unchanged pages instead of rendering them.
// The linked site's snapshot, which says what a change can reach, is a file of its own beside it.
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { threadId } from 'node:worker_threads';
import { DEFAULT_CACHE_DIR } from '../store/record-cache.ts';
import { cacheKeyOf, legacyCacheKeyOf } from '../cache-key.ts';
import type { SearchState } from './search-shards.ts';
import type { SpareState } from './output-folder.ts';
import type { SiteSnapshot } from '../link/page-dependencies.ts';
import type { RecordsPlaces } from '../link/records.ts';
import type { KeptTimeline } from '../render/collections.ts';
import type { KeptEntityCuts } from '../render/render-site.ts';
import type { BuildMessage } from '../types.ts';

/** What the last build said: its messages and the counts of its summary line, said again when nothing changed. */
export interface BuildReport {
  messages: BuildMessage[];
  summary: { articles: number; cached: number; skipped: number; warned: number; pages: number; rendered: number };
  /**
   * Whether notes (info, shown with --verbose) were left out of `messages`: a build writes only
   * what a build without --verbose shows (at 100,000 articles the notes were 27 MB a rebuild wrote
   * again); a build with --verbose then reads the records again to say them. Absent in a report
   * written before 2026-12-07, which holds them all.
   */
  notesLeftOut?: boolean;
}

/** What the last build into an output folder left: the digest of all its inputs, and each page's key. */
export interface LastBuild {
  /** Digest of everything the site was made from (see siteInputs), or null when unknown. */
  inputs: string | null;
  keys: Map<string, string>;
  /** What its search index holds: which pages' entries are out of date, which shards to index again (read only when asked for). */
  search: SearchState | null;
  /** The linked site those pages were made from, and the render version and code their keys were made with: what an article change can reach is worked out against them. */
  snapshot: SiteSnapshot | null;
  keysMadeWith: string | null;
  report: BuildReport | null;
  /** Where each article's JSON lies in the records.json of that build, and its size. */
  records: { places: RecordsPlaces; bytes: number } | null;
  /** Each article page's related articles (relatedIdsOf) by the article's id, where they are known. */
  related: Map<string, string> | null;
  /** Each older list page's shape (SiteRenderer.listShape) by its path. */
  shapes: Map<string, string> | null;
  /** The timeline's points (SiteRenderer.keptTimeline). */
  timeline: KeptTimeline | null;
  /** The cuts of the entities' lists (SiteRenderer.keptEntityCuts). */
  entityCuts: KeptEntityCuts | null;
  /** The spare that build left (the site before it), as the next build will find it. */
  spare: SpareState | null;
  /** That build's files that are not pages. */
  others: string[] | null;
}

export class PageManifest {
  private readonly file: string | null;
  /**
   * The file and the files beside as they were named before 2026-12-07 (cache-key.ts). The file is
   * renamed when first read (it describes the spare, which is then not walked), and the files
   * beside, which it names, are read as they are and removed at the next save.
   */
  private readonly legacyPrefix: string | null;

  constructor(outDir: string, enabled: boolean, cacheDir = DEFAULT_CACHE_DIR) {
    const key = cacheKeyOf(outDir, cacheDir);
    const legacyKey = legacyCacheKeyOf(outDir);
    this.file = enabled ? path.join(cacheDir, `pages-${key}.bin`) : null;
    this.legacyPrefix = legacyKey === key ? null : `pages-${legacyKey}.`;
  }

  /**
   * The last build's keys and what came with them. The linked site's snapshot (for a build that
   * renders), the report (for one that finds nothing changed) and the search state (for the thread
   * that indexes, not the one that renders) are each read from a file of their own, and only when
   * asked for.
   */
  async load(parts: { snapshot?: boolean; report?: boolean; search?: boolean } = { snapshot: true }): Promise<LastBuild> {
    const none: LastBuild = { inputs: null, keys: new Map(), search: null, snapshot: null, keysMadeWith: null, report: null, records: null, related: null, shapes: null, timeline: null, entityCuts: null, spare: null, others: null };
    if (!this.file) return none;
    if (this.legacyPrefix) await this.takeOverLegacyFile();
    try {
      const bytes = await fs.readFile(this.file);
      const start = bytes.indexOf(10);
      if (inputsOf(bytes.toString('latin1', 0, start + 1)) === null) return none;
      const saved = v8.deserialize(bytes.subarray(start + 1)) as Partial<SavedBuild>;
      if (!(saved.keys instanceof Map)) return none;
      // the search state, for the thread that indexes (written beside since 2026-12-06; in the file before)
      const searchState = parts.search ? (saved.searchFile ? await this.readBeside<SearchState>(saved.searchFile) : saved.search) : null;
      const search = searchState?.shards instanceof Map ? searchState : null;
      const snapshot = parts.snapshot && saved.snapshotFile ? await this.readBeside<SiteSnapshot>(saved.snapshotFile) : null;
      const report = parts.report && saved.reportFile ? await this.readBeside<BuildReport>(saved.reportFile) : null;
      // what only a build that renders reads, as the snapshot
      const pages = parts.snapshot && saved.pagesFile ? await this.readBeside<PackedPagesMade>(saved.pagesFile) : null;
      return { inputs: saved.inputs ?? null, keys: saved.keys, search, snapshot, keysMadeWith: saved.keysMadeWith ?? null, report, records: pages?.records ?? null, related: unpackedStrings(pages?.related), shapes: unpackedStrings(pages?.shapes), timeline: keptTimelineOf(pages?.timeline), entityCuts: keptEntityCutsOf(pages?.entityCuts), spare: saved.spare ?? null, others: saved.others ?? null };
    } catch {
      return none;
    }
  }

  /**
   * The digest of the last build's inputs, read from the file's first line without reading the
   * rest: at 100,000 articles the file is over 100 MB, and a build that finds a seed deleted only
   * needs to know it differs. Null when not known.
   */
  async lastInputs(): Promise<string | null> {
    if (!this.file) return null;
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(this.file, 'r');
      const head = Buffer.alloc(INPUTS_HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return inputsOf(head.toString('latin1', 0, bytesRead));
    } catch {
      return null;
    } finally {
      await handle?.close();
    }
  }

  /**
   * Writes a build's linked-site snapshot beside the file, v8-serialised, and resolves to its name
   * for save() to record (null without a file). Not in the file's JSON: it was the largest part,
   * and handing it from the build's thread to the main thread to be saved took 0.75 s at 100,000
   * articles. A snapshot the file does not name (its build failed) goes at the next save.
   */
  writeSnapshot(snapshot: SiteSnapshot): Promise<string | null> {
    return this.writeBeside(SNAPSHOT_INFIX, snapshot);
  }

  /**
   * Writes a build's report beside the file: the messages a build without --verbose shows (with
   * the notes, 27 MB at 100,000 articles), which only a build that finds nothing changed reads.
   * Serialised a slice of messages at a time (ReportParts), not as one buffer of it all: it is
   * written at the end of a build, where its memory peaks.
   */
  writeReport(report: BuildReport): Promise<string | null> {
    return this.writeBeside(REPORT_INFIX, new ReportParts(report));
  }

  /**
   * Writes what a build's pages were made with beside the file, the same way: where each article
   * lies in records.json, each article page's related articles, each older list page's shape
   * (30 MB at 100,000 articles, which the build's thread handed to the main thread and the main
   * thread serialised again).
   */
  writePagesMade(pages: PagesMade): Promise<string | null> {
    return this.writeBeside(PAGES_INFIX, { records: pages.records, related: pages.related && packedStrings(pages.related), shapes: pages.shapes && packedStrings(pages.shapes), timeline: pages.timeline, entityCuts: pages.entityCuts } satisfies PackedPagesMade);
  }

  private async takeOverLegacyFile(): Promise<void> {
    const legacy = path.join(path.dirname(this.file!), `${this.legacyPrefix}bin`);
    if (existsSync(this.file!) || !existsSync(legacy)) return;
    // the other thread of the build may have renamed it first
    await fs.rename(legacy, this.file!).catch(() => undefined);
  }

  /** Writes `value` beside the file (v8-serialised, or a report's parts one after another) and resolves to the file's name. */
  private async writeBeside(infix: string, value: unknown): Promise<string | null> {
    if (!this.file) return null;
    const name = `${path.basename(this.file, '.bin')}${infix}${process.pid}-${threadId}-${Date.now()}-${++besideWritten}.bin`;
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const file = path.join(path.dirname(this.file), name);
    if (value instanceof ReportParts) {
      const handle = await fs.open(file, 'w');
      try {
        for (const part of value) await handle.write(part);
      } finally {
        await handle.close();
      }
    } else {
      await fs.writeFile(file, v8.serialize(value));
    }
    return name;
  }

  private async readBeside<T>(name: string): Promise<T | null> {
    try {
      const bytes = await fs.readFile(path.join(path.dirname(this.file!), name));
      return (isReportParts(bytes) ? reportOfParts(bytes) : v8.deserialize(bytes)) as T;
    } catch {
      // gone or damaged: as if there were none (every page is looked at; the site is built)
      return null;
    }
  }

  async save(keys: Map<string, string>, inputs: string, search: SearchState | null, made?: { snapshotFile?: string | null; reportFile?: string | null; pagesFile?: string | null; keysMadeWith?: string; spare?: SpareState | null; others?: string[] }): Promise<void> {
    if (!this.file) return;
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    // beside, so that the build's thread, which reads this file, does not read it (13 MB at 100,000 articles)
    const searchFile = search ? await this.writeBeside(SEARCH_INFIX, search) : null;
    const saved: SavedBuild = { inputs, keys, searchFile, ...made };
    await fs.writeFile(tmp, [Buffer.from(`${FILE_START}${inputs}\n`, 'latin1'), v8.serialize(saved)]);
    await fs.rename(tmp, this.file);
    // the file as JSON, before 2026-12-05
    await fs.rm(this.file.replace(/\.bin$/, '.json'), { force: true });
    // the files beside of earlier builds, and of builds that failed; those named as before
    // 2026-12-07, which a file taken over named (takeOverLegacyFile)
    const prefixes = [SNAPSHOT_INFIX, REPORT_INFIX, PAGES_INFIX, SEARCH_INFIX].map((infix) => `${path.basename(this.file!, '.bin')}${infix}`);
    if (this.legacyPrefix) prefixes.push(this.legacyPrefix);
    const kept = [made?.snapshotFile, made?.reportFile, made?.pagesFile, searchFile];
    for (const name of await fs.readdir(path.dirname(this.file))) {
      if (prefixes.some((prefix) => name.startsWith(prefix)) && !kept.includes(name)) await fs.rm(path.join(path.dirname(this.file), name), { force: true });
    }
  }
}

/** A file beside (snapshot, report, pages made, search state): the page keys' file's name, this, the process, thread and time, and a count. */
const SNAPSHOT_INFIX = '.snapshot-';
const REPORT_INFIX = '.report-';
const PAGES_INFIX = '.pages-';
const SEARCH_INFIX = '.search-';
let besideWritten = 0;

/**
 * A report's file: these bytes, then frames of a length (4 bytes, little-endian) and that many
 * v8-serialised bytes: the summary with the count of messages, then the messages a slice at a
 * time. A report written before 2026-12-07 is one v8-serialised value, which starts with 0xFF.
 */
const REPORT_START = Buffer.from('report 2\n', 'latin1');
/** Messages a frame: about 1.3 MB serialised. */
const REPORT_SLICE = 5_000;

/** A report's bytes, a frame at a time (see REPORT_START): each length, then its bytes. */
class ReportParts {
  constructor(private readonly report: BuildReport) {}

  *[Symbol.iterator](): Generator<Uint8Array> {
    yield REPORT_START;
    const values = function* (report: BuildReport) {
      yield { summary: report.summary, messages: report.messages.length, notesLeftOut: report.notesLeftOut } satisfies ReportHead;
      for (let from = 0; from < report.messages.length; from += REPORT_SLICE) yield report.messages.slice(from, from + REPORT_SLICE);
    };
    for (const value of values(this.report)) {
      const bytes = v8.serialize(value);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length, 0);
      yield length;
      yield bytes;
    }
  }
}

function isReportParts(bytes: Buffer): boolean {
  return bytes.subarray(0, REPORT_START.length).equals(REPORT_START);
}

/** A report's first frame. */
interface ReportHead {
  summary: BuildReport['summary'];
  /** How many messages the frames after it hold. */
  messages: number;
  notesLeftOut?: boolean;
}

/** The report of a file of frames; throws on one cut short. */
function reportOfParts(bytes: Buffer): BuildReport {
  const values: unknown[] = [];
  let at = REPORT_START.length;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new Error('the report is cut short');
    const length = bytes.readUInt32LE(at);
    if (at + 4 + length > bytes.length) throw new Error('the report is cut short');
    values.push(v8.deserialize(bytes.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  const [head, ...slices] = values as [ReportHead | undefined, ...BuildMessage[][]];
  const messages = slices.flat();
  if (!head || messages.length !== head.messages) throw new Error('the report is cut short');
  return { summary: head.summary, messages, notesLeftOut: head.notesLeftOut };
}

/**
 * The saved file: a line with its inputs' digest (hex), then the rest v8-serialised (JSON took 0.3 s
 * to read back 153,000 page keys into a Map, v8 0.05 s).
 */
const FILE_START = 'page keys 1 ';
const INPUTS_HEAD_BYTES = 256;

/** The inputs' digest from the file's first line, or null when it is not such a line. */
function inputsOf(head: string): string | null {
  const match = /^page keys 1 ([0-9a-f]+)\n/.exec(head);
  return match ? match[1]! : null;
}

/** What the file holds after its first line. */
interface SavedBuild {
  inputs: string;
  keys: Map<string, string>;
  /** The file beside of the search state (SearchState). */
  searchFile?: string | null;
  /** The search state itself, in a file saved before 2026-12-06. */
  search?: SearchState | null;
  snapshotFile?: string | null;
  reportFile?: string | null;
  keysMadeWith?: string;
  /** The file beside of what the pages were made with (PagesMade). */
  pagesFile?: string | null;
  spare?: SpareState | null;
  others?: string[];
}

/** What a build's pages were made with, for the next build (writePagesMade). */
export type PagesMade = Pick<LastBuild, 'records' | 'related' | 'shapes' | 'timeline' | 'entityCuts'>;

/** PagesMade as its file holds it: the maps packed (packedStrings). */
interface PackedPagesMade {
  records: LastBuild['records'];
  related: PackedStrings | null;
  shapes: PackedStrings | null;
  timeline: KeptTimeline | null;
  entityCuts: KeptEntityCuts | null;
}

/** The entities' cuts as written, or null for none (or a file of an earlier version). */
function keptEntityCutsOf(cuts: KeptEntityCuts | null | undefined): KeptEntityCuts | null {
  return cuts && typeof cuts.bases === 'string' && typeof cuts.paths === 'string' && cuts.counts instanceof Uint32Array && cuts.ends instanceof Uint32Array ? cuts : null;
}

/** The timeline's points as written, or null for none (or a file of an earlier version, which has none). */
function keptTimelineOf(timeline: KeptTimeline | null | undefined): KeptTimeline | null {
  if (!timeline || typeof timeline.ids !== 'string') return null;
  const typed = [timeline.codes instanceof Int32Array, timeline.keys instanceof Uint32Array, timeline.articles instanceof Uint32Array, timeline.dates instanceof Int32Array, timeline.hashes instanceof Uint32Array];
  return typed.every(Boolean) ? timeline : null;
}

/**
 * A map of strings as two strings, its keys and its values each joined by NUL, which no page path,
 * id, list of ids or shape holds (were one to, the counts would not agree, and the map would be
 * read as not known). Read back, it is two strings and a split each: the related lists and shapes
 * of 100,000 articles read in 86-99 ms and written in 49-59, where objects took 223-251 and 91-120
 * (in a heap as large as a build's; BENCHMARKS.md, 2026-12-07).
 */
interface PackedStrings {
  size: number;
  keys: string;
  values: string;
}

function packedStrings(map: ReadonlyMap<string, string>): PackedStrings {
  return { size: map.size, keys: [...map.keys()].join('\0'), values: [...map.values()].join('\0') };
}

/** The map packedStrings packed; null for none, for one whose counts do not agree (a NUL got in), or for a file of an earlier version (an object). */
function unpackedStrings(packed: PackedStrings | null | undefined): Map<string, string> | null {
  if (typeof packed?.size !== 'number' || typeof packed.keys !== 'string' || typeof packed.values !== 'string') return null;
  if (packed.size === 0) return new Map();
  const keys = packed.keys.split('\0');
  const values = packed.values.split('\0');
  if (keys.length !== packed.size || values.length !== packed.size) return null;
  // set one by one: a [key, value] pair each for the Map's constructor took half as long again
  const map = new Map<string, string>();
  for (let i = 0; i < keys.length; i++) map.set(keys[i]!, values[i]!);
  return map;
}
