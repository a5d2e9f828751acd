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
import { fileOf } from './write-pages.ts';

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
}

export function siteInputs(records: { source: { relPath: string; digest: string } }[], options: SiteInputOptions): string {
  const hash = crypto.createHash('sha256').update(codeDigest()).update('\0');
  hashTree(hash, path.resolve(options.templatesDir));
  hashTree(hash, path.resolve(options.publicDir));
  hash.update(JSON.stringify([options.base, options.siteUrl]));
  for (const key of records.map((r) => `${r.source.relPath}\0${r.source.digest}`).sort()) hash.update(key).update('\n');
  return hash.digest('hex');
}

/** Whether an output folder still holds every page (site paths, as page keys have them) and file the last build wrote there. */
export function outputIntact(outDir: string, pagePaths: Iterable<string>): boolean {
  for (const file of ['pagefind/shards.json', 'data/records.json', 'sitemap.xml', 'feed.xml']) if (!fs.existsSync(path.join(outDir, file))) return false;
  for (const page of pagePaths) if (!fs.existsSync(path.join(outDir, fileOf(page)))) return false;
  return true;
}
