// The search index, in shards. Pagefind builds an index whole, in memory (10 GiB for 157,000
// pages), and cannot update one: so the searchable pages are split into shards of a bounded size,
// each its own Pagefind bundle under <site>/pagefind/<shard>/, which the search page merges
// (Pagefind's mergeIndex). A shard whose pages all kept their input keys is hard-linked from
// the last build instead of indexed again: adding an article re-indexes its own shard and the
// entity shard, not the whole site.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkTree } from './link-tree.ts';
import { SEARCHABLE_SECTIONS, searchRecordsOf, writeSearchIndex } from './search-index.ts';

/** A shard holds about this many pages at most (until a group has MAX_SHARDS_PER_GROUP). */
export const PAGES_PER_SHARD = 2_000;
/**
 * The search page fetches every shard's entry and metadata before its first result, so their
 * number is capped; past 16 × 2,000 pages of a group, shards grow instead.
 */
export const MAX_SHARDS_PER_GROUP = 16;
/** The list of shards, in <site>/pagefind/: what the search page reads first. */
export const SHARDS_FILE = 'shards.json';

export interface SearchShard {
  /** Its folder under pagefind/, e.g. `articles-3`. */
  name: string;
  /** Site paths of its pages, e.g. `articles/some-slug/`. */
  pages: string[];
  /** Of the pages' input keys and the search code: equal digests, equal index. Null when a page has no key. */
  digest: string | null;
}

/** What <site>/pagefind/shards.json holds. */
export interface ShardList {
  shards: { name: string; pages: number; digest: string | null }[];
}

export interface SearchIndexOptions {
  /** Every page written, as file paths (`articles/x/index.html`); read from the folder when absent. */
  pages?: string[];
  /** Input keys of the pages (site path → key): shards whose pages kept theirs are reused. */
  keys?: Map<string, string>;
  /** The site as the last build left it, to link unchanged shards from. */
  previousDir?: string;
}

export interface SearchIndexResult {
  pages: number;
  shards: number;
  /** Shards indexed by Pagefind this build (the rest were linked from the last). */
  indexed: number;
}

/**
 * Indexes the searchable pages of a written site into <siteDir>/pagefind/: one Pagefind bundle per
 * shard, and shards.json listing them.
 */
export async function indexSiteForSearch(siteDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const pages = options.pages ? searchablePages(options.pages) : searchablePagesIn(siteDir);
  const shards = planShards(pages, options.keys);
  const previous = options.previousDir ? readShardList(path.join(options.previousDir, 'pagefind')) : null;
  const reusable = new Map((previous?.shards ?? []).filter((s) => s.digest).map((s) => [s.name, s.digest]));
  const root = path.join(siteDir, 'pagefind');
  const list: ShardList = { shards: [] };
  let indexed = 0;
  let searchable = 0;
  for (const shard of shards) {
    const previousFolder = options.previousDir ? path.join(options.previousDir, 'pagefind', shard.name) : null;
    let count: number;
    if (shard.digest && reusable.get(shard.name) === shard.digest && previousFolder && fs.existsSync(path.join(previousFolder, 'pagefind-entry.json'))) {
      await linkTree(previousFolder, path.join(root, shard.name));
      count = previous!.shards.find((s) => s.name === shard.name)!.pages;
    } else {
      // one shard's index in Pagefind's memory at a time
      count = (await writeSearchIndex(path.join(root, shard.name), searchRecordsOf(siteDir, shard.pages))).pages;
      indexed++;
    }
    searchable += count;
    list.shards.push({ name: shard.name, pages: count, digest: shard.digest });
  }
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, SHARDS_FILE), JSON.stringify(list));
  return { pages: searchable, shards: shards.length, indexed };
}

/**
 * Shards of the searchable pages, in a fixed order. Articles and entity pages are sharded apart:
 * an added article changes the pages of its entities, which then fall in few shards. Within a
 * group a page's shard is a hash of its path, so it stays put as the site grows, until the
 * group's shard count changes (a power of two: it doubles, rarely).
 */
export function planShards(pages: string[], keys?: Map<string, string>): SearchShard[] {
  const groups: Record<string, string[]> = { articles: [], entities: [] };
  for (const page of pages) (page.startsWith('articles/') ? groups.articles : groups.entities).push(page);
  const shards: SearchShard[] = [];
  for (const [group, members] of Object.entries(groups)) {
    if (members.length === 0) continue;
    const count = shardCount(members.length);
    const buckets: string[][] = Array.from({ length: count }, () => []);
    for (const page of members) buckets[count === 1 ? 0 : fnv1a(page) % count].push(page);
    buckets.forEach((bucket, i) => {
      if (bucket.length > 0) shards.push({ name: `${group}-${i}`, pages: bucket, digest: shardDigest(bucket, keys) });
    });
  }
  return shards;
}

function shardCount(pages: number): number {
  let count = 1;
  while (count < MAX_SHARDS_PER_GROUP && count * PAGES_PER_SHARD < pages) count *= 2;
  return count;
}

function shardDigest(pages: string[], keys: Map<string, string> | undefined): string | null {
  if (!keys) return null;
  const hash = crypto.createHash('sha256').update(searchCodeVersion());
  for (const page of pages) {
    const key = keys.get(page);
    if (!key) return null;
    hash.update(`\n${page}\0${key}`);
  }
  return hash.digest('hex');
}

let searchCodeMemo: string | null = null;

/** The code that turns pages into an index: this file, the record reader, and Pagefind's version. */
function searchCodeVersion(): string {
  if (searchCodeMemo) return searchCodeMemo;
  const hash = crypto.createHash('sha256');
  for (const file of ['search-shards.ts', 'search-index.ts']) hash.update(fs.readFileSync(fileURLToPath(new URL(file, import.meta.url))));
  hash.update(packageVersion('pagefind'));
  return (searchCodeMemo = hash.digest('hex'));
}

/** An installed package's version, found as Node finds the package (its exports hide package.json). */
function packageVersion(name: string): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    if (path.dirname(dir) === dir) return '';
  }
}

/** The pages that carry data-pagefind-body: articles and the first page of each entity, `<section>/<slug>/`. */
const SEARCHABLE_PAGE = new RegExp(`^(?:${SEARCHABLE_SECTIONS.join('|')})/[^/]+/index\\.html$`);

function searchablePages(files: string[]): string[] {
  return files.filter((f) => SEARCHABLE_PAGE.test(f)).map((f) => f.slice(0, -'index.html'.length));
}

function searchablePagesIn(siteDir: string): string[] {
  const pages: string[] = [];
  for (const section of SEARCHABLE_SECTIONS) {
    let names: string[];
    try {
      names = fs.readdirSync(path.join(siteDir, section)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const name of names) if (fs.existsSync(path.join(siteDir, section, name, 'index.html'))) pages.push(`${section}/${name}/`);
  }
  return pages;
}

export function readShardList(pagefindDir: string): ShardList | null {
  try {
    const list = JSON.parse(fs.readFileSync(path.join(pagefindDir, SHARDS_FILE), 'utf8')) as ShardList;
    return Array.isArray(list.shards) ? list : null;
  } catch {
    return null;
  }
}

/** 32-bit FNV-1a: a fixed, fast spread of paths over shards (not for security). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
