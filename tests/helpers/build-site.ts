// Builds a real site into a temporary folder for the whole-site and browser tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type BuildResult } from '../../src/build.ts';
import type { BuildOptions } from '../../src/build-options.ts';

export const PROJECT = path.resolve(import.meta.dirname, '../..');

export interface BuiltSite {
  /** The site's own temporary folder (or, for a given outDir, its parent). */
  dir: string;
  out: string;
  result: BuildResult;
  log: string[];
  cleanup: () => void;
}

export interface BuildSiteOptions {
  seedsDir?: string;
  base?: string;
  siteUrl?: string | null;
  strict?: boolean;
  /** Build into this folder (again) instead of a new one. */
  outDir?: string;
  /** Use a cache in this folder (off by default, so every test build is a full one). */
  cacheDir?: string;
  /** Files copied into the site as they are (default: the project's public/). */
  publicDir?: string;
  onSearchablePages?: BuildOptions['onSearchablePages'];
  onSearchablePagesWritten?: BuildOptions['onSearchablePagesWritten'];
}

export async function buildSite(options: BuildSiteOptions = {}): Promise<BuiltSite> {
  // a folder of its own only when the caller gives none (the caller removes its own)
  const own = options.outDir ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'digest-site-'));
  const dir = own ?? path.dirname(options.outDir!);
  const out = options.outDir ?? path.join(dir, 'site');
  const cleanup = () => own && fs.rmSync(own, { recursive: true, force: true });
  const log: string[] = [];
  const result = await build({
    seedsDir: options.seedsDir ?? path.join(PROJECT, 'seeds'),
    outDir: out,
    base: options.base ?? '/',
    siteUrl: options.siteUrl ?? null,
    templatesDir: path.join(PROJECT, 'templates'),
    publicDir: options.publicDir ?? path.join(PROJECT, 'public'),
    strict: options.strict ?? false,
    verbose: false,
    cache: options.cacheDir != null,
    cacheDir: options.cacheDir,
    log: (line) => log.push(line),
    onSearchablePages: options.onSearchablePages,
    onSearchablePagesWritten: options.onSearchablePagesWritten,
  }).catch((error: unknown) => {
    cleanup();
    throw error;
  });
  return { dir, out, result, log, cleanup };
}

/** Every file below `dir`, relative, forward slashes. */
export function walk(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, rel));
    else out.push(rel);
  }
  return out;
}

/** Internal links of a page (href and src under the base path), without query or fragment. */
export function internalLinks(html: string, base: string): string[] {
  const links: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    const url = m[1]!.replace(/&amp;/g, '&');
    if (!url.startsWith(base) || url.startsWith('//')) continue;
    links.push(decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]!));
  }
  return links;
}

/** Whether a site path resolves to a file the way a static host serves it (clean URLs → index.html). */
export function resolves(out: string, sitePath: string): boolean {
  const target = path.join(out, sitePath);
  if (sitePath === '' || sitePath.endsWith('/')) return fs.existsSync(path.join(target, 'index.html'));
  return fs.existsSync(target) && fs.statSync(target).isFile();
}
