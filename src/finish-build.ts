// The last stages of a build, after every page is in the staging folder: the search index, the
// swap of the staging folder into place, the page keys kept for the next build, and the summary
// line. They take only plain data (StagedSite), so they can run after the thread that rendered
// the site has ended (build-in-thread.ts): the memory of a 100,000-article site is given back
// before Pagefind's process takes its own.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_ORIGIN } from './build-options.ts';
import { OutputFolder } from './site/output-folder.ts';
import { PageManifest, type LastBuild } from './site/page-manifest.ts';
import type { SearchIndexOptions, SearchIndexResult, StartedShards } from './site/search-shards.ts';
import type { SearchRecord } from './render/search-records.ts';

export interface StagedSite {
  outDir: string;
  cache: boolean;
  cacheDir: string;
  /** Null when nothing changed: the output folder was left as it was, nothing is staged. */
  pending: {
    /** Every page written, as file paths. */
    paths: string[];
    /** Input keys of the pages (null without a cache: nothing to compare with next time). */
    keys: Map<string, string> | null;
    /** The digest of everything the site was made from (siteInputs). */
    inputs: string;
    /** What the spare needs of the last build (null: there was none); the search stage reads the rest itself (lastSearchOf). */
    last: Pick<LastBuild, 'others'> | null;
    /** The files beside the page keys of the linked site's snapshot and of what the pages were made with (page-manifest.ts), and the render version the keys were made with (null without keys). */
    made: { snapshotFile: string | null; keysMadeWith: string; pagesFile: string | null } | null;
    /** The file of the build's messages and counts, for a next build that finds nothing changed (page-manifest.ts writeReport). */
    reportFile?: string | null;
    /** Pages the live site (the spare to be) differs from this one in, and this site's files that are not pages. */
    files?: { differs: string[]; others: string[] };
  } | null;
  timings: Record<string, number>;
  summary: { articles: number; cached: number; skipped: number; warned: number; pages: number; rendered: number };
  exitCode: number;
}

export interface FinishOptions {
  base: string;
  siteUrl: string | null;
  log: (line: string) => void;
  /** The article pages' search shards, when their indexing started while pages rendered. */
  startedShards?: StartedShards;
  /** The search index, when it was started as soon as every page was written (searchWritten). */
  searchStarted?: Promise<SearchIndexResult>;
  /** The search records of pages this build rendered, read as they were written (SearchIndexOptions.rendered). */
  rendered?: Map<string, SearchRecord | null>;
  /** When the build started (performance.now() of this thread): the summary gives the time since; without it, the stages' sum. */
  startedAt?: number;
  /** The last build's page keys and search state, read by this thread while the site was staged (lastSearchOf); read now when not given. */
  lastSearch?: Promise<LastSearch | null>;
}

/**
 * The share of its pages in which the replaced site may differ from the new one and still be kept
 * as the next build's spare. One edit after every page of 4,000 was rendered anew: 2.2-2.9 s with
 * the replaced site removed, 3.1-3.4 s with it kept (BENCHMARKS.md, 2026-12-07).
 */
export const SPARE_MAX_DIFFERS = 0.25;
/** Below this many pages a spare is always kept: linking every page over it again costs about a tenth of a second. */
export const SPARE_DROP_MIN_PAGES = 1_000;
/**
 * From this many pages, a build that leaves no spare (a first build, or every page rendered anew)
 * has a copy of its site made as the spare, by a process that goes on after it: else the next build
 * links every page into a fresh folder itself. Not on CI (`CI` set), where no build follows.
 */
export const SPARE_COPY_MIN_PAGES = 1_000;

/** What the search stage needs of the last build: its pages' keys and what its index holds. */
export type LastSearch = Pick<LastBuild, 'keys' | 'search'>;

/**
 * The last build's page keys and search state, for the search stage, read by the thread that
 * indexes: the build's thread, which renders, reads neither, and hands neither over (at 100,000
 * articles the state is 13 MB, read back in 0.13 s, and the two were half of the handover). Null
 * without a cache, or with no live site whose shards could be kept.
 */
export async function lastSearchOf(outDir: string, cache: boolean, cacheDir: string): Promise<LastSearch | null> {
  if (!cache || !existsSync(outDir)) return null;
  const { keys, search } = await new PageManifest(outDir, true, cacheDir).load({ search: true });
  return { keys, search };
}

/** A rebuild's pages, all in the staging folder, with what the search stage needs of the last build. */
export interface StagedPages {
  /** The staging folder. */
  siteDir: string;
  /** Every page written, as file paths. */
  pages: string[];
  /** Their input keys. */
  keys: Map<string, string>;
  /** The live site's folder, the last build's. */
  last: { dir: string };
  /** A base shard to index again waits until the site is staged (BASE_SHARDS_EARLY_MAX_ARTICLES, build.ts). */
  shardsAfterStaging?: boolean;
}

/**
 * The search index of a rebuild's pages, made while the build writes its records, feeds and
 * sitemap (Pagefind's process indexes on the other core meanwhile); handed to finishBuild.
 * `staged`: settles once the site is staged (the build's thread has ended).
 */
export function searchWritten(written: StagedPages, lastSearch: Promise<LastSearch | null>, rendered: Map<string, SearchRecord | null> | undefined, staged: Promise<unknown>): Promise<SearchIndexResult> {
  const { siteDir, pages, keys, last } = written;
  const shardsAfter = written.shardsAfterStaging ? { until: staged } : undefined;
  const made = lastSearch.then((previous) => indexStaged(siteDir, { pages, keys, previous: previous ? { dir: last.dir, keys: previous.keys, records: previous.search } : undefined, rendered, shardsAfter }));
  // a failure is finishBuild's to report, or nobody's when the build failed first
  made.catch(() => undefined);
  return made;
}

/** Pagefind's client and the shards' code, loaded only by a build that indexes. */
async function indexStaged(siteDir: string, options: SearchIndexOptions): Promise<SearchIndexResult> {
  const { indexSiteForSearch } = await import('./site/search-shards.ts');
  return indexSiteForSearch(siteDir, options);
}

/** Indexes the staged site for search, swaps it in, keeps its page keys, and prints the summary. */
export async function finishBuild(staged: StagedSite, options: FinishOptions): Promise<void> {
  const { pending, timings } = staged;
  let searchShards = '';
  if (pending) {
    const output = OutputFolder.resume(staged.outDir, staged.cacheDir);
    try {
      const start = performance.now();
      // Pagefind cannot update an index: shards whose pages' records are unchanged are linked from the last build
      const lastSearch = options.searchStarted || !pending.last ? null : await (options.lastSearch ?? lastSearchOf(staged.outDir, staged.cache, staged.cacheDir));
      const previous = lastSearch ? { dir: staged.outDir, keys: lastSearch.keys, records: lastSearch.search } : undefined;
      const search = await (options.searchStarted ?? indexStaged(output.staging, { pages: pending.paths, keys: pending.keys ?? undefined, previous, started: options.startedShards, rendered: options.rendered }));
      // with searchStarted, what was left to wait for
      timings.search = Math.round(performance.now() - start);
      const early = options.searchStarted ? ' while the records, feeds and sitemap were written' : search.indexedEarly ? ` (${search.indexedEarly} while pages rendered)` : '';
      searchShards = `, search index: ${search.indexed} of ${search.shards} shard${search.shards === 1 ? '' : 's'} indexed${early}`;
      const swap = performance.now();
      // renames only: the replaced site is removed in the background (output-folder.ts)
      // a replaced site that differs from this one in more than a quarter of its pages (every page
      // rendered anew: a new generator, template or setting) is removed, not kept: the next build
      // would link each of them over it again, which took longer than linking them into a fresh folder
      const keepSpare = !pending.files || pending.paths.length < SPARE_DROP_MIN_PAGES || pending.files.differs.length <= SPARE_MAX_DIFFERS * pending.paths.length;
      // with none kept, a copy of this site is made as the spare in the background (SPARE_COPY_MIN_PAGES)
      const copyIfNoSpare = !!pending.keys && !!pending.files && pending.paths.length >= SPARE_COPY_MIN_PAGES && !process.env.CI;
      const { spareMark, copyMark } = await output.commit(keepSpare, copyIfNoSpare);
      // the replaced site, now the spare, as the next build will find it; or the copy, this site's pages all
      const lastOthers = pending.last?.others;
      const spare = spareMark && pending.files && lastOthers ? { mark: spareMark, differs: pending.files.differs, others: lastOthers } : copyMark && pending.files ? { mark: copyMark, differs: [], others: pending.files.others } : null;
      if (pending.keys) await new PageManifest(staged.outDir, staged.cache, staged.cacheDir).save(pending.keys, pending.inputs, search.records, { ...pending.made, reportFile: pending.reportFile, spare, others: pending.files?.others });
      timings.swap = Math.round(performance.now() - swap);
    } catch (error) {
      await output.abort();
      throw error;
    }
  }
  const { articles, cached, skipped, warned, pages, rendered } = staged.summary;
  const total = options.startedAt !== undefined ? performance.now() - options.startedAt : Object.values(timings).reduce((a, b) => a + b, 0);
  options.log(
    `built ${articles} article${articles === 1 ? '' : 's'} (${cached} from cache), skipped ${skipped}, warned ${warned}; ${pages} pages (${rendered} rendered${searchShards}) in ${path.relative(process.cwd(), staged.outDir) || '.'} in ${(total / 1000).toFixed(2)} s (${Object.entries(timings).map(([k, v]) => `${k} ${v} ms`).join(', ')})`,
  );
  if (!options.siteUrl) options.log(`note: feeds and sitemap point at ${LOCAL_ORIGIN}${options.base}; set siteUrl in vite.config.ts (or build with --site-url https://your.host${options.base}) to deploy`);
  if (staged.exitCode) options.log(`--strict: ${skipped} file${skipped === 1 ? ' was' : 's were'} skipped, failing the build`);
}
