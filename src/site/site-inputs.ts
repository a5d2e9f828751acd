// One digest of everything a site is made from: the generator's own code, templates and public
// files, the build options, and each article's path and content digest. When it is the one the
// last build into the same folder had, and that folder is intact, the site there is already
// what this build would write: nothing is rendered, linked or swapped (make's rule for a target
// newer than its inputs, for the whole site at once).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hashTree } from '../render/page-key.ts';
import { GENERATOR_DIR, SOURCE_DIR } from '../generator.ts';
import type { HeldRecord } from '../types.ts';
import { fileOf } from './page-file.ts';
import { siteSettingsOf, type SiteSettings } from '../build-options.ts';
import { wordListsDigest } from '../data/settings-word-lists.ts';

const SRC = SOURCE_DIR;
const PROJECT = GENERATOR_DIR;

let codeDigestMemo: string | null = null;

/** The generator itself: every source file (tests aside) and the installed packages' lock file. */
export function codeDigest(): string {
  if (codeDigestMemo) return codeDigestMemo;
  const hash = crypto.createHash('sha256');
  hashTree(hash, SRC);
  const lock = path.join(PROJECT, 'package-lock.json');
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  codeDigestMemo = hash.digest('hex');
  return codeDigestMemo;
}

export interface SiteInputOptions {
  base: string;
  siteUrl: string | null;
  templatesDir: string;
  publicDir: string;
  site?: SiteSettings;
}

export function siteInputs(records: { source: { relPath: string; digest: string } }[], options: SiteInputOptions): string {
  const hash = crypto.createHash('sha256').update(codeDigest()).update('\0');
  const settings = siteSettingsOf(options);
  for (const dir of [options.templatesDir, options.publicDir, settings.userTemplatesDir, settings.userPublicDir]) if (dir) hashTree(hash, path.resolve(dir)).update('\u0001');
  for (const css of settings.css) hash.update(fs.existsSync(css) ? fs.readFileSync(css) : '').update('\u0001');
  hash.update(JSON.stringify([options.base, options.siteUrl, settings, wordListsDigest()]));
  for (const key of records.map((r) => `${r.source.relPath}\0${r.source.digest}`).sort()) hash.update(key).update('\n');
  return hash.digest('hex');
}

/** Whether an output folder still holds every page (site paths, as page keys have them) and file the last build wrote there. */
export function outputIntact(outDir: string, pagePaths: Iterable<string>): boolean {
  for (const file of ['pagefind/shards.json', 'data/records.json', 'sitemap.xml', 'feed.xml']) if (!fs.existsSync(path.join(outDir, file))) return false;
  for (const page of pagePaths) if (!fs.existsSync(path.join(outDir, fileOf(page)))) return false;
  return true;
}
