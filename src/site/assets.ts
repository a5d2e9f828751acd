// The site's own CSS and JS, bundled once by Vite (not one Rollup input per page: pages are
// written by the generator, with the hashed asset URLs read from Vite's manifest).
import path from 'node:path';
import fs from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import crypto from 'node:crypto';
import { GENERATOR_DIR } from '../generator.ts';
import { createRequire } from 'node:module';
import { linkTree } from './link-tree.ts';
import type { SiteSettings } from '../build-options.ts';

/**
 * Vite's version, for the bundle's cache key, read without loading Vite: a build whose bundle is
 * cached never imports it (about half a second of every warm build).
 */
const viteVersion = (createRequire(import.meta.url)('vite/package.json') as { version: string }).version;

// the site's own CSS and TypeScript, which Vite bundles: always from the sources (the package ships them)
export const CLIENT_DIR = path.join(GENERATOR_DIR, 'src', 'site', 'client');
export const CLIENT_ENTRY = 'main.ts';
const SEARCH_SCRIPT = 'search.ts';

export interface AssetUrls {
  css: string[];
  js: string[];
  /** The search page's script, which the entry imports there: the search page preloads it. */
  searchJs?: string;
}

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  css?: string[];
  isEntry?: boolean;
}

/**
 * The client bundle for `base`, built once per version of the client sources: kept in
 * `cacheDir`, hard-linked into the site (the files linked added to `linked`). Returns the URLs pages link to.
 */
export async function cachedAssets(outDir: string, base: string, cacheDir: string | null, settings: AssetSettings = NO_SETTINGS, linked?: string[]): Promise<AssetUrls> {
  if (!cacheDir) return buildAssets(outDir, base, settings);
  const dir = await assetsInCache(base, cacheDir, settings);
  linked?.push(...(await linkTree(path.join(dir, 'site'), outDir)));
  return JSON.parse(await fs.readFile(path.join(dir, 'urls.json'), 'utf8')) as AssetUrls;
}

/** The cache folders whose bundle this process is making now: a second ask waits for the first. */
const bundling = new Map<string, Promise<string>>();

/**
 * The cache's folder of the bundle for these settings, bundled first when it is not there. A build
 * asks while its articles are read (stageSite) and links it into its site later: a first build's
 * bundling (about 0.3 s) was the only work on a core between its articles and its pages.
 */
export function assetsInCache(base: string, cacheDir: string, settings: AssetSettings = NO_SETTINGS): Promise<string> {
  const dir = path.join(cacheDir, `assets-${clientDigest(base, settings)}`);
  let made = bundling.get(dir);
  if (!made) {
    made = bundleInto(dir, base, settings).finally(() => bundling.delete(dir));
    bundling.set(dir, made);
  }
  return made;
}

async function bundleInto(dir: string, base: string, settings: AssetSettings): Promise<string> {
  if (existsSync(path.join(dir, 'urls.json'))) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  await fs.rm(tmp, { recursive: true, force: true });
  const urls = await buildAssets(path.join(tmp, 'site'), base, settings);
  await fs.writeFile(path.join(tmp, 'urls.json'), JSON.stringify(urls));
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rename(tmp, dir);
  return dir;
}

/** What the settings add to the bundle: the user's stylesheets, and the config file's Vite plugins and options. */
export type AssetSettings = Pick<SiteSettings, 'css' | 'configFile' | 'configDigest'>;
const NO_SETTINGS: AssetSettings = { css: [], configFile: null, configDigest: 'none' };

function clientDigest(base: string, settings: AssetSettings): string {
  const hash = crypto.createHash('sha256').update(viteVersion).update('\0').update(base).update('\0').update(settings.configDigest);
  for (const name of readdirSync(CLIENT_DIR).sort()) hash.update('\0').update(name).update('\0').update(readFileSync(path.join(CLIENT_DIR, name)));
  for (const css of settings.css) hash.update('\0').update(css).update('\0').update(existsSync(css) ? readFileSync(css) : '');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Bundles the client, and the user's stylesheets after it, into `<outDir>/assets/` with the config
 * file's Vite options and plugins (a plugin's generateBundle reaches the site). Returns the URLs
 * pages link to.
 */
export async function buildAssets(outDir: string, base: string, settings: AssetSettings = NO_SETTINGS): Promise<AssetUrls> {
  const { build: viteBuild, mergeConfig } = await import('vite');
  // the config's loader (and zod, its schema: 50 ms to load) only when the bundle is made: a build whose bundle is cached never needs them
  const { loadConfig } = await import('../config-file.ts');
  const user = settings.configFile ? (await loadConfig(path.dirname(settings.configFile), settings.configFile, 'build')).vite : {};
  for (const css of settings.css) if (!existsSync(css)) throw new Error(`settings: the stylesheet ${css} (css) does not exist`);
  const input: Record<string, string> = { main: path.join(CLIENT_DIR, CLIENT_ENTRY) };
  settings.css.forEach((css, i) => (input[`user-${i}`] = css));
  await viteBuild(
    mergeConfig(user, {
      root: CLIENT_DIR,
      base,
      logLevel: 'warn',
      configFile: false,
      publicDir: false,
      build: {
        outDir,
        emptyOutDir: false,
        manifest: '.vite/manifest.json',
        assetsDir: 'assets',
        rollupOptions: { input },
      },
    }),
  );
  const manifestPath = path.join(outDir, '.vite/manifest.json');
  const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  await fs.rm(path.join(outDir, '.vite'), { recursive: true, force: true });
  const entries = Object.values(manifest).filter((c) => c.isEntry);
  const entry = manifest[CLIENT_ENTRY] ?? entries.find((c) => c.name === 'main');
  if (!entry) throw new Error(`Vite's manifest has no entry for ${CLIENT_ENTRY}`);
  // the user's stylesheets after the site's own, in the order the settings give them
  const userCss = settings.css.flatMap((_, i) => entries.filter((c) => c.name === `user-${i}`).flatMap((c) => [c.file, ...(c.css ?? [])].filter((f) => f.endsWith('.css'))));
  const search = manifest[SEARCH_SCRIPT];
  return { css: [...(entry.css ?? []), ...userCss].map((f) => `${base}${f}`), js: [`${base}${entry.file}`], ...(search ? { searchJs: `${base}${search.file}` } : {}) };
}

/** In `npm run dev`, Vite serves the client sources, and the user's stylesheets, itself, with hot reload. */
export function devAssetUrls(base: string, css: string[] = []): AssetUrls {
  return { css: css.map((file) => `${base}@fs${file.split(path.sep).join('/')}`), js: [`${base}${CLIENT_ENTRY}`], searchJs: `${base}${SEARCH_SCRIPT}` };
}
