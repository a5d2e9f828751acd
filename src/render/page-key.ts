// A page's input key: what decides its HTML. Two builds that give a page the same key would write
// the same bytes, so the second links the first's file instead of rendering it again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SOURCE_DIR } from '../generator.ts';

const RENDER_DIR = path.join(SOURCE_DIR, 'render');

/** RenderOptions that say nothing of what a page shows (`userTemplatesDir` and `templatesDir`: their files are hashed). */
const NOT_RENDERED = new Set(['unchanged', 'firstBuild', 'built', 'templatesDir', 'userTemplatesDir']);

/** Everything every page depends on: templates, render code, options (base, assets, CSP…). */
export function renderVersion(options: object & { templatesDir: string; userTemplatesDir?: string | null }): string {
  const hash = crypto.createHash('sha256');
  for (const dir of [options.userTemplatesDir, options.templatesDir, RENDER_DIR]) if (dir) hashTree(hash, dir).update('\u0001');
  // which pages a build compares says nothing of what they show, and a new day alone renders no page
  // again; the template folders count by what they hold (above), not where they are: a generator
  // installed elsewhere (a CI checkout restoring its cache) renders nothing again for it
  hash.update(JSON.stringify(options, (key, value) => (NOT_RENDERED.has(key) ? undefined : value)));
  return hash.digest('hex');
}

/** Every file under `dir` (tests aside), names and contents, in a fixed order; nothing for a missing folder. */
export function hashTree(hash: crypto.Hash, dir: string): crypto.Hash {
  if (!fs.existsSync(dir)) return hash;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full);
    else if (!entry.name.endsWith('.test.ts')) hash.update(entry.name).update('\0').update(fs.readFileSync(full));
  }
  return hash;
}

/**
 * The key a first build gives the pages it does not key (RenderOptions.firstBuild): a later build
 * needs a page's key only when a change reaches the page, to tell whether it must be written
 * again. No key equals it: such a page is rendered, and keyed from then on; a page no change
 * reaches keeps it.
 */
export const NOT_KEYED = '';

/**
 * The key of one page. An article's record is not in its JSON (the page's data carries the
 * record's content digest instead); lazy body HTML leaves itself out (it follows from the record).
 * No replacer function: calling one for every value was most of the time a key took.
 */
export function pageKey(version: string, template: string, pagePath: string, data: object): string {
  const json = JSON.stringify(data);
  return crypto.createHash('sha256').update(version).update('\0').update(template).update('\0').update(pagePath).update('\0').update(json).digest('base64url');
}
