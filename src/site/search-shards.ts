// The search index, in shards. Pagefind builds an index whole, in memory (10 GiB for 157,000
// pages), and cannot update one: so the searchable pages are split into base shards of a bounded
// size, each its own Pagefind bundle under <site>/pagefind/<shard>/, which the search page merges
// (Pagefind's mergeIndex). A rebuild does not index a base shard again for a few changed pages:
// it links the shard from the last build as it is, lists the ids of its entries that are out of
// date in shards.json (the search page drops them from results), and indexes the pages that
// changed or came since into a small `recent` shard. When the recent shard would pass its limit,
// the base shards holding most of its pages are indexed again, and their pages leave it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fnv1a } from '../fnv1a.ts';
import { sameList } from '../link/same-list.ts';
import { linkTree, sameFile } from './link-tree.ts';
import { GENERATOR_DIR, sourcePath, bundledUrl } from '../generator.ts';
import { writeSearchIndex } from './search-index.ts';
import { searchRecordOf, type SearchRecord } from '../render/search-records.ts';

/**
 * A base shard holds about this many pages at most (until a group has MAX_SHARDS_PER_GROUP): a
 * reader's first query fetches an index chunk of about 15 kB from every shard, so a site of 4,000
 * articles with their entity pages (about 4,300 pages) is one shard.
 */
export const PAGES_PER_SHARD = 5_000;
/** Past MAX_SHARDS_PER_GROUP × PAGES_PER_SHARD pages of a group, shards grow instead. */
export const MAX_SHARDS_PER_GROUP = 16;
/** The search index's folder in the site. */
export const SEARCH_FOLDER = 'pagefind';
/** The list of shards, in <site>/pagefind/: what the search page reads first. */
export const SHARDS_FILE = 'shards.json';
/**
 * Pagefind's script, the same in every bundle: also at <site>/pagefind/pagefind.js, where the
 * search page fetches it beside the shard list instead of after it.
 */
export const SEARCH_SCRIPT = 'pagefind.js';
/**
 * Pagefind's entry file, in every shard's folder. A shard is written whole and never changed after,
 * so a shard folder whose entry file is another's own file holds that one's files.
 */
export const SHARD_MARKER = 'pagefind-entry.json';
/**
 * Pages that base shards indexed beside the build's heap may hold (SearchIndexOptions.shardsAfter):
 * Pagefind's process takes about 65 KB a page (10 GiB for 157,000), so these add about 65 MB.
 */
export const PAGES_BESIDE_THE_BUILD = 1_000;
/**
 * Pages whose keys changed that may be read for their search records' digests beside the build's
 * heap (SearchIndexOptions.shardsAfter): every page of 100,000 articles rendered anew (a template
 * or the generator changed), 105,000 read here while the build's thread still held its heap, took
 * the process to 2,728 MiB (1,867 MiB after it: BENCHMARKS.md, 2026-12-07).
 */
export const PAGES_READ_BESIDE_THE_BUILD = 10_000;
/** The shard of pages that changed since their base shard was indexed. */
export const RECENT_SHARD = 'recent';

/**
 * The recent shard and the entries hidden in base shards come to at most a fortieth of the
 * searchable pages, between 10 and 100: the recent shard is indexed again whenever it changes
 * (100 pages: about 0.1 s), its pages are ranked with their own index's word counts, and hidden
 * entries still cost the reader bytes, so they are kept few beside the base shards.
 */
export function recentShardLimit(pages: number): number {
  return Math.min(100, Math.max(10, Math.floor(pages / 40)));
}

export interface SearchShard {
  /** Its folder under pagefind/, e.g. `articles-3`. */
  name: string;
  /** Site paths of its pages, e.g. `articles/some-slug/`. */
  pages: string[];
}

/** What <site>/pagefind/shards.json holds. */
export interface ShardList {
  /** `hidden`: ids of the shard's entries that are out of date (Pagefind's result ids), left out of results. */
  shards: { name: string; pages: number; hidden?: string[] }[];
}

/** A page as a base shard holds it: the digest of its record there, and Pagefind's id of its entry ('' when it has no record). */
export type IndexedPage = [digest: string, id: string];

/** What the published index holds, kept with the page keys for the next build. */
export interface SearchState {
  /** The search code it was made with (a state from other code is not used). */
  code: string;
  /** Site path → digest of the page's record in that build: a page whose key is unchanged has it still. */
  pages: Map<string, string>;
  /** Base shard → site path → the page as the shard holds it (out-of-date entries too: they are hidden). */
  shards: Map<string, Map<string, IndexedPage>>;
  /** Digest of the recent shard's pages and records (null: none). */
  recent: string | null;
}

export interface SearchIndexOptions {
  /** Every page written, as file paths (`articles/x/index.html`); read from the folder when absent. */
  pages?: string[];
  /** Input keys of this build's pages (site path → key). Without them, every shard is indexed. */
  keys?: Map<string, string>;
  /** The site as the last build left it: its folder, its pages' keys, its search state. */
  previous?: { dir: string; keys: Map<string, string>; records: SearchState | null };
  /** Shards whose indexing started while pages rendered (StartedShards). */
  started?: StartedShards;
  /** PAGES_PER_SHARD, unless a test wants small shards. */
  pagesPerShard?: number;
  /** The records of pages read as they were written (site path → record): not read again. */
  rendered?: Map<string, SearchRecord | null>;
  /**
   * Base shards to index wait for `until` when they hold more than `morePagesThan` pages together
   * (PAGES_BESIDE_THE_BUILD unless a test says): Pagefind's process for thousands of pages is not
   * to run beside the build's full heap. Nor are more than `readMoreThan` pages whose keys changed
   * read for their digests (PAGES_READ_BESIDE_THE_BUILD unless a test says).
   */
  shardsAfter?: { until: Promise<unknown>; morePagesThan?: number; readMoreThan?: number };
}

export interface SearchIndexResult {
  /** Pages a search can find. */
  pages: number;
  /** Shards published, the recent one included. */
  shards: number;
  /** Shards indexed by Pagefind this build (the rest were linked from the last). */
  indexed: number;
  /** Of those, the ones indexed while pages were written (`started`). */
  indexedEarly: number;
  /** For the next build (null without keys). */
  records: SearchState | null;
}

/**
 * Indexes the searchable pages of a written site into <siteDir>/pagefind/: base shards, linked
 * from the last build or indexed again, a recent shard, and shards.json listing them. A page's
 * record is known from its unchanged key; only the pages rendered anew are read to know theirs
 * (an edited article re-renders its related articles, whose records, without the related list,
 * stay the same).
 */
export async function indexSiteForSearch(siteDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const pages = options.pages ? searchablePages(options.pages) : searchablePagesIn(siteDir);
  const { keys, previous } = options;
  const code = searchCodeVersion();
  const root = path.join(siteDir, SEARCH_FOLDER);
  const lastRoot = previous && path.join(previous.dir, SEARCH_FOLDER);
  const last = keys && previous?.records?.code === code ? previous.records : null;
  const lastListed = new Set((lastRoot ? readShardList(lastRoot)?.shards ?? [] : []).map((s) => s.name));

  // each page's record digest: the page is read only when its key changed since the last build;
  // up to RECORDS_KEPT records read (or handed over as their pages were written) are kept, so a
  // rebuild's recent shard, indexed in this thread, reads none of its pages twice (one added to
  // 4,000: 35-60 ms of a search stage that ends after the build's thread); more would not fit at
  // 100,000 pages, and are read again to be indexed
  const readBefore = new Map(options.rendered);
  const recordOf = (page: string) => {
    if (readBefore.has(page)) return readBefore.get(page)!;
    const record = pageRecord(siteDir, page);
    if (readBefore.size < RECORDS_KEPT) readBefore.set(page, record);
    return record;
  };
  const digests = new Map<string, string>();
  /** The digest the last build had for a page whose key is the one it had then. */
  const lastDigest = (page: string) => (last && keys?.get(page) === previous!.keys.get(page) ? last.pages.get(page) : undefined);
  const digestNow = (page: string) => {
    let digest = digests.get(page);
    if (digest === undefined) digests.set(page, (digest = lastDigest(page) ?? digestOf(recordOf(page))));
    return digest;
  };
  const taken = (page: string, digest: string) => digests.set(page, digest);

  const planned = planShards(pages, last ? shardCountsOf(last.shards.keys()) : undefined, options.pagesPerShard);
  const shardOf = new Map<string, string>();
  for (const shard of planned) for (const page of shard.pages) shardOf.set(page, shard.name);
  // a base shard is linked when the last build published it; its pages that changed since go to the recent shard
  const linkable = (name: string) => !!last?.shards.has(name) && lastListed.has(name) && fs.existsSync(path.join(lastRoot!, name, SHARD_MARKER));
  const waitFor = options.shardsAfter;
  if (waitFor) {
    // the pages digestNow reads (their keys changed): past PAGES_READ_BESIDE_THE_BUILD, once the build's thread has ended
    let toRead = 0;
    for (const shard of planned) if (linkable(shard.name)) for (const page of shard.pages) if (lastDigest(page) === undefined) toRead++;
    if (toRead > (waitFor.readMoreThan ?? PAGES_READ_BESIDE_THE_BUILD)) await waitFor.until.catch(() => undefined);
  }
  const stale = new Map<string, string[]>();
  /** Of each linkable shard, its pages out of date: changed or come since (for the recent shard), or gone (hidden only). */
  const outOfDate = new Map<string, number>();
  for (const shard of planned) {
    if (!linkable(shard.name)) continue;
    const held = last!.shards.get(shard.name)!;
    const pagesOfShard = shard.pages.filter((page) => held.get(page)?.[0] !== digestNow(page));
    let gone = 0;
    for (const page of held.keys()) if (shardOf.get(page) !== shard.name) gone++;
    stale.set(shard.name, pagesOfShard);
    outOfDate.set(shard.name, pagesOfShard.length + gone);
  }
  // past the recent shard's limit (its pages and the entries hidden), the base shards with most
  // of them are indexed again
  const limit = recentShardLimit(pages.length);
  let recentCount = [...outOfDate.values()].reduce((n, count) => n + count, 0);
  for (const [name, count] of [...outOfDate].sort((a, b) => b[1] - a[1])) {
    if (recentCount <= limit) break;
    stale.delete(name);
    recentCount -= count;
  }

  const state = new Map<string, Map<string, IndexedPage>>();
  const list: ShardList = { shards: [] };
  let indexed = 0;
  let searchable = 0;
  const recent: string[] = [];
  const toIndex = planned.filter((shard) => !stale.has(shard.name));
  let recentDigest: string | null = null;
  // a shard started while pages rendered, of the same pages, is taken as it comes
  const started = (await options.started?.take(toIndex, !!keys)) ?? new Map<string, IndexedShard>();
  if (waitFor && toIndex.reduce((n, shard) => n + (started.has(shard.name) ? 0 : shard.pages.length), 0) > (waitFor.morePagesThan ?? PAGES_BESIDE_THE_BUILD)) await waitFor.until.catch(() => undefined);
  const indexer = shardIndexer(siteDir, toIndex.filter((shard) => !started.has(shard.name)), readBefore);
  try {
    // every base shard to index is asked for now: threads index two at a time, this thread one after another
    const indexing = new Map(toIndex.map((shard) => [shard.name, started.get(shard.name) ?? indexer.index(path.join(root, shard.name), shard.pages, !!keys)]));
    // a failure is thrown where its shard is awaited; the shards after it are then not waited for
    for (const made of indexing.values()) made.catch(() => undefined);
    for (const shard of planned) {
      const stalePages = stale.get(shard.name);
      if (stalePages) {
        // linked as it is: its out-of-date entries (changed, moved or removed pages) hidden
        const held = last!.shards.get(shard.name)!;
        await linkShard(path.join(lastRoot!, shard.name), path.join(root, shard.name));
        const hidden: string[] = [];
        let live = 0;
        for (const [page, [digest, id]] of held) {
          if (shardOf.get(page) === shard.name && digestNow(page) === digest) live += id ? 1 : 0;
          else if (id) hidden.push(id);
        }
        recent.push(...stalePages);
        state.set(shard.name, held);
        list.shards.push({ name: shard.name, pages: live, ...(hidden.length ? { hidden: hidden.sort() } : {}) });
        searchable += live;
      } else {
        const { held, count } = await indexing.get(shard.name)!;
        for (const [page, [digest]] of held) taken(page, digest);
        indexed++;
        state.set(shard.name, held);
        list.shards.push({ name: shard.name, pages: count });
        searchable += count;
      }
    }
    if (recent.length > 0) {
      recent.sort();
      const hash = crypto.createHash('sha256').update(code);
      for (const page of recent) hash.update(`\n${page}\0${digestNow(page)}`);
      recentDigest = hash.digest('hex');
      const lastRecent = lastRoot && path.join(lastRoot, RECENT_SHARD);
      let count: number;
      if (last?.recent === recentDigest && lastListed.has(RECENT_SHARD) && fs.existsSync(path.join(lastRecent!, SHARD_MARKER))) {
        await linkShard(lastRecent!, path.join(root, RECENT_SHARD));
        count = recent.filter((page) => digestNow(page) !== NO_RECORD).length;
      } else {
        const made = await indexer.index(path.join(root, RECENT_SHARD), recent, false);
        for (const [page, [digest]] of made.held) taken(page, digest);
        count = made.count;
        indexed++;
      }
      list.shards.push({ name: RECENT_SHARD, pages: count });
      searchable += count;
    }
  } finally {
    await indexer.close();
  }
  fs.mkdirSync(root, { recursive: true });
  // a shard the staging folder kept (output-folder.ts) that the index no longer has
  const published = new Set(list.shards.map((shard) => shard.name));
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) if (entry.isDirectory() && !published.has(entry.name)) fs.rmSync(path.join(root, entry.name), { recursive: true, force: true });
  // new files, not written into: the staging folder's may be the live site's too (output-folder.ts)
  for (const file of [SHARDS_FILE, SEARCH_SCRIPT]) fs.rmSync(path.join(root, file), { force: true });
  fs.writeFileSync(path.join(root, SHARDS_FILE), JSON.stringify(list));
  if (list.shards.length > 0) fs.copyFileSync(path.join(root, list.shards[0]!.name, SEARCH_SCRIPT), path.join(root, SEARCH_SCRIPT));
  const records = keys ? { code, pages: new Map(pages.map((page) => [page, digestNow(page)])), shards: state, recent: recentDigest } : null;
  return { pages: searchable, shards: list.shards.length, indexed, indexedEarly: started.size, records };
}

/**
 * A shard of the last build's, hard-linked into `to`: kept as it is when `to` holds it already (the
 * staging folder keeps the spare's shards that are the live site's: output-folder.ts), so an
 * unchanged shard of 6,000 files is not linked again each build.
 */
async function linkShard(from: string, to: string): Promise<void> {
  if (sameFile(path.join(to, SHARD_MARKER), path.join(from, SHARD_MARKER))) return;
  fs.rmSync(to, { recursive: true, force: true });
  await linkTree(from, to);
}

/** Short, as thousands are kept: a collision would only keep a page's old entry in the search index. */
const digestOf = (record: SearchRecord | null) => crypto.createHash('sha256').update(JSON.stringify(record)).digest('base64url').slice(0, 22);
/** The digest of a page without data-pagefind-body. */
const NO_RECORD = digestOf(null);

/** Records of pages read for their digest kept to be indexed (a rebuild's few; not every page of a site whose keys all changed). */
export const RECORDS_KEPT = 2_000;

/** Records handed over as their pages were written that a first build's early shards keep, at most (StartedShards.written). */
const HANDED_RECORDS_KEPT = RECORDS_KEPT;

/** Records read between turns of the event loop (Pagefind's replies fill its pipe meanwhile). */
const RECORDS_PER_TURN = 32;

/** The search record of a written page of the site in `siteDir` (a site path: `articles/x/`). */
function pageRecord(siteDir: string, page: string): SearchRecord | null {
  return searchRecordOf(fs.readFileSync(path.join(siteDir, page, 'index.html'), 'utf8'), `/${page}`);
}

/**
 * From this many pages in two or more shards to index, the shards are indexed in worker threads,
 * two at a time: Pagefind's process indexes one shard at a time on one core (the other idles),
 * and a thread has a Pagefind process of its own.
 */
const SEARCH_THREAD_MIN_PAGES = 2_000;

/** A shard for a search thread to index (search-thread.ts). */
export interface ShardTask {
  /** The bundle's folder. */
  folder: string;
  /** The written site whose pages are read. */
  siteDir: string;
  /** Site paths of the shard's pages. */
  pages: string[];
  /** Read each page's entry id back from the bundle. */
  withIds: boolean;
}

export interface ShardTaskResult {
  held: [string, IndexedPage][];
  count: number;
}

/** Indexes shards, one after another in this thread or two at a time in worker threads. */
interface ShardIndexer {
  index(folder: string, pages: string[], withIds: boolean): Promise<{ held: Map<string, IndexedPage>; count: number }>;
  close(): Promise<void>;
}

/** `readBefore`: records of pages read already, for an indexer in this thread. */
function shardIndexer(siteDir: string, shards: SearchShard[], readBefore?: Map<string, SearchRecord | null>): ShardIndexer {
  const threads = Math.min(2, os.availableParallelism(), shards.length);
  if (threads < 2 || shards.reduce((n, s) => n + s.pages.length, 0) < SEARCH_THREAD_MIN_PAGES) return sequentialIndexer(siteDir, readBefore);
  // Piscina is loaded for the shards of a first build, not for a rebuild's recent shard
  const pool = import('piscina').then(({ Piscina }) => new Piscina({ filename: bundledUrl('./site/search-thread.ts').href, maxThreads: threads, minThreads: threads }));
  return {
    async index(folder, pages, withIds) {
      const task: ShardTask = { folder, siteDir, pages, withIds };
      const made = (await (await pool).run(task)) as ShardTaskResult;
      return { held: new Map(made.held), count: made.count };
    },
    close: async () => (await pool).destroy(),
  };
}

type IndexedShard = Promise<{ held: Map<string, IndexedPage>; count: number }>;

/**
 * Shards indexed in this thread while the build's thread renders, from the pages it says are
 * written: a full render in one thread leaves the other core idle. It names the searchable pages
 * before it writes them (articles first, then each entity's latest page), as the search stage will
 * plan its shards (planShards, no last build's counts: a first build). While every searchable
 * page fits one shard, that shard's index takes each page as it is written and is written itself
 * once they all are, while the figures, the timeline and records.json are made. Past that,
 * articles and entity pages are sharded apart, and the article shards are indexed one after
 * another, each once its own pages are written (a first build writes them shard by shard:
 * articleShardOrder). The search stage takes those whose pages it plans (indexSiteForSearch's
 * `started`).
 */
export class StartedShards {
  private shards: { shard: SearchShard; folder: string; withIds: boolean; made: IndexedShard }[] = [];
  /** Of the pages, how many are written (they are written in order). */
  private count: number;
  private readonly total: number;
  /** The article shards not started yet, each with how many pages must be written first (all of its own), fewest first. */
  private waiting: { shard: SearchShard; after: number }[] = [];
  private indexer: ShardIndexer | null = null;
  private readonly siteDir: string;
  private readonly withIds: boolean;
  /** Where the shards' bundles go. */
  private readonly root: string;
  private wake: (() => void) | null = null;
  /** The build ended (or the search stage began) before every page was written. */
  private abandoned = false;
  /** Every page in one shard, fed as written: taken only when every page was. */
  private together = false;

  private constructor(siteDir: string, pages: string[], withIds: boolean, written: number, pagesPerShard: number) {
    this.count = written;
    this.total = pages.length;
    this.siteDir = siteDir;
    this.withIds = withIds;
    const root = (this.root = path.join(siteDir, SEARCH_FOLDER));
    const planned = planShards(pages, undefined, pagesPerShard);
    const [together] = planned;
    if (planned.length === 1 && together!.name === `${ALL_PAGES}-0`) {
      const writtenPages = async function* (this: StartedShards): AsyncGenerator<string> {
        for (let i = 0; i < pages.length; i++) {
          while (i >= this.count) {
            if (this.abandoned) throw new Error('the searchable pages were not all written');
            await new Promise<void>((resolve) => (this.wake = resolve));
          }
          yield pages[i]!;
        }
      };
      const folder = path.join(root, together!.name);
      const made = indexShard(folder, siteDir, writtenPages.call(this), withIds, undefined, this.handed);
      // a failure is the search stage's to report, or nobody's when the build failed first
      made.catch(() => undefined);
      this.shards = [{ shard: together!, folder, withIds, made }];
      this.together = true;
      return;
    }
    const articlePages = pages.filter((page) => page.startsWith('articles/'));
    if (!articlesApart(articlePages.length, pagesPerShard)) return;
    // each article shard once its last page is written: a first build writes them shard by shard
    // (articleShardOrder), so each is indexed while the pages after it render
    const place = new Map(pages.map((page, i) => [page, i]));
    this.waiting = planned
      .filter((shard) => shard.name.startsWith('articles-'))
      .map((shard) => ({ shard, after: shard.pages.reduce((last, page) => Math.max(last, place.get(page)! + 1), 0) }))
      .sort((a, b) => a.after - b.after);
    this.articlesEarly = this.waiting.length > 0;
    this.written(written);
  }

  /** Past one shard, the article shards are indexed here as their pages are written (the entity pages' by the search stage). */
  private articlesEarly = false;

  /**
   * Starts indexing the shards of these searchable pages (site paths, in the order they are
   * written) of the site being written in `siteDir`, of which the first `written` are written (all,
   * unless said): the rest are indexed as `written()` says they are.
   */
  static start(searchable: { siteDir: string; pages: string[]; withIds: boolean; written?: number }, pagesPerShard = PAGES_PER_SHARD): StartedShards {
    const { pages } = searchable;
    return new StartedShards(searchable.siteDir, pages, searchable.withIds, Math.min(searchable.written ?? pages.length, pages.length), pagesPerShard);
  }

  /**
   * The search records handed over with the pages written (made from their data as they rendered),
   * each dropped once its page is indexed; up to HANDED_RECORDS_KEPT, past which (Pagefind behind
   * the render) a page is read back instead.
   */
  private readonly handed = new Map<string, SearchRecord>();

  /**
   * The first `count` pages are written; `records`, of some of them, need not be read back. Kept
   * only for the pages indexed here: past one shard, the entity pages' shards are the search
   * stage's, after the build's thread.
   */
  written(count: number, records: readonly [page: string, record: SearchRecord][] = []): void {
    for (const [page, record] of records) if (this.handed.size < HANDED_RECORDS_KEPT && (this.together || (this.articlesEarly && page.startsWith('articles/')))) this.handed.set(page, record);
    this.count = Math.min(count, this.total);
    this.wake?.();
    this.wake = null;
    while (this.waiting.length > 0 && this.waiting[0]!.after <= this.count) {
      const { shard } = this.waiting.shift()!;
      this.indexer ??= sequentialIndexer(this.siteDir, undefined, this.handed);
      const folder = path.join(this.root, shard.name);
      const made = this.indexer.index(folder, shard.pages, this.withIds);
      made.catch(() => undefined);
      this.shards.push({ shard, folder, withIds: this.withIds, made });
    }
  }

  /**
   * Of the shards to index, those started here with the same pages. Any other started here is
   * waited for and its folder removed: the search stage indexes or links its own there.
   */
  async take(toIndex: SearchShard[], withIds: boolean): Promise<Map<string, IndexedShard>> {
    // a page the build's thread never said was written leaves the one shard unfinished
    const finished = !this.together || this.count === this.total;
    this.abandon();
    const planned = new Map(toIndex.map((shard) => [shard.name, shard]));
    const usable = new Map<string, IndexedShard>();
    for (const { shard, withIds: madeWithIds, made, folder } of this.shards) {
      const wanted = planned.get(shard.name);
      if (finished && wanted && madeWithIds === withIds && sameList(wanted.pages, shard.pages)) {
        usable.set(shard.name, made);
        continue;
      }
      await made.catch(() => undefined);
      fs.rmSync(folder, { recursive: true, force: true });
    }
    return usable;
  }

  /** Resolves when no shard is being indexed any more. */
  async settled(): Promise<void> {
    this.abandon();
    await Promise.allSettled(this.shards.map((s) => s.made));
  }

  /** No more pages will be written: an index still waiting for one stops, unwritten. */
  private abandon(): void {
    if (this.count < this.total) this.abandoned = true;
    this.wake?.();
    this.wake = null;
    this.waiting = [];
  }
}

/** One shard in Pagefind's memory at a time: each starts when the one before has been written. */
function sequentialIndexer(siteDir: string, readBefore?: Map<string, SearchRecord | null>, handedOver?: Map<string, SearchRecord>): ShardIndexer {
  let last: Promise<unknown> = Promise.resolve();
  return {
    index(folder, pages, withIds) {
      const made = last.then(() => indexShard(folder, siteDir, pages, withIds, readBefore, handedOver));
      last = made.catch(() => undefined);
      return made;
    },
    close: async () => undefined,
  };
}

/**
 * Indexes the records of the pages of the site in `siteDir` into a Pagefind bundle in `folder`,
 * with each page's record digest. With `withIds`, each page's entry id is read back from the bundle.
 * A page's record is read from its file unless `readBefore` has it, or `handedOver` (taken from it).
 */
export async function indexShard(folder: string, siteDir: string, pages: Iterable<string> | AsyncIterable<string>, withIds: boolean, readBefore?: Map<string, SearchRecord | null>, handedOver?: Map<string, SearchRecord>): Promise<{ held: Map<string, IndexedPage>; count: number }> {
  const held = new Map<string, IndexedPage>();
  const recordOf = (page: string) => {
    const handed = handedOver?.get(page);
    if (handed) {
      handedOver!.delete(page);
      return handed;
    }
    return readBefore?.has(page) ? readBefore.get(page)! : pageRecord(siteDir, page);
  };
  async function* records(): AsyncGenerator<SearchRecord> {
    let sinceTurn = 0;
    for await (const page of pages) {
      const record = recordOf(page);
      const digest = digestOf(record);
      held.set(page, [digest, '']);
      if (record) yield record;
      // pages are read synchronously (a third of the CPU of fs.promises for small files), with a
      // turn between batches so that Pagefind's pipe is fed and drained meanwhile
      if (++sinceTurn === RECORDS_PER_TURN) {
        sinceTurn = 0;
        await new Promise(setImmediate);
      }
    }
  }
  const { pages: count } = await writeSearchIndex(folder, records());
  if (withIds) {
    const ids = entryIdsOf(folder);
    for (const [page, entry] of held) entry[1] = ids.get(`/${page}`) ?? '';
  }
  return { held, count };
}

/**
 * Pagefind's id of each page's entry in a bundle (URL → id): the name of its fragment file, which
 * holds the page's URL (gzipped JSON after a `pagefind_dcd` mark). A search result carries it.
 */
function entryIdsOf(folder: string): Map<string, string> {
  const ids = new Map<string, string>();
  const fragments = path.join(folder, 'fragment');
  for (const name of fs.readdirSync(fragments)) {
    if (!name.endsWith('.pf_fragment')) continue;
    const text = gunzipSync(fs.readFileSync(path.join(fragments, name))).toString('utf8');
    const { url } = JSON.parse(text.slice(text.indexOf('{'))) as { url: string };
    ids.set(url, name.slice(0, -'.pf_fragment'.length));
  }
  return ids;
}

/**
 * Whether a first build's article pages are their own shards for certain: past 1.25 shards of
 * articles alone (below, the search stage may keep them with the entities' pages, as a site that
 * fitted one shard at its last build does).
 */
function articlesApart(articlePages: number, pagesPerShard: number): boolean {
  return articlePages > pagesPerShard * 1.25;
}

/**
 * The order a first build writes its article pages in, as places in its list of them, when they
 * make shards of their own (articlesApart): shard by shard, so that each shard is indexed while the
 * pages after it render (StartedShards). `searchable`: the site paths of the searchable pages, the
 * `articles` article pages first. Null when the site's order serves as well.
 */
export function articleShardOrder(searchable: string[], articles: number, pagesPerShard = PAGES_PER_SHARD): number[] | null {
  if (!articlesApart(articles, pagesPerShard)) return null;
  const place = new Map(searchable.slice(0, articles).map((page, i) => [page, i]));
  return planShards(searchable, undefined, pagesPerShard)
    .filter((shard) => shard.name.startsWith('articles-'))
    .flatMap((shard) => shard.pages.map((page) => place.get(page)!));
}

/**
 * Shards of the searchable pages, in a fixed order. While they fit one shard, all are in one
 * (`pages-0`): the reader pays about 15 kB a shard for a query. Past that, articles and entity
 * pages are sharded apart: an added article changes the pages of its entities, which then fall in
 * few shards. Within a group a page's shard is a hash of its path, so it stays put as the site
 * grows, until the group's shard count changes (a power of two: it doubles, rarely). `lastCounts`,
 * each group's count at the last build, is kept while its shards stay within a quarter and 1.25
 * times `pagesPerShard`: a count change indexes the whole group again, and a site of 4,000
 * articles must not do that for its 4,001st.
 */
export function planShards(pages: string[], lastCounts: Map<string, number> = new Map(), pagesPerShard = PAGES_PER_SHARD): SearchShard[] {
  // together until 1.25 times a shard's size; apart, until half of one
  const apart = lastCounts.has('articles') || lastCounts.has('entities');
  const together = pages.length <= pagesPerShard * (apart ? 0.5 : lastCounts.has(ALL_PAGES) ? 1.25 : 1);
  const groups: Record<string, string[]> = together ? { [ALL_PAGES]: pages } : { articles: [], entities: [] };
  if (!together) for (const page of pages) (page.startsWith('articles/') ? groups.articles! : groups.entities!).push(page);
  const shards: SearchShard[] = [];
  for (const [group, members] of Object.entries(groups)) {
    if (members.length === 0) continue;
    const count = together ? 1 : shardCount(members.length, pagesPerShard, lastCounts.get(group));
    const buckets: string[][] = Array.from({ length: count }, () => []);
    for (const page of members) buckets[count === 1 ? 0 : fnv1a(page) % count]!.push(page);
    buckets.forEach((bucket, i) => {
      if (bucket.length > 0) shards.push({ name: `${group}-${i}`, pages: bucket });
    });
  }
  return shards;
}

/** The group of a site whose searchable pages fit one shard. */
const ALL_PAGES = 'pages';

function shardCount(pages: number, pagesPerShard: number, last?: number): number {
  if (last !== undefined && pages <= last * pagesPerShard * 1.25 && (last === 1 || pages >= (last * pagesPerShard) / 4)) return last;
  let count = 1;
  while (count < MAX_SHARDS_PER_GROUP && count * pagesPerShard < pages) count *= 2;
  return count;
}

/** Each group's shard count, from the names of its shards (`articles-3`): the least power of two above the highest number. */
function shardCountsOf(names: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) {
    const m = /^(.+)-(\d+)$/.exec(name);
    if (!m) continue;
    let count = 1;
    while (count <= Number(m[2])) count *= 2;
    counts.set(m[1]!, Math.max(counts.get(m[1]!) ?? 1, count));
  }
  return counts;
}

let searchCodeMemo: string | null = null;

/** The code that turns pages into an index: this file, the record reader, and Pagefind's version. */
function searchCodeVersion(): string {
  if (searchCodeMemo) return searchCodeMemo;
  const hash = crypto.createHash('sha256');
  for (const file of ['site/search-shards.ts', 'site/search-index.ts', 'render/search-records.ts']) hash.update(fs.readFileSync(sourcePath(file)));
  hash.update(packageVersion('pagefind'));
  return (searchCodeMemo = hash.digest('hex'));
}

/** An installed package's version, found as Node finds the package (its exports hide package.json). */
function packageVersion(name: string): string {
  for (let dir = GENERATOR_DIR; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    if (path.dirname(dir) === dir) return '';
  }
}

/**
 * The pages that carry data-pagefind-body: articles and the first page of each entity, each
 * `<section>/<slug>/index.html`. Reading every other page would only be to skip it.
 */
const SEARCHABLE_SECTIONS = ['articles', 'companies', 'people', 'metals', 'topics'] as const;
export const SEARCHABLE_PAGE = new RegExp(`^(?:${SEARCHABLE_SECTIONS.join('|')})/[^/]+/index\\.html$`);

function searchablePages(files: string[]): string[] {
  return files.filter((f) => SEARCHABLE_PAGE.test(f)).map((f) => f.slice(0, -'index.html'.length));
}

function searchablePagesIn(siteDir: string): string[] {
  const pages: string[] = [];
  for (const section of SEARCHABLE_SECTIONS) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(siteDir, section)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const name of names) if (fs.existsSync(path.join(siteDir, section, name, 'index.html'))) pages.push(`${section}/${name}/`);
  }
  return pages;
}

export function readShardList(pagefindDir: string): ShardList | null {
  try {
    const list = JSON.parse(fs.readFileSync(path.join(pagefindDir, SHARDS_FILE), 'utf8')) as ShardList;
    return Array.isArray(list.shards) ? list : null;
  } catch {
    return null;
  }
}
