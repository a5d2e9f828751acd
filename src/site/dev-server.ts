// `npm run dev`: Vite's dev server, with the digest's pages rendered on request from the current
// records. Adding, changing or deleting a seed or a template rebuilds the records (only changed
// files are read again) and reloads the open pages; a bad file shows in the terminal and in
// Vite's error overlay, and the server keeps running.
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { createServer, mergeConfig, type InlineConfig, type Plugin, type UserConfig, type ViteDevServer } from 'vite';
import { collectArticles } from '../pipeline/collect.ts';
import { RecordCache } from '../store/record-cache.ts';
import { formatMessage, shouldShow } from '../pipeline/report.ts';
import { link, LinkMemo } from '../link/link.ts';
import { toRecords } from '../link/records.ts';
import { SiteRenderer } from '../render/render-site.ts';
import { feedFiles } from '../render/feeds.ts';
import { CLIENT_DIR, devAssetUrls } from './assets.ts';
import { watchInputs, type InputKind } from './watch-inputs.ts';
import { processFile } from '../pipeline/article-worker.ts';
import { DevSearch } from './dev-search.ts';
import { closeSearch } from './search-index.ts';
import { SEARCH_FOLDER } from './search-shards.ts';
import { SEARCH_READY_EVENT } from './client/dev-events.ts';
import { CSP, pageSettingsOf, siteSettingsOf, type BuildOptions } from '../build-options.ts';

export interface DevOptions extends BuildOptions {
  port: number | null;
  /** Do not print Vite's banner (tests). */
  quiet?: boolean;
  /** The config file's Vite options and plugins besides newsDigest. */
  vite?: UserConfig;
}

/** Vite's client injects styles and talks over a WebSocket: the dev CSP allows just that. */
const DEV_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace("connect-src 'self'", "connect-src 'self' ws: wss:");

export async function startDevServer(options: DevOptions): Promise<ViteDevServer> {
  const settings = siteSettingsOf(options);
  const server = await createServer(
    mergeConfig(options.vite ?? {}, {
      root: CLIENT_DIR,
      base: options.base,
      configFile: false,
      appType: 'custom',
      // the user's public folder over the built-in one: Vite serves one, so the user's when given
      publicDir: settings.userPublicDir ?? options.publicDir,
      logLevel: options.quiet ? 'error' : 'info',
      server: { port: options.port ?? options.vite?.server?.port ?? 5173, fs: { allow: [CLIENT_DIR, path.dirname(CLIENT_DIR), ...settings.css.map((css) => path.dirname(css))] } },
      plugins: [digestPages(options)],
    } satisfies InlineConfig),
  );
  await server.listen();
  if (!options.quiet) server.printUrls();
  return server;
}

function digestPages(options: DevOptions): Plugin {
  const settings = siteSettingsOf(options);
  let renderer: SiteRenderer | null = null;
  /** records.json of the current site, made when first asked for (most reloads never ask). */
  let records: ReturnType<typeof toRecords> | null = null;
  let pending: Promise<void> | null = null;
  let dirty = true;
  let cache: RecordCache | null = null;
  let currentError: string | null = null;
  // each rebuild links nearly the same records: an unchanged article keeps its linked form
  const linkMemo = new LinkMemo();
  let liveServer: ViteDevServer | null = null;
  const search = new DevSearch(options.log, () => liveServer?.ws.send({ type: 'custom', event: SEARCH_READY_EVENT }));

  /** Seed files changed since the last rebuild, as the watcher reported them; null: check every file. */
  let changedSeeds: Set<string> | null = null;

  async function rebuild(server: ViteDevServer): Promise<void> {
    const start = performance.now();
    const firstBuild = !cache;
    // the first build reads the cache from disk; later ones reuse the records of the one before
    if (cache) cache.rollover();
    else cache = await RecordCache.open(options.seedsDir, { enabled: options.cache, dir: options.cacheDir, keepInMemory: true });
    const changed = changedSeeds;
    changedSeeds = new Set();
    let collected: Awaited<ReturnType<typeof collectArticles>>;
    try {
      collected = await collectArticles(options.seedsDir, { cache, changed: changed ?? undefined });
    } catch (error) {
      changedSeeds = null;
      throw error;
    }
    if (firstBuild) {
      warmUp(options.seedsDir, collected.records.slice(0, WARM_UP_ARTICLES).map((r) => r.source.relPath), () => renderer?.pageAt(renderer.site.articles[0]?.url ?? ''));
      // so that `npm run build` after a dev session starts warm
      cache.save().catch((error: unknown) => options.log(`dev: the record cache was not saved: ${error instanceof Error ? error.message : error}`));
    }
    const site = link(collected.records, undefined, linkMemo);
    const recordCache = cache;
    renderer = new SiteRenderer(site, {
      base: options.base,
      siteUrl: options.siteUrl,
      ...pageSettingsOf(options),
      assets: devAssetUrls(options.base, settings.css),
      csp: DEV_CSP,
      built: new Date().toISOString().slice(0, 10),
    }, (held) => held.full ?? recordCache.body(held.source.relPath, held.source.digest));
    records = null;
    search.refresh(renderer);
    const messages = [...collected.messages, ...site.messages];
    for (const m of messages) if (shouldShow(m, options.verbose)) options.log(formatMessage(m));
    options.log(`digest: ${site.articles.length} articles ready in ${Math.round(performance.now() - start)} ms`);
    const errors = messages.filter((m) => m.severity === 'error');
    currentError = errors.length ? errors.map((m) => formatMessage(m)).join('\n') : null;
  }

  /** Pages reload after every change; a page that connects while a seed is bad is shown why. */
  function showCurrentError(server: ViteDevServer): void {
    if (currentError) server.ws.send({ type: 'error', err: { message: currentError, stack: '', plugin: 'metals-news-digest' } });
  }

  /** Rebuilds once per burst of changes; a change made during a rebuild gets one more. */
  function ensureFresh(server: ViteDevServer): Promise<void> {
    if (pending) return dirty ? pending.then(() => ensureFresh(server)) : pending;
    if (!dirty && renderer) return Promise.resolve();
    dirty = false;
    pending = rebuild(server).finally(() => {
      pending = null;
    });
    return pending;
  }

  return {
    name: 'metals-news-digest:pages',
    configureServer(server) {
      liveServer = server;
      const seedsDir = path.resolve(options.seedsDir);
      const inputs: [InputKind, string][] = [
        ['seeds', seedsDir],
        ['templates', path.resolve(options.templatesDir)],
        ...(settings.userTemplatesDir ? [['templates', path.resolve(settings.userTemplatesDir)] as [InputKind, string]] : []),
      ];
      const changedInput = (kind: InputKind, relPath: string | null) => {
        if (kind === 'seeds') {
          if (relPath === null) changedSeeds = null;
          else changedSeeds?.add(relPath);
        }
        dirty = true;
        ensureFresh(server).then(
          () => server.ws.send({ type: 'full-reload', path: '*' }),
          (error: unknown) => {
            currentError = String(error instanceof Error ? error.message : error);
            showCurrentError(server);
          },
        );
      };
      try {
        const stop = watchInputs(inputs, changedInput, (error) => options.log(`dev: watching stopped: ${error.message}`));
        server.httpServer?.once('close', stop);
      } catch {
        // no recursive fs.watch here: Vite's watcher, slower in big folders but everywhere
        server.watcher.add(inputs.map(([, dir]) => dir));
        server.watcher.on('all', (_event, file) => {
          const abs = path.resolve(file);
          for (const [kind, dir] of inputs) {
            if (abs.startsWith(dir + path.sep)) return changedInput(kind, path.relative(dir, abs).split(path.sep).join('/'));
          }
        });
      }
      server.ws.on('connection', () => showCurrentError(server));
      // the search index's files, before Vite's own middleware takes .js and .json for modules
      server.middlewares.use(async (req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (!url.pathname.startsWith(`${options.base}${SEARCH_FOLDER}/`)) return next();
        try {
          await ensureFresh(server);
          const file = search.file(decodeURIComponent(url.pathname.slice(options.base.length)));
          if (!file) return next();
          res.statusCode = 200;
          res.setHeader('Content-Type', file.type);
          res.setHeader('Cache-Control', 'no-store');
          res.end(file.body);
        } catch (error) {
          next(error);
        }
      });
      server.httpServer?.once('close', () => void closeSearch());
      return () => {
        server.middlewares.use(async (req, res, next) => {
          try {
            const url = new URL(req.url ?? '/', 'http://localhost');
            if (!url.pathname.startsWith(options.base)) return next();
            const sitePath = decodeURIComponent(url.pathname.slice(options.base.length));
            await ensureFresh(server);
            if (sitePath === 'data/records.json') return send(res, 200, 'application/json', JSON.stringify((records ??= toRecords(renderer!.site))));
            if (sitePath === 'feed.xml' || sitePath.endsWith('/feed.xml') || sitePath === 'feed.json') {
              for (const f of feedFiles(renderer!.site, { base: options.base, siteUrl: options.siteUrl }, settings.title, new Date().toISOString().slice(0, 10))) {
                if (f.path === sitePath) return send(res, 200, sitePath.endsWith('.json') ? 'application/feed+json' : 'application/atom+xml', f.body());
              }
            }
            if (sitePath !== '' && !sitePath.endsWith('/') && !sitePath.endsWith('.html')) return next();
            const page = renderer!.pageAt(sitePath);
            if (page) return send(res, 200, 'text/html', await server.transformIndexHtml(req.url ?? '/', page.html));
            const notFound = renderer!.pageAt('404.html')!;
            return send(res, 404, 'text/html', await server.transformIndexHtml(req.url ?? '/', notFound.html));
          } catch (error) {
            next(error);
          }
        });
      };
    },
  };
}

/**
 * Articles the extractor runs on in this thread after start, one at a time off the request path:
 * the extractor runs slowly until V8 has compiled it, and warmed on one article, the rebuilds for the
 * first three articles added after start took 47-150 ms to collect them against 30-50 once warm (4,000
 * articles, BENCHMARKS.md).
 */
const WARM_UP_ARTICLES = 8;

/**
 * Runs the extractor on a few articles and renders a page in this thread, off the request path, so
 * the first articles added after start do not also pay for loading the word lists and compiling
 * rules and templates (the records of a big folder were made in worker threads, or came from the
 * cache).
 */
function warmUp(seedsDir: string, relPaths: string[], renderPage: () => void): void {
  if (relPaths.length === 0) return;
  const next = (i: number) => {
    if (i === 0) renderPage();
    void processFile({ absPath: path.join(seedsDir, relPaths[i]!), relPath: relPaths[i]! });
    if (i + 1 < relPaths.length) setTimeout(() => next(i + 1), 0).unref();
  };
  setTimeout(() => next(0), 50).unref();
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.end(body);
}
