// The last stages of a build, after every page is in the staging folder: the search index, the
// swap of the staging folder into place, the page keys kept for the next build, and the summary
// line. They take only plain data (StagedSite), so they can run after the thread that rendered
// the site has ended (build-in-thread.ts): the memory of a 100,000-article site is given back
// before Pagefind's process takes its own.
import path from 'node:path';
import { LOCAL_ORIGIN } from './render/feeds.ts';
import { OutputFolder } from './site/output-folder.ts';
import { PageManifest } from './site/page-manifest.ts';
import { indexSiteForSearch, type SearchState, type StartedShards } from './site/search-shards.ts';

export interface StagedSite {
  outDir: string;
  cache: boolean;
  cacheDir: string;
  /** Null when nothing changed: the output folder was left as it was, nothing is staged. */
  pending: {
    /** Every page written, as file paths. */
    paths: string[];
    /** The id of the build's manifest, staged by its thread for the next build (null without a cache: nothing to compare with next time). */
    manifest: string | null;
    /** The last build's search index, and the searchable pages (site paths) whose input key it did not have (null: no last build to compare with). */
    search: { last: SearchState | null; changed: string[] } | null;
    /** Pages the live site (the spare to be) differs from this one in, this site's files that are not pages, and the last build's. */
    files?: { differs: string[]; others: string[]; lastOthers: string[] | null };
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
}

/** Indexes the staged site for search, swaps it in, keeps its page keys, and prints the summary. */
export async function finishBuild(staged: StagedSite, options: FinishOptions): Promise<void> {
  const { pending, timings } = staged;
  let searchShards = '';
  if (pending) {
    const output = OutputFolder.resume(staged.outDir, staged.cacheDir);
    const manifest = new PageManifest(staged.outDir, staged.cache, staged.cacheDir);
    try {
      const start = performance.now();
      // Pagefind cannot update an index: shards whose pages' records are unchanged are linked from the last build
      const previous = pending.search && { dir: staged.outDir, records: pending.search.last, changed: new Set(pending.search.changed) };
      const search = await indexSiteForSearch(output.staging, { pages: pending.paths, keyed: pending.manifest !== null, previous: previous ?? undefined, started: options.startedShards });
      timings.search = Math.round(performance.now() - start);
      const early = search.indexedEarly ? ` (${search.indexedEarly} while pages rendered)` : '';
      searchShards = `, search index: ${search.indexed} of ${search.shards} shard${search.shards === 1 ? '' : 's'} indexed${early}`;
      const swap = performance.now();
      // renames only: the replaced site is removed in the background (output-folder.ts)
      const { spareMark } = await output.commit();
      // the replaced site, now the spare, as the next build will find it
      const lastOthers = pending.files?.lastOthers;
      const spare = spareMark && pending.files && lastOthers ? { mark: spareMark, differs: pending.files.differs, others: lastOthers } : null;
      if (pending.manifest) await manifest.commit(pending.manifest, { search: search.records, spare, others: pending.files?.others ?? null });
      timings.swap = Math.round(performance.now() - swap);
    } catch (error) {
      await output.abort();
      await manifest.discard();
      throw error;
    }
  }
  const { articles, cached, skipped, warned, pages, rendered } = staged.summary;
  const total = Object.values(timings).reduce((a, b) => a + b, 0);
  options.log(
    `built ${articles} article${articles === 1 ? '' : 's'} (${cached} from cache), skipped ${skipped}, warned ${warned}; ${pages} pages (${rendered} rendered${searchShards}) in ${path.relative(process.cwd(), staged.outDir) || '.'} in ${(total / 1000).toFixed(2)} s (${Object.entries(timings).map(([k, v]) => `${k} ${v} ms`).join(', ')})`,
  );
  if (!options.siteUrl) options.log(`note: feeds and sitemap point at ${LOCAL_ORIGIN}${options.base}; set siteUrl in vite.config.ts (or build with --site-url https://your.host${options.base}) to deploy`);
  if (staged.exitCode) options.log(`--strict: ${skipped} file${skipped === 1 ? ' was' : 's were'} skipped, failing the build`);
}
