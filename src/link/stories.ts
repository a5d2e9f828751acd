// Copies of one story (the same wire text republished with other furniture, headline or a trimmed
// last paragraph) found among all articles: MinHash signatures (story-signature.ts) banded for
// locality-sensitive hashing, so only articles that agree on a whole band are compared, never all
// pairs. Copies join when their estimated similarity reaches STORY_THRESHOLD; a story is what
// copies join into, through any chain of them.
import { SIGNATURE_SIZE, similarity } from './story-signature.ts';

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
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<number, number[]>();
    articles.forEach((a, i) => {
      const s = a.signature;
      if (!s || s.length !== SIGNATURE_SIZE) return;
      let key = band;
      for (let r = band * ROWS; r < (band + 1) * ROWS; r++) key = (Math.imul(key, 0x01000193) ^ s[r]!) >>> 0;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    });
    for (const bucket of buckets.values()) {
      for (let x = 1; x < bucket.length; x++) {
        for (let y = 0; y < x; y++) {
          const i = bucket[x]!;
          const j = bucket[y]!;
          if (find(i) !== find(j) && similarity(articles[i]!.signature!, articles[j]!.signature!) >= STORY_THRESHOLD) parent[find(i)] = find(j);
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
