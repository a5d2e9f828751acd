// The site's own CSS and JS, bundled once by Vite (not one Rollup input per page: pages are
// written by the generator, with the hashed asset URLs read from Vite's manifest).
import path from 'node:path';
import fs from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import crypto from 'node:crypto';
import { SOURCE_DIR } from '../generator.ts';
import { createRequire } from 'node:module';
import { linkTree } from './link-tree.ts';

/**
 * Vite's version, for the bundle's cache key, read without loading Vite: a build whose bundle is
 * cached never imports it (about half a second of every warm build).
 */
const viteVersion = (createRequire(import.meta.url)('vite/package.json') as { version: string }).version;

// the site's own CSS and TypeScript, which Vite bundles: always from the sources
export const CLIENT_DIR = path.join(SOURCE_DIR, 'site', 'client');
export const CLIENT_ENTRY = 'main.ts';

export interface AssetUrls {
  css: string[];
  js: string[];
}

interface ManifestChunk {
  file: string;
  css?: string[];
  isEntry?: boolean;
}

/**
 * The client bundle for `base`, built once per version of the client sources: kept in
 * `cacheDir`, hard-linked into the site. Returns the URLs pages link to.
 */
export async function cachedAssets(outDir: string, base: string, cacheDir: string | null): Promise<AssetUrls> {
  if (!cacheDir) return buildAssets(outDir, base);
  const dir = path.join(cacheDir, `assets-${clientDigest(base)}`);
  const urlsFile = path.join(dir, 'urls.json');
  if (!existsSync(urlsFile)) {
    const tmp = `${dir}.${process.pid}.tmp`;
    await fs.rm(tmp, { recursive: true, force: true });
    const urls = await buildAssets(path.join(tmp, 'site'), base);
    await fs.writeFile(path.join(tmp, 'urls.json'), JSON.stringify(urls));
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rename(tmp, dir);
  }
  await linkTree(path.join(dir, 'site'), outDir);
  return JSON.parse(await fs.readFile(urlsFile, 'utf8')) as AssetUrls;
}

function clientDigest(base: string): string {
  const hash = crypto.createHash('sha256').update(viteVersion).update('\0').update(base);
  for (const name of readdirSync(CLIENT_DIR).sort()) hash.update('\0').update(name).update('\0').update(readFileSync(path.join(CLIENT_DIR, name)));
  return hash.digest('hex').slice(0, 16);
}

/** Bundles the client into `<outDir>/assets/` and returns the URLs pages link to. */
export async function buildAssets(outDir: string, base: string): Promise<AssetUrls> {
  const { build: viteBuild } = await import('vite');
  await viteBuild({
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
      rollupOptions: { input: path.join(CLIENT_DIR, CLIENT_ENTRY) },
    },
  });
  const manifestPath = path.join(outDir, '.vite/manifest.json');
  const manifest = JSON.parse(await fs.readFile(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  await fs.rm(path.join(outDir, '.vite'), { recursive: true, force: true });
  const entry = manifest[CLIENT_ENTRY] ?? Object.values(manifest).find((c) => c.isEntry);
  if (!entry) throw new Error(`Vite's manifest has no entry for ${CLIENT_ENTRY}`);
  return { css: (entry.css ?? []).map((f) => `${base}${f}`), js: [`${base}${entry.file}`] };
}

/** In `npm run dev`, Vite serves the client sources itself, with hot reload. */
export function devAssetUrls(base: string): AssetUrls {
  return { css: [], js: [`${base}${CLIENT_ENTRY}`] };
}
