// `npm run build`: seeds → records → pages, written to a staging folder and swapped in whole.
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { collectArticles } from './pipeline/collect.ts';
import { formatMessage, shouldShow } from './pipeline/report.ts';
import { link, type SiteData } from './link/link.ts';
import { toRecords } from './link/records.ts';
import { REUSED, SiteRenderer } from './render/render-site.ts';
import { feedFiles, LOCAL_ORIGIN } from './render/feeds.ts';
import { sitemapXml, robotsTxt } from './render/sitemap.ts';
import { cachedAssets, type AssetUrls } from './site/assets.ts';
import { OutputFolder } from './site/output-folder.ts';
import { indexForSearch } from './site/search-index.ts';
import { DEFAULT_CACHE_DIR, extractorVersion, RecordCache } from './pipeline/record-cache.ts';
import { PageManifest, sameKeys } from './site/page-manifest.ts';
import { linkFile, linkTree } from './site/link-tree.ts';
import { Progress } from './pipeline/progress.ts';
import type { BuildMessage } from './types.ts';

export interface BuildOptions {
  seedsDir: string;
  outDir: string;
  base: string;
  siteUrl: string | null;
  templatesDir: string;
  publicDir: string;
  strict: boolean;
  verbose: boolean;
  /** Reuse per-article records of unchanged files (node_modules/.cache); --no-cache turns it off. */
  cache: boolean;
  /** Where the cache lives (default node_modules/.cache/metals-news-digest). */
  cacheDir?: string;
  /** Where messages and the summary go (the terminal by default). */
  log: (line: string) => void;
}

export const SITE_TITLE = 'Metals News Digest';
export const SITE_DESCRIPTION = 'Metals and mining news: companies, people, metals, figures and quotes, linked.';

/** Pages run no inline script; Pagefind's search needs WebAssembly. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

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
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, run: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      timings[stage] = Math.round(performance.now() - start);
    }
  };

  // the lock first: a second build into the same folder stops at once, before any work
  const output = new OutputFolder(options.outDir);
  await output.open();
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const manifest = new PageManifest(options.outDir, options.cache, cacheDir);
  let collected: Awaited<ReturnType<typeof collectArticles>>;
  let site: SiteData;
  let written: WriteResult;
  try {
    const cache = await RecordCache.open(options.seedsDir, { enabled: options.cache, dir: cacheDir });
    const progress = new Progress();
    collected = await time('read+extract', () => collectArticles(options.seedsDir, { cache, onProgress: (done, total) => progress.update('read+extract', done, total) }));
    progress.done();
    site = await time('link', () => link(collected.records));
    for (const m of [...collected.messages, ...site.messages]) if (shouldShow(m, options.verbose)) options.log(formatMessage(m, relativeLabel(options.seedsDir)));

    const assets = await time('assets', () => cachedAssets(output.staging, options.base, options.cache ? cacheDir : null));
    const previousKeys = options.cache ? await manifest.load() : undefined;
    written = await time('render', () => writeSite(output.staging, site, assets, { ...options, previousDir: options.outDir, previousKeys, dataVersion: extractorVersion() }));
    // Pagefind cannot update an index: an unchanged site keeps the last one, any change rebuilds it
    const previousIndex = path.join(options.outDir, 'pagefind');
    const sameIndex = !!previousKeys && written.rendered === 0 && sameKeys(previousKeys, written.keys) && existsSync(previousIndex);
    await time('search', () => (sameIndex ? linkTree(previousIndex, path.join(output.staging, 'pagefind')) : indexForSearch(output.staging).then(() => undefined)));
    await output.commit();
    await manifest.save(written.keys);
    await cache.save();
  } catch (error) {
    await output.abort();
    throw error;
  }

  const messages = [...collected.messages, ...site.messages];
  // warned: articles that built, with at least one warning; skipped: files that looked like articles but could not be used
  const builtFiles = new Set(collected.records.map((r) => r.source.relPath));
  const warned = new Set(messages.filter((m) => m.severity === 'warning' && builtFiles.has(m.file)).map((m) => m.file)).size;
  const skippedArticles = collected.skipped.filter((s) => s.severity === 'warning').length;
  const total = Object.values(timings).reduce((a, b) => a + b, 0);
  options.log(
    `built ${site.articles.length} article${site.articles.length === 1 ? '' : 's'} (${collected.cached} from cache), skipped ${skippedArticles}, warned ${warned}; ${written.pages} pages (${written.rendered} rendered) in ${path.relative(process.cwd(), options.outDir) || '.'} in ${(total / 1000).toFixed(2)} s (${Object.entries(timings).map(([k, v]) => `${k} ${v} ms`).join(', ')})`,
  );
  if (!options.siteUrl) options.log(`note: feeds and sitemap point at ${LOCAL_ORIGIN}${options.base}; build with --site-url https://your.host${options.base} to deploy`);
  const exitCode = options.strict && skippedArticles > 0 ? 1 : 0;
  if (exitCode) options.log(`--strict: ${skippedArticles} file${skippedArticles === 1 ? ' was' : 's were'} skipped, failing the build`);
  return { site, messages, built: site.articles.length, skipped: skippedArticles, pages: written.pages, rendered: written.rendered, exitCode, timings };
}

function relativeLabel(seedsDir: string): string {
  const rel = path.relative(process.cwd(), path.resolve(seedsDir));
  return rel ? `${rel.split(path.sep).join('/')}/` : '';
}

export interface WriteOptions extends Pick<BuildOptions, 'base' | 'siteUrl' | 'templatesDir' | 'publicDir'> {
  /** The site as the last build left it: unchanged pages are hard-linked from there. */
  previousDir?: string;
  /** Input keys of the pages in previousDir (site path → key); empty for a full render. */
  previousKeys?: Map<string, string>;
  /** Digest of the stages that made the records. */
  dataVersion?: string;
}

export interface WriteResult {
  pages: number;
  rendered: number;
  reused: number;
  /** Input keys of every page written, for the next build. */
  keys: Map<string, string>;
}

/** Pages written at once: enough to keep the disk busy, few enough to keep memory flat. */
const WRITE_CONCURRENCY = 16;

/** The file a site path is served from. */
const fileOf = (sitePath: string) => (sitePath === '' || sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath);

/**
 * Writes every page, the records, feeds, sitemap and public files into `dir`. A page whose input
 * key matches the one it had in `previousDir` is hard-linked from there instead of rendered.
 */
export async function writeSite(dir: string, site: SiteData, assets: AssetUrls, options: WriteOptions): Promise<WriteResult> {
  const built = new Date().toISOString().slice(0, 10);
  const urls = { base: options.base, siteUrl: options.siteUrl };
  const { previousDir, previousKeys } = options;
  // keys are worked out whenever there is somewhere to keep them, so the next build can compare
  const unchanged = previousKeys ? (sitePath: string, key: string) => !!previousDir && previousKeys.get(sitePath) === key && existsSync(path.join(previousDir, fileOf(sitePath))) : undefined;
  const renderer = new SiteRenderer(site, { ...urls, templatesDir: options.templatesDir, title: SITE_TITLE, description: SITE_DESCRIPTION, assets, csp: CSP, built, dataVersion: options.dataVersion, unchanged });
  const madeDirs = new Set<string>();
  const ensureParent = async (target: string) => {
    const parent = path.dirname(target);
    if (!madeDirs.has(parent)) {
      await fs.mkdir(parent, { recursive: true });
      madeDirs.add(parent);
    }
  };
  const write = async (rel: string, body: string) => {
    const target = path.join(dir, rel);
    await ensureParent(target);
    await fs.writeFile(target, body);
  };
  const pagePaths: string[] = [];
  let reused = 0;
  const inFlight = new Set<Promise<void>>();
  const progress = new Progress();
  for (const page of renderer.pages()) {
    pagePaths.push(page.path);
    let job: Promise<void>;
    if (page.html === REUSED) {
      reused++;
      const target = path.join(dir, page.path);
      job = ensureParent(target).then(() => linkFile(path.join(previousDir!, page.path), target));
    } else job = write(page.path, page.html);
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
    if (inFlight.size >= WRITE_CONCURRENCY) await Promise.race(inFlight);
    progress.update('pages', pagePaths.length, null);
  }
  await Promise.all(inFlight);
  progress.done();
  await write('data/records.json', JSON.stringify(toRecords(site)));
  for (const feed of feedFiles(site, urls, SITE_TITLE, built)) await write(feed.path, feed.body);
  await write('sitemap.xml', sitemapXml(urls, pagePaths.filter((p) => p !== '404.html')));
  await write('robots.txt', robotsTxt(urls));
  await copyPublic(options.publicDir, dir);
  return { pages: pagePaths.length, rendered: pagePaths.length - reused, reused, keys: renderer.pageKeys };
}

async function copyPublic(publicDir: string, dir: string): Promise<void> {
  try {
    await fs.cp(publicDir, dir, { recursive: true, force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
