// Copies of one story (the same wire text republished with other furniture, headline or a trimmed
// last paragraph) found among all articles: MinHash signatures (extract/story-signature.ts) banded for
// locality-sensitive hashing, so only articles that agree on a whole band are compared, never all
// pairs. Copies join when their estimated similarity reaches STORY_THRESHOLD; a story is what
// copies join into, through any chain of them.
import { SIGNATURE_SIZE, similarAtLeast } from '../extract/story-signature.ts';
import type { KnownStories } from '../types.ts';

/** The least estimated Jaccard similarity of two copies (chosen with the corpus in stories.test.ts; see README). */
export const STORY_THRESHOLD = 0.5;
/** Rows per band: 16 bands of 4 make two texts of similarity 0.5 candidates 64% of the time, 0.7 99%. */
const ROWS = 4;
const BANDS = SIGNATURE_SIZE / ROWS;

export interface StoryInput {
  date: string | null;
  /** `digest`: of the file's content, which with the path names one record (and its signature). */
  source: { relPath: string; digest?: string };
  signature?: Uint32Array;
}

const storyKey = (a: StoryInput) => `${a.source.relPath}\0${a.source.digest ?? ''}`;

/** What a later storyLeads needs of this one (`leads`: what it gave for `articles`). */
export function knownStories(articles: StoryInput[], leads: number[]): KnownStories {
  // a story's size first: only the stories of more than one are listed (a few of 100,000 articles)
  const sizes = new Uint32Array(articles.length);
  for (const lead of leads) sizes[lead]!++;
  const copies = new Map<number, string[]>();
  leads.forEach((lead, i) => {
    if (sizes[lead]! < 2) return;
    const story = copies.get(lead);
    if (story) story.push(storyKey(articles[i]!));
    else copies.set(lead, [storyKey(articles[i]!)]);
  });
  return { paths: articles.map((a) => a.source.relPath), digests: articles.map((a) => a.source.digest ?? ''), copies: [...copies.values()] };
}

/** Earliest first: oldest date, undated last, then by path (a fixed order for copies of one day). */
export function byEarliest(a: StoryInput, b: StoryInput): number {
  if (a.date !== b.date) {
    if (a.date == null) return 1;
    if (b.date == null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return a.source.relPath < b.source.relPath ? -1 : a.source.relPath > b.source.relPath ? 1 : 0;
}

/**
 * For each article, the index of its story's earliest copy (itself when it has no copies). Stories
 * do not depend on the order of `articles`. With `known` (an earlier run, over articles with their
 * digests, every copy of its stories of several still here): its stories stand, and only pairs
 * with an article it did not see are compared.
 */
export function storyLeads(articles: StoryInput[], known?: KnownStories | null): number[] {
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const join = (i: number, j: number) => {
    if (find(i) !== find(j) && similarAtLeast(articles[i]!.signature!, articles[j]!.signature!, STORY_THRESHOLD)) parent[find(i)] = find(j);
  };
  const signed: number[] = [];
  articles.forEach((a, i) => a.signature?.length === SIGNATURE_SIZE && signed.push(i));
  const bandKey = (s: Uint32Array, band: number) => {
    let key = band;
    for (let r = band * ROWS; r < (band + 1) * ROWS; r++) key = (Math.imul(key, 0x01000193) ^ s[r]!) >>> 0;
    return key;
  };
  const fresh = known ? newSince(articles, known, parent, find) : null;
  if (fresh) {
    // each band's buckets of the new articles alone, and every article looked up in them, its
    // signature read off it once (the records are of many shapes: read once a band, 100,000
    // articles with two new took 410 ms against 220)
    const buckets = Array.from({ length: BANDS }, () => new Map<number, number[]>());
    for (const i of fresh) {
      const signature = articles[i]!.signature;
      if (signature?.length !== SIGNATURE_SIZE) continue;
      buckets.forEach((bucketsOfBand, band) => {
        // as a signed 32-bit number, a small integer to V8: a key above 2^31 was a heap number made for each lookup
        const key = bandKey(signature, band) | 0;
        const bucket = bucketsOfBand.get(key);
        if (bucket) bucket.push(i);
        else bucketsOfBand.set(key, [i]);
      });
    }
    if (buckets[0]!.size > 0) {
      const signatures = signed.map((i) => articles[i]!.signature!);
      signatures.forEach((signature, at) => {
        const i = signed[at]!;
        for (let band = 0; band < BANDS; band++) {
          const bucket = buckets[band]!.get(bandKey(signature, band) | 0);
          if (bucket) for (const j of bucket) if (i !== j) join(i, j);
        }
      });
    }
  } else {
    // a band's key and the article's index in one exact double, so one typed sort puts each band's
    // equal keys side by side (a Map of buckets per band took four times as long at 100,000)
    const scale = 2 ** Math.ceil(Math.log2(articles.length + 1));
    const packed = new Float64Array(signed.length);
    for (let band = 0; band < BANDS; band++) {
      signed.forEach((i, at) => (packed[at] = bandKey(articles[i]!.signature!, band) * scale + i));
      packed.sort();
      for (let from = 0, to = 1; from < packed.length; from = to, to = from + 1) {
        const key = Math.floor(packed[from]! / scale);
        while (to < packed.length && Math.floor(packed[to]! / scale) === key) to++;
        for (let x = from + 1; x < to; x++) for (let y = from; y < x; y++) join(packed[x]! % scale, packed[y]! % scale);
      }
    }
  }
  // each story's lead: its earliest copy
  const lead = new Map<number, number>();
  articles.forEach((a, i) => {
    const root = find(i);
    const known = lead.get(root);
    if (known === undefined || byEarliest(a, articles[known]!) < 0) lead.set(root, i);
  });
  return articles.map((_, i) => lead.get(find(i))!);
}

/**
 * The articles `known` did not see, with its stories joined in `parent`; null when a copy of one
 * of its stories is gone or changed (the story may then come apart: every pair is compared again).
 * An article of a story of its own that is gone or changed leaves the other stories as they were.
 */
function newSince(articles: StoryInput[], known: KnownStories, parent: number[], find: (i: number) => number): number[] | null {
  if (articles.some((a) => a.source.digest === undefined)) return null;
  // by path, the digest compared apart: no key string made for each of 100,000 articles
  const byPath = new Map(articles.map((a, i) => [a.source.relPath, i]));
  if (byPath.size !== articles.length) return null;
  const indexOf = (key: string): number | undefined => {
    const cut = key.lastIndexOf('\0');
    const i = byPath.get(key.slice(0, cut));
    return i !== undefined && articles[i]!.source.digest === key.slice(cut + 1) ? i : undefined;
  };
  const seen = new Uint8Array(articles.length);
  known.paths.forEach((relPath, k) => {
    const i = byPath.get(relPath);
    if (i !== undefined && articles[i]!.source.digest === known.digests[k]) seen[i] = 1;
  });
  const stories = known.copies.map((story) => story.map(indexOf));
  // every copy one of these articles, or the file is not to be trusted (checked before any is joined)
  if (stories.some((story) => story.some((i) => i === undefined))) return null;
  for (const [first, ...rest] of stories) for (const i of rest) parent[find(i!)] = find(first!);
  const fresh: number[] = [];
  seen.forEach((wasSeen, i) => wasSeen || fresh.push(i));
  return fresh;
}
