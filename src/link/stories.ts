// Copies of one story (the same wire text republished with other furniture, headline or a trimmed
// last paragraph) found among all articles: MinHash signatures (story-signature.ts) banded for
// locality-sensitive hashing, so only articles that agree on a whole band are compared, never all
// pairs. Copies join when their estimated similarity reaches STORY_THRESHOLD; a story is what
// copies join into, through any chain of them.
import { SIGNATURE_SIZE, similarAtLeast } from './story-signature.ts';

/** The least estimated Jaccard similarity of two copies (chosen with the corpus in stories.test.ts; see README). */
export const STORY_THRESHOLD = 0.5;
/** Rows per band: 16 bands of 4 make two texts of similarity 0.5 candidates 64% of the time, 0.7 99%. */
const ROWS = 4;
const BANDS = SIGNATURE_SIZE / ROWS;

export interface StoryInput {
  date: string | null;
  source: { relPath: string };
  signature?: Uint32Array;
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
 * do not depend on the order of `articles`.
 */
export function storyLeads(articles: StoryInput[]): number[] {
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const signed = articles.flatMap((a, i) => (a.signature?.length === SIGNATURE_SIZE ? [i] : []));
  // a band's key and the article's index in one exact double, so one typed sort puts each band's
  // equal keys side by side (a Map of buckets per band took four times as long at 100,000)
  const scale = 2 ** Math.ceil(Math.log2(articles.length + 1));
  const packed = new Float64Array(signed.length);
  for (let band = 0; band < BANDS; band++) {
    signed.forEach((i, at) => {
      const s = articles[i]!.signature!;
      let key = band;
      for (let r = band * ROWS; r < (band + 1) * ROWS; r++) key = (Math.imul(key, 0x01000193) ^ s[r]!) >>> 0;
      packed[at] = key * scale + i;
    });
    packed.sort();
    for (let from = 0, to = 1; from < packed.length; from = to, to = from + 1) {
      const key = Math.floor(packed[from]! / scale);
      while (to < packed.length && Math.floor(packed[to]! / scale) === key) to++;
      for (let x = from + 1; x < to; x++) {
        for (let y = from; y < x; y++) {
          const i = packed[x]! % scale;
          const j = packed[y]! % scale;
          if (find(i) !== find(j) && similarAtLeast(articles[i]!.signature!, articles[j]!.signature!, STORY_THRESHOLD)) parent[find(i)] = find(j);
        }
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
