// The input key of every page the last build wrote to an output folder, kept in the cache (not in
// the deployed folder). With it, the next build links unchanged pages instead of rendering them.
import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { DEFAULT_CACHE_DIR } from '../pipeline/record-cache.ts';
import type { SearchState } from './search-shards.ts';
import type { SpareState } from './output-folder.ts';
import type { SiteSnapshot } from '../link/page-dependencies.ts';
import type { BuildMessage } from '../types.ts';

/** What the last build said: its messages and the counts of its summary line, said again when nothing changed. */
export interface BuildReport {
  messages: BuildMessage[];
  summary: { articles: number; cached: number; skipped: number; warned: number; pages: number; rendered: number };
}

/** What the last build into an output folder left: the digest of all its inputs, and each page's key. */
export interface LastBuild {
  /** Digest of everything the site was made from (see siteInputs), or null when unknown. */
  inputs: string | null;
  keys: Map<string, string>;
  /** What its search index holds: which pages' entries are out of date, which shards to index again. */
  search: SearchState | null;
  /** The linked site those pages were made from, and the render version and code their keys were made with: what an article change can reach is worked out against them. */
  snapshot: SiteSnapshot | null;
  keysMadeWith: string | null;
  report: BuildReport | null;
  /** Where each article's JSON lies in the records.json of that build, and its size. */
  records: { places: Record<string, [number, number]>; bytes: number } | null;
  /** Each article page's related articles (relatedIdsOf), where they are known. */
  related: Record<string, string> | null;
  /** Each older list page's shape (SiteRenderer.listShape). */
  shapes: Record<string, string> | null;
  /** The spare that build left (the site before it), as the next build will find it. */
  spare: SpareState | null;
  /** That build's files that are not pages. */
  others: string[] | null;
}

/** What the build's own thread made for the next build (the build's manifest but for what finishing it adds). */
export type MadeForNext = { snapshot?: SiteSnapshot; keysMadeWith?: string; report?: BuildReport; records?: LastBuild['records']; related?: LastBuild['related']; shapes?: LastBuild['shapes'] };

/** What finishing a build adds to its manifest, after the swap: its search index's state, the spare it left, its files that are not pages. */
export interface Finished {
  search: SearchState | null;
  spare: SpareState | null;
  others: string[] | null;
}

/**
 * Kept in two files: what the build's thread made (the page keys, the linked site, a report), and
 * what finishing the build added, each carrying the build's id: a build stopped between the two
 * writes leaves ids that differ, and the finished part is then not used.
 */
export class PageManifest {
  private readonly file: string | null;

  constructor(outDir: string, enabled: boolean, cacheDir = DEFAULT_CACHE_DIR) {
    const key = crypto.createHash('sha256').update(path.resolve(outDir)).digest('hex').slice(0, 12);
    this.file = enabled ? path.join(cacheDir, `pages-${key}.json`) : null;
  }

  /** The finished part's file, beside the main one. */
  private get finishedFile(): string {
    return `${this.file!.slice(0, -'.json'.length)}.finished.json`;
  }

  /** Where a build's thread leaves its part until the site is swapped in. */
  private get stagedFile(): string {
    return `${this.file!}.staged`;
  }

  async load(): Promise<LastBuild> {
    const none: LastBuild = { inputs: null, keys: new Map(), search: null, snapshot: null, keysMadeWith: null, report: null, records: null, related: null, shapes: null, spare: null, others: null };
    if (!this.file) return none;
    try {
      const saved = JSON.parse(await fs.readFile(this.file, 'utf8')) as { build?: string; inputs?: string; pages?: Record<string, string> } & MadeForNext;
      const finished = await fs.readFile(this.finishedFile, 'utf8').then((text) => JSON.parse(text) as SavedFinished, () => null);
      const after = finished && saved.build && finished.build === saved.build ? finished : null;
      const search = after?.search?.shards ? searchStateOf(after.search) : null;
      return { inputs: saved.inputs ?? null, keys: new Map(Object.entries(saved.pages ?? {})), search, snapshot: saved.snapshot ?? null, keysMadeWith: saved.keysMadeWith ?? null, report: saved.report ?? null, records: saved.records ?? null, related: saved.related ?? null, shapes: saved.shapes ?? null, spare: after?.spare ?? null, others: after?.others ?? null };
    } catch {
      return none;
    }
  }

  /**
   * The digest of the last build's inputs, read from the file's first bytes (it is written first)
   * without parsing the rest: at 100,000 articles the file is over 100 MB of JSON, and a build
   * that finds a seed deleted only needs to know it differs. Null when not known.
   */
  async lastInputs(): Promise<string | null> {
    if (!this.file) return null;
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(this.file, 'r');
      const head = Buffer.alloc(INPUTS_HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return INPUTS_AT_START.exec(head.toString('utf8', 0, bytesRead))?.[1] ?? null;
    } catch {
      return null;
    } finally {
      await handle?.close();
    }
  }

  /**
   * Writes the build thread's part (the keys, inputs and what it made) beside the live manifest,
   * where `commit` takes it once the site is swapped in: the thread writes it rather than hand it
   * to the main thread (at 100,000 articles a message of the keys and the linked site cost the
   * thread 1.1 s, and the main thread as much again to take and write). Returns the build's id.
   */
  async stage(keys: Map<string, string>, inputs: string, made: MadeForNext = {}): Promise<string | null> {
    if (!this.file) return null;
    const build = crypto.randomBytes(8).toString('hex');
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await fs.writeFile(this.stagedFile, JSON.stringify({ inputs, build, pages: Object.fromEntries(keys), ...made }));
    return build;
  }

  /** After the swap: the staged part in place, then what finishing the build added. */
  async commit(build: string, finished: Finished): Promise<void> {
    if (!this.file) return;
    await fs.rename(this.stagedFile, this.file);
    const { search } = finished;
    const searchJson: SavedSearchState | null = search && {
      code: search.code,
      pages: Object.fromEntries(search.pages),
      shards: Object.fromEntries([...search.shards].map(([name, held]) => [name, Object.fromEntries(held)])),
      recent: search.recent,
    };
    const tmp = `${this.finishedFile}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify({ build, search: searchJson, spare: finished.spare, others: finished.others } satisfies SavedFinished));
    await fs.rename(tmp, this.finishedFile);
  }

  /** A build that did not finish: its staged part goes. */
  async discard(): Promise<void> {
    if (this.file) await fs.rm(this.stagedFile, { force: true });
  }
}

/** The saved file starts with its inputs' digest (hex): `{"inputs":"…",`. */
const INPUTS_AT_START = /^\{"inputs":"([0-9a-f]+)"[,}]/;
const INPUTS_HEAD_BYTES = 256;

/** The finished part as saved. */
interface SavedFinished {
  build: string;
  search: SavedSearchState | null;
  spare: SpareState | null;
  others: string[] | null;
}

/** A SearchState as JSON. */
interface SavedSearchState {
  code: string;
  pages: Record<string, string>;
  shards: Record<string, Record<string, [string, string]>>;
  recent: string | null;
}

function searchStateOf(saved: SavedSearchState): SearchState {
  const shards = new Map(Object.entries(saved.shards).map(([name, held]) => [name, new Map(Object.entries(held))]));
  return { code: saved.code, pages: new Map(Object.entries(saved.pages)), shards, recent: saved.recent ?? null };
}
