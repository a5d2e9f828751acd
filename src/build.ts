// `npm run build`: seeds → records → pages, written to a staging folder (stageSite), then indexed
// for search and swapped in whole (finishBuild, in finish-build.ts).
import fs from 'node:fs/promises';
import { existsSync, mkdirSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import v8 from 'node:v8';
import { collectArticles, type CollectOptions } from './pipeline/collect.ts';
import { formatMessage, seedsLabel, shouldShow } from './pipeline/report.ts';
import { ENTITY_KINDS, link, type LinkedArticle, type SiteData } from './link/link.ts';
import { isRecordsPlaces, placeById, recordsJsonChunks, recordsPlacesOf, textFrom, type KeptJson, type RecordsPlaces, type TextOf } from './link/records.ts';
import { NotKeptError, planOf, writeChunks, writePlanned, type RecordsJsonPlan } from './site/records-json-file.ts';
import type { SearchRecord } from './render/search-records.ts';
import { entityCutsOf, entityFolderOf, idCodes, isSiteListPage, relatedIdsOf, SiteRenderer, sitePathOf, type KeptEntityCuts } from './render/render-site.ts';
import type { KeptTimeline } from './render/collections.ts';
import { RELATED_SHOWN, relatedArticles, type EntityKind } from './render/page-models.ts';
import { changedPages, snapshotOf, type ChangedPages } from './link/page-dependencies.ts';
import { articleIdAt } from './link/article-record.ts';
import { NOT_KEYED } from './render/page-key.ts';
import { feedFiles } from './render/feeds.ts';
import { sitemapFiles, robotsTxt } from './render/sitemap.ts';
import { assetsInCache, cachedAssets, type AssetUrls } from './site/assets.ts';
import { OutputFolder } from './site/output-folder.ts';
import { checkOutputFolder } from './site/output-guard.ts';
import { articleShardOrder, RECORDS_KEPT, SEARCH_FOLDER, SHARD_MARKER, type SearchIndexResult } from './site/search-shards.ts';
import { DEFAULT_CACHE_DIR, extractorVersion, RecordCache } from './store/record-cache.ts';
import { PageManifest } from './site/page-manifest.ts';
import { finishBuild, lastSearchOf, searchWritten, type StagedPages, type StagedSite } from './finish-build.ts';
import { codeDigest, outputIntact, siteInputs } from './site/site-inputs.ts';
import { fileOf } from './site/page-file.ts';
import { linkFileSync } from './site/link-tree.ts';
import { ALL_PAGES, unchangedSince, writePages, type PageChoice, type PagesWritten, type PortableRenderOptions } from './site/write-pages.ts';
import type { RenderTask, RenderTaskResult } from './site/render-worker.ts';
import { Progress } from './pipeline/progress.ts';
import { bundledUrl } from './generator.ts';
import type { BuildMessage, HeldRecord } from './types.ts';
import { CSP, pageSettingsOf, siteSettingsOf, type BuildOptions } from './build-options.ts';

export { CSP, SITE_DESCRIPTION, SITE_TITLE, type BuildOptions } from './build-options.ts';

/** The public records (records.schema.json), in the site. */
const RECORDS_FILE = 'data/records.json';

export interface BuildResult {
  site: SiteData;
  messages: BuildMessage[];
  built: number;
  skipped: number;
  pages: number;
  /** Pages rendered anew (the rest were unchanged and linked from the last build). */
  rendered: number;
  exitCode: number;
  timings: Record<string, number>;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  let searchStarted: Promise<SearchIndexResult> | undefined;
  // in this one thread what the CLI's main thread does beside the build's: the same files made the same way
  const rendered = new Map<string, SearchRecord | null>();
  const elsewhere = {
    copyRecordsJson: async (plan: RecordsJsonPlan) => writePlanned(plan),
    onSearchRecord: (pagePath: string, record: SearchRecord) => rendered.set(pagePath, record),
  };
  // read before the site is staged, as the CLI's main thread reads it while its build's thread stages
  const lastSearch = lastSearchOf(options.outDir, options.cache, options.cacheDir ?? DEFAULT_CACHE_DIR);
  // one thread: no memory of its own to give back before Pagefind's process starts (stageSite
  // waits for the search on a failure, so it may not wait for stageSite)
  const { staged, site, messages } = await stageSite(options, {}, (written) => (searchStarted = searchWritten(written, lastSearch, rendered, Promise.resolve())), elsewhere);
  await finishBuild(staged, { ...options, searchStarted, rendered, lastSearch });
  return { site, messages, built: site.articles.length, skipped: staged.summary.skipped, pages: staged.summary.pages, rendered: staged.summary.rendered, exitCode: staged.exitCode, timings: staged.timings };
}

/**
 * Everything but the search index (a rebuild starts it meanwhile: onPagesWritten) and the swap:
 * records read and extracted, linked, every page written to the staging folder (left locked for
 * finishBuild). What it returns for finishBuild is plain data, so the CLI's build thread can end,
 * and give its memory back, before Pagefind's process takes its own (build-in-thread.ts).
 *
 * `seen`: what the CLI's main thread found out about the seeds meanwhile (collectArticles' options
 * of those names). `onPagesWritten`: told when a rebuild has written every page (searchWritten,
 * finish-build.ts; `shardsAfterStaging` above BASE_SHARDS_EARLY_MAX_ARTICLES); what it returns is waited for before
 * the staging folder is given up on a failure. `elsewhere`: what the CLI's main thread does while
 * this one renders: writes a rebuild's records.json, keeps the search records of the pages a
 * rebuild renders for the search index (handed over as each renders).
 */
export async function stageSite(options: BuildOptions, seen: SeenBefore = {}, onPagesWritten?: (written: StagedPages) => Promise<unknown> | void, elsewhere: Pick<WriteOptions, 'copyRecordsJson' | 'onSearchRecord'> = {}): Promise<{ staged: StagedSite; site: SiteData; messages: BuildMessage[] }> {
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, run: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      timings[stage] = Math.round(performance.now() - start);
    }
  };

  // a folder a build must not replace is refused before anything is written; then the lock: a
  // second build into the same folder stops at once, before any work
  checkOutputFolder(options.outDir, options);
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const output = new OutputFolder(options.outDir, cacheDir);
  await output.open();
  const manifest = new PageManifest(options.outDir, options.cache, cacheDir);
  let collected: Awaited<ReturnType<typeof collectArticles>>;
  let site: SiteData;
  let written: WriteResult;
  let pending: StagedSite['pending'] = null;
  let opened: RecordCache | undefined;
  let searching: Promise<unknown> | void = undefined;
  try {
    // a cache opened before the lock was taken is this build's only if no build saved since
    let early = await seen.cacheOpened?.catch(() => undefined);
    if (early && !early.unchangedSinceOpen()) {
      await early.dispose();
      early = undefined;
    }
    const cache = (opened = early ?? (await RecordCache.open(options.seedsDir, { enabled: options.cache, dir: cacheDir, scratch: true })));
    // the site's own CSS and JS bundled while the articles are read (a failure is the assets
    // step's to report, when it asks again)
    if (options.cache) assetsInCache(options.base, cacheDir, siteSettingsOf(options)).catch(() => undefined);
    const progress = new Progress();
    collected = await time('read+extract', async () => {
      const found = await collectArticles(options.seedsDir, { cache, ...seen, onProgress: (done, total) => progress.update('read+extract', done, total) });
      // the render thread reads whole records from their files
      await cache.flush();
      return found;
    });
    progress.done();
    site = await time('link', () => link(collected.records, undefined, undefined, options.cache ? { known: cache.knownStories() } : undefined));
    if (site.knownStories) {
      cache.keepStories(site.knownStories);
      // on its way to disk: not held through the render (100,000 keys)
      site.knownStories = undefined;
    }
    for (const m of [...collected.messages, ...site.messages]) if (shouldShow(m, options.verbose)) options.log(formatMessage(m, seedsLabel(options.seedsDir)));

    const inputs = siteInputs(collected.records, options);
    const last = options.cache ? await time('last build', () => manifest.load()) : undefined;
    if (last && last.inputs === inputs && outputIntact(options.outDir, last.keys.keys())) {
      // nothing the site is made from changed, and the folder is as the last build left it
      await output.abort();
      written = { pages: last.keys.size, paths: [], renderedPaths: [], others: [], rendered: 0, reused: last.keys.size, keys: last.keys, keysMadeWith: last.keysMadeWith };
    } else {
      // what the articles that changed since the last build can reach (null: any page)
      const { snapshot, changed } = await time('changes', () => {
        const snapshot = options.cache ? snapshotOf(site) : null;
        return { snapshot, changed: snapshot && last?.snapshot ? changedPages(snapshot, last.snapshot) : null };
      });
      // on disk while pages render, for the next build (page-manifest.ts writeSnapshot); one that
      // cannot be written leaves the next build without it, which then looks at every page
      const snapshotFile = snapshot ? manifest.writeSnapshot(snapshot).catch(() => null) : Promise.resolve(null);
      // what of the last build only those needed: let the heap have it back before pages render
      // (at 100,000 articles, a few hundred megabytes the collector otherwise works around)
      if (last) last.snapshot = null;
      const livePages = last ? [...last.keys.keys()].map(fileOf) : [];
      const staging = await time('staging', () => output.prepareStaging({ dropWhole: [RECORDS_FILE], keepLive: { folder: SEARCH_FOLDER, marker: SHARD_MARKER }, spare: last?.spare, livePages }));
      const assetFiles: string[] = [];
      const assets = await time('assets', () => cachedAssets(staging, options.base, options.cache ? cacheDir : null, siteSettingsOf(options), assetFiles));
      // no page of the last build left to keep (the output folder deleted, the cache kept): the pages
      // render as a first build's do, with few keys and the search index fed meanwhile (BENCHMARKS.md)
      const previousKeys = last && !output.keepsLastPages ? new Map<string, string>() : last?.keys;
      // a rebuild: a first build indexes its searchable pages while the rest render (onSearchablePages)
      const searchEarly = onPagesWritten && last && previousKeys!.size > 0;
      const shardsAfterStaging = site.articles.length > BASE_SHARDS_EARLY_MAX_ARTICLES;
      const pagesWritten = searchEarly ? (pages: string[], keys: Map<string, string>) => void (searching = onPagesWritten({ siteDir: staging, pages, keys, last: { dir: options.outDir }, shardsAfterStaging })) : undefined;
      written = await time('render', () => writeSite(staging, site, assets, { ...options, ...elsewhere, onPagesWritten: pagesWritten, previousDir: options.outDir, previousKeys, dataVersion: extractorVersion(), records: cache, changed, lastKeysMadeWith: last?.keysMadeWith ?? null, lastRecords: last?.records ?? null, lastRelated: last?.related ?? null, lastShapes: last?.shapes ?? null, lastTimeline: last?.timeline ?? null, lastEntityCuts: last?.entityCuts ?? null, holdsLivePage: (file) => output.holdsLivePage(file) }));
      output.finishStaging(written.paths);
      const made = snapshot && written.keysMadeWith ? { snapshotFile: await snapshotFile, keysMadeWith: written.keysMadeWith, pagesFile: await time('pages made', () => manifest.writePagesMade({ records: written.records ?? null, related: written.related ?? null, shapes: written.shapes ?? null, timeline: written.timeline ?? null, entityCuts: written.entityCuts ?? null }).catch(() => null)) } : null;
      // what the live site, about to become the spare, differs from this one in: pages rendered anew, pages gone
      const now = new Set(written.paths);
      const files = { differs: [...written.renderedPaths, ...livePages.filter((page) => !now.has(page))], others: [...assetFiles, ...written.others] };
      pending = { paths: written.paths, keys: previousKeys ? written.keys : null, inputs, last: last ? { others: last.others } : null, made, files };
    }
    // the index of the seed files, and records no file has any more removed
    await time('cache', () => cache.save());
  } catch (error) {
    // the search index being made in the staging folder is not cut short
    await Promise.resolve(searching).catch(() => undefined);
    await output.abort();
    throw error;
  } finally {
    await opened?.dispose();
  }

  const messages = [...collected.messages, ...site.messages];
  // warned: articles that built, with at least one warning; skipped: files that looked like articles but could not be used
  const builtFiles = new Set(collected.records.map((r) => r.source.relPath));
  const warned = new Set(messages.filter((m) => m.severity === 'warning' && builtFiles.has(m.file)).map((m) => m.file)).size;
  const skipped = collected.skipped.filter((s) => s.severity === 'warning').length;
  const summary = { articles: site.articles.length, cached: collected.cached, skipped, warned, pages: written.pages, rendered: written.rendered };
  const exitCode = options.strict && skipped > 0 ? 1 : 0;
  // written here, not handed to the main thread to be saved; the notes left out (BuildReport.notesLeftOut)
  if (pending) {
    const shown = messages.filter((m) => shouldShow(m, false));
    const report = { messages: shown, summary: { ...summary, cached: summary.articles, rendered: 0 }, notesLeftOut: shown.length < messages.length };
    pending.reportFile = await time('report', () => manifest.writeReport(report).catch(() => null));
  }
  return { staged: { outDir: options.outDir, cache: options.cache, cacheDir, pending, timings, summary, exitCode }, site, messages };
}

/** What the build's caller learnt or began before the build: the seeds check's findings, records extracted ahead, the record cache opened while it waited. */
export interface SeenBefore extends Pick<CollectOptions, 'extractedAhead' | 'statChecked'> {
  /** The record cache of these seeds and options, opened before the output folder was locked. */
  cacheOpened?: Promise<RecordCache>;
}

export interface WriteOptions extends Pick<BuildOptions, 'base' | 'siteUrl' | 'templatesDir' | 'publicDir' | 'site' | 'onSearchablePages' | 'onSearchablePagesWritten' | 'threads'> {
  /** The site as the last build left it: unchanged pages are hard-linked from there. */
  previousDir?: string;
  /** Input keys of the pages in previousDir (site path → key); empty for a full render. */
  previousKeys?: Map<string, string>;
  /** Digest of the stages that made the records. */
  dataVersion?: string;
  /** Where article pages read the whole records the site does not hold in memory. */
  records?: RecordCache;
  /** The pages the articles changed since the last build can reach: the others keep last time's keys, unlooked at. */
  changed?: ChangedPages | null;
  /** The render version and generator code of the last build's keys: with others, every page is looked at. */
  lastKeysMadeWith?: string | null;
  /** Where each article's JSON lies in the last build's records.json, and the file's size. */
  lastRecords?: { places: RecordsPlaces; bytes: number } | null;
  /** Each article page's related articles at the last build (relatedIdsOf). */
  lastRelated?: Map<string, string> | null;
  /** The shape of each older list page at the last build (SiteRenderer.listShape). */
  lastShapes?: Map<string, string> | null;
  /** The last build's timeline points (SiteRenderer.keptTimeline). */
  lastTimeline?: KeptTimeline | null;
  /** The last build's cuts of the entities' lists (SiteRenderer.keptEntityCuts). */
  lastEntityCuts?: KeptEntityCuts | null;
  /** Whether the folder holds the live site's own file for a page already (nothing to link). */
  holdsLivePage?: (file: string) => boolean;
  /** Told when every page is written, with their file paths and keys, before the records, feeds and sitemap. */
  onPagesWritten?: (pages: string[], keys: Map<string, string>) => void;
  /** Writes a rebuild's records.json elsewhere while the pages render (stageSite's copyRecordsJson). */
  copyRecordsJson?: CopyRecordsJson;
  /** Told of the search record of each searchable page a rebuild renders, made from its data (stageSite's onSearchRecord; up to RECORDS_KEPT). */
  onSearchRecord?: (pagePath: string, record: SearchRecord) => void;
}

/**
 * Writes a rebuild's records.json from its plan (writePlanned) while the pages render: the CLI's
 * build thread asks the main thread. Resolves to the file's size, or null when it was not written
 * (the build then writes it itself, anew).
 */
export type CopyRecordsJson = (plan: RecordsJsonPlan) => Promise<number | null>;

export interface WriteResult {
  pages: number;
  /** Every page written, as file paths (`articles/x/index.html`). */
  paths: string[];
  /** The pages rendered anew (file paths; the rest are the last build's). */
  renderedPaths: string[];
  /** The files written that are not pages (records, feeds, sitemaps, robots.txt, public files). */
  others: string[];
  rendered: number;
  reused: number;
  /** Input keys of every page written, for the next build. */
  keys: Map<string, string>;
  /** Each article page's related articles (relatedIdsOf), for the next build. */
  related?: Map<string, string>;
  /** Each older list page's shape (SiteRenderer.listShape), for the next build. */
  shapes?: Map<string, string>;
  /** The timeline's points, for the next build. */
  timeline?: KeptTimeline;
  /** The cuts of the entities' lists, for the next build. */
  entityCuts?: KeptEntityCuts;
  /** The render version and generator code the keys were made with (null: not known). */
  keysMadeWith: string | null;
  /** Where each article's JSON lies in the records.json written, and its size. */
  records?: { places: RecordsPlaces; bytes: number };
}

/**
 * From this many pages to render, a second thread renders half of them: below it, starting the
 * thread and handing it the records costs more than it saves.
 */
export const RENDER_THREAD_MIN_PAGES = 500;
/**
 * A first build renders in two threads only on a machine with this many cores: on two, V8's own
 * threads keep the second core busy, and a second render thread (which compiles the render code
 * and links the site again) costs CPU and memory for no time saved (BENCHMARKS.md, 2026-12-06).
 */
export const FIRST_BUILD_SHARED_CORES = 3;
/**
 * Above this many articles, one renderer only: a second holds its own copy of the whole site
 * (measured at 4,000 articles: peak memory 0.95 → 1.4 GB).
 */
export const RENDER_THREAD_MAX_ARTICLES = 8_000;
/**
 * A rebuild's search index is made while its last files are written. Up to this many articles,
 * base shards to index again (up to 5,000 pages each) are too; above it, when they hold more than
 * PAGES_BESIDE_THE_BUILD pages, they wait until the build's thread has ended and given its memory
 * back: Pagefind's process for them would run beside a heap of 1.7 GB at 100,000 articles. The
 * recent shard's few pages are indexed at once either way.
 */
export const BASE_SHARDS_EARLY_MAX_ARTICLES = 8_000;
/**
 * Up to this many articles added, changed or gone, the pages they reach are too few for a second
 * thread (a one-article change at 4,000 articles: 40-50 pages), so they are not sorted first.
 */
export const FEW_CHANGED = 10;

/**
 * Writes every page, the records, feeds, sitemap and public files into `dir`. A page whose input
 * key matches the one it had in `previousDir` is hard-linked from there instead of rendered.
 */
export async function writeSite(dir: string, site: SiteData, assets: AssetUrls, options: WriteOptions): Promise<WriteResult> {
  const built = new Date().toISOString().slice(0, 10);
  const urls = { base: options.base, siteUrl: options.siteUrl };
  const { previousDir, previousKeys } = options;
  const settings = siteSettingsOf(options);
  // keys are worked out whenever there is somewhere to keep them, so the next build can compare;
  // a first build keys only the pages every later build looks at (RenderOptions.firstBuild)
  const keyed = !!previousKeys?.size;
  const renderOptions: PortableRenderOptions = { ...urls, ...pageSettingsOf(options), assets, csp: CSP, built, dataVersion: options.dataVersion, firstBuild: !keyed };
  const cache = options.records;
  const recordBodies = (held: HeldRecord) => held.full ?? cache?.body(held.source.relPath, held.source.digest);
  const renderer = new SiteRenderer(site, { ...renderOptions, unchanged: unchangedSince(previousDir, previousKeys, existsSync) }, recordBodies);
  // the keys' render version and the generator's code: link code can change what a page shows too
  const keysMadeWith = `${renderer.renderVersion} ${codeDigest()}`;
  const unchangedSinceLast = !!(previousDir && previousKeys?.size && options.changed && options.lastKeysMadeWith === keysMadeWith);
  if (unchangedSinceLast && previousDir && previousKeys && options.changed) {
    // pages no changed article reaches keep last time's keys without a model (page-dependencies.ts)
    const { articles, entities, ids } = options.changed;
    if (options.lastTimeline) renderer.lastTimeline = { points: options.lastTimeline, changed: ids };
    const lastCuts = options.lastEntityCuts && entityCutsOf(options.lastEntityCuts);
    if (lastCuts) renderer.lastEntityCuts = { cuts: lastCuts, reached: entities };
    // found by the id in its page's path: no map of every article page made (100,000 entries)
    const articleAt = (pagePath: string) => {
      const id = articleIdAt(pagePath);
      return id === null ? undefined : renderer.index.articleById.get(id);
    };
    /** A neighbour of a changed article (not one itself) whose related articles are what they were, none of them changed: its page is as it was. */
    const relatedAsBefore = (pagePath: string) => {
      const a = articleAt(pagePath);
      const before = a && !ids.has(a.id) ? options.lastRelated?.get(a.id) : undefined;
      if (before === undefined) return false;
      // nothing related lists are made of changed: the list is the last one (a text edit to 100,000 articles: 0.44 s of a profiled build's lists made again)
      if (options.changed!.sameRelated) return !(before && before.split('\n').some((id) => ids.has(id)));
      const now = relatedArticles(renderer.index, a!, RELATED_SHOWN);
      return relatedIdsOf(now) === before && !now.some((r) => ids.has(r.id));
    };
    /** An older page of a list a change reached, whose articles and links are what they were, none of them changed: its page is as it was. */
    // the first of each changed article's two codes: an unchanged one that shares it only costs its page a render
    const changedCodes = new Set(idCodes([...ids]).filter((_, i) => i % 2 === 0));
    const { sameLists } = options.changed;
    const listAsBefore = (pagePath: string) => {
      // an entity's list that is the one it was (sameLists): its older page is as it was unless it holds a changed article
      const onPage = sameLists.has(pagePath.slice(0, pagePath.indexOf('/')) as EntityKind) ? renderer.entityPageArticles(pagePath) : null;
      if (onPage) return options.lastShapes?.has(pagePath) === true && !onPage.some((id) => ids.has(id));
      const now = renderer.listShape(pagePath);
      return !!now && now.shape === options.lastShapes?.get(pagePath) && !now.codes.some((code, i) => i % 2 === 0 && changedCodes.has(code));
    };
    renderer.kept = (pagePath) => {
      const folder = entityFolderOf(pagePath);
      const reached = isSiteListPage(pagePath) || (articles.has(pagePath) && !relatedAsBefore(pagePath)) || (!!folder && entities.has(folder));
      if (reached && !listAsBefore(pagePath)) return undefined;
      const key = previousKeys.get(pagePath);
      if (key === undefined) return undefined;
      // a page the staging folder holds already is kept from there (writePages); any other is
      // linked from the live folder, where it must be (a stat a page: 1.0 s at 100,000 articles)
      const file = fileOf(pagePath);
      return options.holdsLivePage?.(file) || existsSync(path.join(previousDir, file)) ? key : undefined;
    };
  }
  const textOf = textFrom((relPath, digest) => cache?.text(relPath, digest));
  const lastRecordsJson = unchangedSinceLast ? { dir: previousDir!, records: options.lastRecords, changed: options.changed!.ids } : null;
  // a rebuild's records.json is copied by the main thread while pages render (one added to 4,000:
  // 90-125 ms of this thread's time, 1.1 s at 100,000), else written here once they are (a build
  // that fails meanwhile leaves the copy to end: the main thread removes the staging folder after)
  const copying = lastRecordsJson && options.copyRecordsJson ? recordsJsonElsewhere(dir, site, textOf, lastRecordsJson, options.copyRecordsJson) : null;
  const threads = options.threads ?? (os.availableParallelism() > 1 && site.articles.length <= RENDER_THREAD_MAX_ARTICLES ? 2 : 1);
  const progress = new Progress();
  const onPage = (done: number) => progress.update('pages', done, null);

  let written: PagesWritten;
  let helped: RenderTaskResult = { keys: [], related: [], shapes: [], rendered: 0 };
  const helper = (pages: PageChoice) => renderInWorker({ records: v8.serialize(site.articles.map((a) => a.record)), recordFolder: cache?.folder ?? null, dir, options: renderOptions, pages, keys: !!previousKeys });
  if (keyed && options.onSearchRecord) {
    // a rebuild's searchable pages rendered here hand their search records on as they render: the
    // search stage reads none of them back. Few articles changed is not few pages rendered (with
    // the live pages gone every page renders, and at 100,000 articles every record handed on ran
    // the main thread out of memory): past what the search stage keeps, it reads them itself
    const handOn = options.onSearchRecord;
    let handedOn = 0;
    renderer.onSearchRecord = (pagePath, record) => handedOn++ < RECORDS_KEPT && handOn(pagePath, record);
  }
  if (!keyed) {
    // nothing to compare with: every page is rendered, by turns when there are two threads and a
    // core to spare for the second (FIRST_BUILD_SHARED_CORES)
    const pages = threads > 1 && os.availableParallelism() >= FIRST_BUILD_SHARED_CORES ? [...renderer.slots()].length : 0;
    const shared = pages >= RENDER_THREAD_MIN_PAGES;
    const other = shared ? helper({ every: 2, offset: 1 }) : null;
    // one renderer leaves a core free: the searchable pages can be indexed as they are written,
    // while the rest render
    const { onSearchablePages, onSearchablePagesWritten } = options;
    let pageWritten: ((file: string) => void) | undefined;
    if (!shared && onSearchablePages && onSearchablePagesWritten) {
      // in the order they are written (SiteRenderer's slots): the articles, then each kind's entities, the latest page of each
      let searchable = [...site.articles.map((a) => a.url), ...ENTITY_KINDS.flatMap((kind) => site[kind].map((e) => `${kind}/${e.id}/`))];
      // articles past one search shard: written shard by shard, each indexed while the rest render
      // (100,000 articles: Pagefind waited 100 s for the last article page, one core idle meanwhile)
      renderer.articleOrder = articleShardOrder(searchable, site.articles.length);
      if (renderer.articleOrder) searchable = [...renderer.articleOrder.map((i) => site.articles[i]!.url), ...searchable.slice(site.articles.length)];
      let searchableWritten = 0;
      // each page's search record made as it renders, handed on with the note that it is written:
      // the main thread indexes it without reading the page back
      let records: [string, SearchRecord][] = [];
      renderer.onSearchRecord = (pagePath, record) => records.push([pagePath, record]);
      pageWritten = (file) => {
        if (file !== `${searchable[searchableWritten]}index.html`) return;
        searchableWritten++;
        if (searchableWritten % SEARCHABLE_PAGES_A_NOTE === 0 || searchableWritten === searchable.length) {
          onSearchablePagesWritten(searchableWritten, records);
          records = [];
        }
      };
      onSearchablePages({ siteDir: dir, pages: searchable, withIds: !!previousKeys, written: 0 });
    }
    written = await writePages(dir, renderer, previousDir, shared ? { every: 2, offset: 0 } : ALL_PAGES, { onPage, onWritten: pageWritten });
    renderer.onSearchRecord = null;
    // the site's order again (the sitemap's): the article pages are one run of the paths
    if (renderer.articleOrder) written.paths = inSiteOrder(written.paths, site, renderer.articleOrder);
    written.renderedPaths = written.paths;
    if (other) helped = await other;
  } else if (threads === 1 || (unchangedSinceLast && options.changed!.ids.size <= FEW_CHANGED)) {
    // one renderer: each page linked or rendered as it comes; sorting them first is only for
    // sharing them out, and makes every page's slot (and a changed page's model) twice
    written = await writePages(dir, renderer, previousDir, ALL_PAGES, { onPage, holdsLivePage: options.holdsLivePage });
  } else {
    // first sort the pages: unchanged ones are linked now, changed ones only listed; then render
    // those, shared between two threads when there are many
    renderer.keysOnly = true;
    written = await writePages(dir, renderer, previousDir, ALL_PAGES, { onPage, holdsLivePage: options.holdsLivePage });
    renderer.keysOnly = false;
    const stale = written.stale;
    written.renderedPaths = stale.map((i) => written.paths[i]!);
    const shared = threads > 1 && stale.length >= RENDER_THREAD_MIN_PAGES;
    const other = shared ? helper({ only: stale.filter((_, i) => i % 2 === 1) }) : null;
    const mine = await writePages(dir, renderer, previousDir, { only: shared ? stale.filter((_, i) => i % 2 === 0) : stale }, { onPage });
    written.rendered += mine.rendered;
    if (other) helped = await other;
  }
  progress.done();
  const keys = renderer.pageKeys;
  for (const [pagePath, key] of helped.keys) keys.set(pagePath, key);
  if (previousKeys && !keyed) for (const file of written.paths) if (!keys.has(sitePathOf(file))) keys.set(sitePathOf(file), NOT_KEYED);
  options.onPagesWritten?.(written.paths, keys);

  const others: string[] = [RECORDS_FILE];
  // synchronous calls, one after another: as async calls, each a trip through Node's thread pool,
  // records.json's megabytes and the feeds waited on the pool for a core the search stage had
  // (one article added to 4,000: 290-400 ms; BENCHMARKS.md, 2026-12-06)
  const write = (rel: string, body: string) => {
    others.push(rel);
    const target = path.join(dir, rel);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, body);
  };
  const copied = copying && (await copying.bytes);
  const { places, bytes } = copying && copied !== null ? { places: copying.places, bytes: copied } : writeRecordsJson(dir, site, textOf, copying ? null : lastRecordsJson);
  // an entity's feed no change reached is the live site's file (its articles' dates in it, not the build's)
  const changedEntities = unchangedSinceLast ? options.changed!.entities : null;
  /** Whether the feed of an entity a change reached lists what it did: its list is the one it was (sameLists), and none of the feed's articles changed. */
  const feedAsBefore = (entity: string, articleIds: string[]) => options.changed!.sameLists.has(entity.slice(0, entity.indexOf('/')) as EntityKind) && !articleIds.some((id) => options.changed!.ids.has(id));
  for (const feed of feedFiles(site, urls, settings.title, built)) {
    const kept = changedEntities && feed.entity && !feed.showsBuildDate && (!changedEntities.has(feed.entity) || feedAsBefore(feed.entity, feed.articleIds));
    const live = kept ? path.join(previousDir!, feed.path) : null;
    if (live && existsSync(live)) {
      others.push(feed.path);
      mkdirSync(path.join(dir, feed.entity!), { recursive: true });
      linkFileSync(live, path.join(dir, feed.path));
    } else write(feed.path, feed.body());
  }
  for (const file of sitemapFiles(urls, written.paths.filter((p) => p !== '404.html'))) write(file.path, file.body);
  write('robots.txt', robotsTxt(urls));
  // the user's public files over the built-in ones
  for (const publicDir of [options.publicDir, settings.userPublicDir]) if (publicDir) others.push(...(await copyPublic(publicDir, dir)));
  // an article page kept without a model (renderer.kept, above: only in a build that knows what
  // changed) keeps last time's related articles, one gone loses them; every other was modelled
  let related = new Map<string, string>();
  if (unchangedSinceLast && options.lastRelated) {
    related = options.lastRelated;
    for (const id of options.changed!.ids) if (!renderer.index.articleById.has(id)) related.delete(id);
  }
  for (const [id, ids] of renderer.relatedIds) related.set(id, ids);
  for (const [id, ids] of helped.related) related.set(id, ids);
  // an older list page kept without a look keeps last time's shape, one gone loses it; a build
  // that keyed every page has each page in `keys`, and one that did not looked at every list page
  const shapes = new Map<string, string>();
  const lastShapes = keyed ? options.lastShapes : null;
  if (lastShapes) for (const [pagePath, shape] of lastShapes) if (keys.has(pagePath)) shapes.set(pagePath, shape);
  for (const [pagePath, shape] of renderer.listShapes) shapes.set(pagePath, shape);
  for (const [pagePath, shape] of helped.shapes) shapes.set(pagePath, shape);
  return { pages: written.paths.length, paths: written.paths, renderedPaths: written.renderedPaths, others, rendered: written.rendered + helped.rendered, reused: written.reused, keys, keysMadeWith, records: { places, bytes }, related, shapes, timeline: renderer.keptTimeline(), entityCuts: renderer.keptEntityCuts() };
}

/** What a rebuild's records.json is made from besides the site: the last build's folder and records, the articles changed since. */
interface LastRecordsJson {
  dir: string;
  records: WriteOptions['lastRecords'];
  changed: Set<string>;
}

/**
 * The pieces of records.json when an article `last` does not name as changed can be copied from
 * the last build's file, where its records say it lies (that file being the one they describe);
 * null when it cannot.
 */
function keptRecordsJson(dir: string, site: SiteData, textOf: TextOf, last: LastRecordsJson | null): { file: string; lastFile: string; chunks: Iterable<string | KeptJson>; places: RecordsPlaces } | null {
  const lastFile = last && path.join(last.dir, RECORDS_FILE);
  const lastRecords = last?.records;
  if (!lastFile || !lastRecords || !isRecordsPlaces(lastRecords.places) || statSync(lastFile, { throwIfNoEntry: false })?.size !== lastRecords.bytes) return null;
  const places = recordsPlacesOf(site);
  const lastPlace = placeById(lastRecords.places);
  const kept = (a: LinkedArticle) => (last.changed.has(a.id) ? undefined : lastPlace(a.id));
  return { file: path.join(dir, RECORDS_FILE), lastFile, chunks: recordsJsonChunks(site, textOf, kept, places.spans), places };
}

/**
 * Writes data/records.json, copying unchanged articles' JSON from the last build's file when it
 * can (keptRecordsJson); should a copy not start with its article's id, the file is written
 * again, every article made anew.
 */
function writeRecordsJson(dir: string, site: SiteData, textOf: TextOf, last: LastRecordsJson | null): { places: RecordsPlaces; bytes: number } {
  const kept = keptRecordsJson(dir, site, textOf, last);
  if (kept) {
    try {
      return { places: kept.places, bytes: writeChunks(kept.file, kept.chunks, kept.lastFile) };
    } catch (error) {
      if (!(error instanceof NotKeptError)) throw error;
    }
  }
  const places = recordsPlacesOf(site);
  return { places, bytes: writeChunks(path.join(dir, RECORDS_FILE), recordsJsonChunks(site, textOf, undefined, places.spans)) };
}

/**
 * A rebuild's records.json handed to `copy` (the main thread, which copies it while this thread
 * renders): its places, and its size once written, null when it was not (then written here anew).
 * At most COPIED_RECORDS_MAX_CHANGED articles changed: the plan holds their JSON in memory.
 */
function recordsJsonElsewhere(dir: string, site: SiteData, textOf: TextOf, last: LastRecordsJson, copy: CopyRecordsJson): { places: RecordsPlaces; bytes: Promise<number | null> } | null {
  if (last.changed.size > COPIED_RECORDS_MAX_CHANGED) return null;
  const kept = keptRecordsJson(dir, site, textOf, last);
  if (!kept) return null;
  const plan = planOf(kept.file, kept.lastFile, kept.chunks);
  return { places: kept.places, bytes: copy(plan).catch(() => null) };
}

/** Searchable pages written between two notes of how many are (onSearchablePagesWritten): a message each would cost the render. */
const SEARCHABLE_PAGES_A_NOTE = 100;

/** Above this many articles changed, records.json is written by the build's thread (recordsJsonElsewhere). */
const COPIED_RECORDS_MAX_CHANGED = 1_000;

/** Pages rendered and written by a worker thread, while this one renders the rest. */
async function renderInWorker(task: RenderTask): Promise<RenderTaskResult> {
  const { Piscina } = await import('piscina');
  const pool = new Piscina({ filename: bundledUrl('./site/render-worker.ts').href, maxThreads: 1 });
  try {
    return (await pool.run(task)) as RenderTaskResult;
  } finally {
    await pool.destroy();
  }
}

/** Copies a folder's files into the site; resolves to them (paths from the site). */
async function copyPublic(publicDir: string, dir: string): Promise<string[]> {
  let files: string[];
  try {
    const entries = await fs.readdir(publicDir, { recursive: true, withFileTypes: true });
    // a link to a file is copied as the file it points to; folders are made as their files need them
    const isFile = async (e: Dirent) => e.isFile() || (e.isSymbolicLink() && (await fs.stat(path.join(e.parentPath, e.name)).then((s) => s.isFile(), () => false)));
    files = [];
    for (const e of entries) if (await isFile(e)) files.push(path.relative(publicDir, path.join(e.parentPath, e.name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return [];
  }
  for (const file of files) {
    const target = path.join(dir, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // a new file, not one written over: a page kept from the spare folder may share its bytes with the live site
    await fs.rm(target, { force: true });
    await fs.copyFile(path.join(publicDir, file), target);
  }
  return files.map((file) => file.split(path.sep).join('/'));
}

/** Paths written with the article pages in `order` (places in the site's articles), with those pages put back in the site's order. */
function inSiteOrder(paths: string[], site: SiteData, order: readonly number[]): string[] {
  const first = paths.indexOf(`${site.articles[order[0]!]!.url}index.html`);
  return [...paths.slice(0, first), ...site.articles.map((a) => `${a.url}index.html`), ...paths.slice(first + order.length)];
}
