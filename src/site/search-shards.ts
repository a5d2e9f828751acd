// The search index, in shards. Pagefind builds an index whole, in memory (10 GiB for 157,000
// pages), and cannot update one: so the searchable pages are split into shards of a bounded size,
// each its own Pagefind bundle under <site>/pagefind/<shard>/, which the search page merges
// (Pagefind's mergeIndex). A shard whose pages' records are the ones the last build indexed is
// hard-linked from there: adding an article re-indexes its own shard and the entity shard, not
// the whole site.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fnv1a } from '../render/fnv1a.ts';
import { linkTree } from './link-tree.ts';
import { GENERATOR_DIR, sourcePath } from '../generator.ts';
import { searchRecordOf, searchRecordsOf, writeSearchIndex, type SearchRecord } from './search-index.ts';

/** A shard holds about this many pages at most (until a group has MAX_SHARDS_PER_GROUP). */
export const PAGES_PER_SHARD = 1_500;
/**
 * The search page fetches every shard's entry and metadata before its first result, so their
 * number is capped; past 16 × 1,500 pages of a group, shards grow instead.
 */
export const MAX_SHARDS_PER_GROUP = 16;
/** The search index's folder in the site. */
export const SEARCH_FOLDER = 'pagefind';
/** The list of shards, in <site>/pagefind/: what the search page reads first. */
export const SHARDS_FILE = 'shards.json';

export interface SearchShard {
  /** Its folder under pagefind/, e.g. `articles-3`. */
  name: string;
  /** Site paths of its pages, e.g. `articles/some-slug/`. */
  pages: string[];
}

/** What <site>/pagefind/shards.json holds. */
export interface ShardList {
  /** `digest`: of the code and of its pages' records; equal digests, equal index. Null when unknown. */
  shards: { name: string; pages: number; digest: string | null }[];
}

/**
 * A digest of each page's search record, as the last build took it, kept with its page keys: a
 * page whose key is unchanged has the record it had, and is not read again to know that.
 */
export interface RecordDigests {
  /** The search code they were taken with (records from other code are not compared). */
  code: string;
  /** Site path → digest. */
  pages: Map<string, string>;
}

export interface SearchIndexOptions {
  /** Every page written, as file paths (`articles/x/index.html`); read from the folder when absent. */
  pages?: string[];
  /** Input keys of this build's pages (site path → key). Without them, every shard is indexed. */
  keys?: Map<string, string>;
  /** The site as the last build left it: its folder, its pages' keys, its pages' record digests. */
  previous?: { dir: string; keys: Map<string, string>; records: RecordDigests | null };
}

export interface SearchIndexResult {
  pages: number;
  shards: number;
  /** Shards indexed by Pagefind this build (the rest were linked from the last). */
  indexed: number;
  /** For the next build (null without keys). */
  records: RecordDigests | null;
}

/**
 * Indexes the searchable pages of a written site into <siteDir>/pagefind/: one Pagefind bundle per
 * shard, and shards.json listing them. A shard whose records are the ones the last build indexed
 * is hard-linked from there: its pages' records are known from their unchanged keys, and only
 * the pages rendered anew are read to compare theirs (an edited article re-renders its related
 * articles, whose records, without the related list, stay the same).
 */
export async function indexSiteForSearch(siteDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const pages = options.pages ? searchablePages(options.pages) : searchablePagesIn(siteDir);
  const { keys, previous } = options;
  const code = searchCodeVersion();
  const lastShards = previous ? readShardList(path.join(previous.dir, SEARCH_FOLDER)) : null;
  const lastDigests = new Map((lastShards?.shards ?? []).map((s) => [s.name, s]));
  const lastRecords = previous?.records?.code === code ? previous.records.pages : null;
  const records = new Map<string, string>();
  const knownDigest = (page: string) => (lastRecords && keys?.get(page) === previous!.keys.get(page) ? lastRecords.get(page) : undefined);
  const shardDigest = (shard: SearchShard, digestOfPage: (page: string) => string) => {
    const hash = crypto.createHash('sha256').update(code);
    for (const page of shard.pages) {
      const digest = digestOfPage(page);
      records.set(page, digest);
      hash.update(`\n${page}\0${digest}`);
    }
    return hash.digest('hex');
  };
  const root = path.join(siteDir, SEARCH_FOLDER);
  const indexShard = async (shard: SearchShard): Promise<ShardList['shards'][number] & { indexed: boolean }> => {
    const last = lastDigests.get(shard.name);
    const lastFolder = previous && path.join(previous.dir, SEARCH_FOLDER, shard.name);
    if (keys && last?.digest && lastFolder && fs.existsSync(path.join(lastFolder, 'pagefind-entry.json'))) {
      // only the pages rendered anew are read to know their records
      const digest = shardDigest(shard, (page) => knownDigest(page) ?? digestOf(searchRecordOf(fs.readFileSync(path.join(siteDir, page, 'index.html'), 'utf8'), `/${page}`)));
      if (digest === last.digest) {
        await linkTree(lastFolder, path.join(root, shard.name));
        return { name: shard.name, pages: last.pages, digest, indexed: false };
      }
    }
    // each record's digest taken as it goes by
    const taken = new Map<string, string>();
    const { pages: count } = await writeSearchIndex(path.join(root, shard.name), searchRecordsOf(siteDir, shard.pages, (page, record) => taken.set(page, digestOf(record))));
    return { name: shard.name, pages: count, digest: keys ? shardDigest(shard, (page) => taken.get(page)!) : null, indexed: true };
  };
  // one shard at a time: two at once were no faster (4,000 articles: 10.5-10.8 s against 9.9-11.3 s)
  const done: Awaited<ReturnType<typeof indexShard>>[] = [];
  for (const shard of planShards(pages)) done.push(await indexShard(shard));
  const list: ShardList = { shards: done.map(({ name, pages: count, digest }) => ({ name, pages: count, digest })) };
  const indexed = done.filter((s) => s.indexed).length;
  const searchable = done.reduce((n, s) => n + s.pages, 0);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, SHARDS_FILE), JSON.stringify(list));
  return { pages: searchable, shards: list.shards.length, indexed, records: keys ? { code, pages: records } : null };
}

/** Short, as thousands are kept: a collision would only keep a stale shard of the search index. */
const digestOf = (record: SearchRecord | null) => crypto.createHash('sha256').update(JSON.stringify(record)).digest('base64url').slice(0, 22);

/**
 * Shards of the searchable pages, in a fixed order. Articles and entity pages are sharded apart:
 * an added article changes the pages of its entities, which then fall in few shards. Within a
 * group a page's shard is a hash of its path, so it stays put as the site grows, until the
 * group's shard count changes (a power of two: it doubles, rarely).
 */
export function planShards(pages: string[]): SearchShard[] {
  const groups: Record<string, string[]> = { articles: [], entities: [] };
  for (const page of pages) (page.startsWith('articles/') ? groups.articles : groups.entities).push(page);
  const shards: SearchShard[] = [];
  for (const [group, members] of Object.entries(groups)) {
    if (members.length === 0) continue;
    const count = shardCount(members.length);
    const buckets: string[][] = Array.from({ length: count }, () => []);
    for (const page of members) buckets[count === 1 ? 0 : fnv1a(page) % count].push(page);
    buckets.forEach((bucket, i) => {
      if (bucket.length > 0) shards.push({ name: `${group}-${i}`, pages: bucket });
    });
  }
  return shards;
}

function shardCount(pages: number): number {
  let count = 1;
  while (count < MAX_SHARDS_PER_GROUP && count * PAGES_PER_SHARD < pages) count *= 2;
  return count;
}

let searchCodeMemo: string | null = null;

/** The code that turns pages into an index: this file, the record reader, and Pagefind's version. */
function searchCodeVersion(): string {
  if (searchCodeMemo) return searchCodeMemo;
  const hash = crypto.createHash('sha256');
  for (const file of ['site/search-shards.ts', 'site/search-index.ts']) hash.update(fs.readFileSync(sourcePath(file)));
  hash.update(packageVersion('pagefind'));
  return (searchCodeMemo = hash.digest('hex'));
}

/** An installed package's version, found as Node finds the package (its exports hide package.json). */
function packageVersion(name: string): string {
  for (let dir = GENERATOR_DIR; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    if (path.dirname(dir) === dir) return '';
  }
}

/**
 * The pages that carry data-pagefind-body: articles and the first page of each entity, each
 * `<section>/<slug>/index.html`. Reading every other page would only be to skip it.
 */
const SEARCHABLE_SECTIONS = ['articles', 'companies', 'people', 'metals', 'topics'] as const;
export const SEARCHABLE_PAGE = new RegExp(`^(?:${SEARCHABLE_SECTIONS.join('|')})/[^/]+/index\\.html$`);

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
