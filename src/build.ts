// `npm run build`: seeds → records → pages, written to a staging folder and swapped in whole.
import fs from 'node:fs/promises';
import path from 'node:path';
import { collectArticles } from './pipeline/collect.ts';
import { formatMessage, shouldShow } from './pipeline/report.ts';
import { link, type SiteData } from './link/link.ts';
import { toRecords } from './link/records.ts';
import { SiteRenderer } from './render/render-site.ts';
import { feedFiles, LOCAL_ORIGIN } from './render/feeds.ts';
import { sitemapXml, robotsTxt } from './render/sitemap.ts';
import { cachedAssets, type AssetUrls } from './site/assets.ts';
import { OutputFolder } from './site/output-folder.ts';
import { indexForSearch } from './site/search-index.ts';
import { DEFAULT_CACHE_DIR, RecordCache } from './pipeline/record-cache.ts';
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

  const cache = await RecordCache.open(options.seedsDir, { enabled: options.cache });
  const progress = new Progress();
  const collected = await time('read+extract', () => collectArticles(options.seedsDir, { cache, onProgress: (done, total) => progress.update('read+extract', done, total) }));
  progress.done();
  const site = await time('link', () => link(collected.records));
  const messages = [...collected.messages, ...site.messages];

  const output = new OutputFolder(options.outDir);
  await output.open();
  let pages = 0;
  try {
    const assets = await time('assets', () => cachedAssets(output.staging, options.base, options.cache ? DEFAULT_CACHE_DIR : null));
    pages = await time('render', () => writeSite(output.staging, site, assets, options));
    await time('search', () => indexForSearch(output.staging));
    await output.commit();
    await cache.save();
  } catch (error) {
    await output.abort();
    throw error;
  }

  for (const m of messages) if (shouldShow(m, options.verbose)) options.log(formatMessage(m, relativeLabel(options.seedsDir)));
  const warned = new Set(messages.filter((m) => m.severity === 'warning').map((m) => m.file)).size;
  const skippedArticles = collected.skipped.filter((s) => s.severity === 'warning').length;
  const total = Object.values(timings).reduce((a, b) => a + b, 0);
  options.log(
    `built ${site.articles.length} article${site.articles.length === 1 ? '' : 's'} (${collected.cached} from cache), skipped ${skippedArticles}, warned ${warned}; ${pages} pages in ${path.relative(process.cwd(), options.outDir) || '.'} in ${(total / 1000).toFixed(2)} s (${Object.entries(timings).map(([k, v]) => `${k} ${v} ms`).join(', ')})`,
  );
  if (!options.siteUrl) options.log(`note: feeds and sitemap point at ${LOCAL_ORIGIN}${options.base}; build with --site-url https://your.host${options.base} to deploy`);
  const exitCode = options.strict && skippedArticles > 0 ? 1 : 0;
  if (exitCode) options.log(`--strict: ${skippedArticles} file${skippedArticles === 1 ? ' was' : 's were'} skipped, failing the build`);
  return { site, messages, built: site.articles.length, skipped: skippedArticles, pages, exitCode, timings };
}

function relativeLabel(seedsDir: string): string {
  const rel = path.relative(process.cwd(), path.resolve(seedsDir));
  return rel ? `${rel.split(path.sep).join('/')}/` : '';
}

/** Writes every page, the records, feeds, sitemap and public files into `dir`; returns the page count. */
export async function writeSite(dir: string, site: SiteData, assets: AssetUrls, options: Pick<BuildOptions, 'base' | 'siteUrl' | 'templatesDir' | 'publicDir'>): Promise<number> {
  const built = new Date().toISOString().slice(0, 10);
  const urls = { base: options.base, siteUrl: options.siteUrl };
  const renderer = new SiteRenderer(site, { ...urls, templatesDir: options.templatesDir, title: SITE_TITLE, description: SITE_DESCRIPTION, assets, csp: CSP, built });
  const madeDirs = new Set<string>();
  const write = async (rel: string, body: string) => {
    const target = path.join(dir, rel);
    const parent = path.dirname(target);
    if (!madeDirs.has(parent)) {
      await fs.mkdir(parent, { recursive: true });
      madeDirs.add(parent);
    }
    await fs.writeFile(target, body);
  };
  const pagePaths: string[] = [];
  for (const page of renderer.pages()) {
    await write(page.path, page.html);
    pagePaths.push(page.path);
  }
  await write('data/records.json', JSON.stringify(toRecords(site)));
  for (const feed of feedFiles(site, urls, SITE_TITLE, built)) await write(feed.path, feed.body);
  await write('sitemap.xml', sitemapXml(urls, pagePaths.filter((p) => p !== '404.html')));
  await write('robots.txt', robotsTxt(urls));
  await copyPublic(options.publicDir, dir);
  return pagePaths.length;
}

async function copyPublic(publicDir: string, dir: string): Promise<void> {
  try {
    await fs.cp(publicDir, dir, { recursive: true, force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
