// An article's text as a MinHash signature of its word shingles: two texts' signatures agree in
// about the share of places that their sets of shingles share (Jaccard similarity). Made once per
// article where its held record is made, so the cache keeps it and a rebuild never reads the text.
/** Words per shingle: five words in a row are rare enough that two different texts seldom share them. */
export const SHINGLE_WORDS = 5;
/** Hash functions per signature: the similarity estimate's error is about 0.06 at 0.5. */
export const SIGNATURE_SIZE = 64;

const SEEDS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(Math.imul(i + 1, 0x9e3779b9)));

/** murmur3's finaliser: every input bit moves about half the output bits. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A word as a number (a polynomial hash of its characters, spread by mix). */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** The words of a text, lower case, letters and digits only: punctuation and case do not tell copies apart. */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Fewer words than this, and a text has no signature: a line that short (a brief, a feed's summary)
 * says too little to tell a copy of it from another item saying the same few words.
 */
export const MIN_WORDS = 20;

/** The signature of a text: empty when it has fewer than MIN_WORDS words (such an article is a story of its own). */
export function storySignature(text: string): Uint32Array {
  const hashes = wordHashes(text);
  if (hashes.length < MIN_WORDS) return new Uint32Array(0);
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  // every shingle is taken as it comes: one seen again leaves each minimum as it was
  for (let i = 0; i <= hashes.length - SHINGLE_WORDS; i++) {
    let shingle = 0;
    for (let j = i; j < i + SHINGLE_WORDS; j++) shingle = mix(Math.imul(shingle, 0x01000193) ^ hashes[j]!);
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      const h = mix(shingle ^ SEEDS[k]!);
      if (h < signature[k]!) signature[k] = h;
    }
  }
  return signature;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * The hashes of a text's words (wordHash of each of words(text)). ASCII text, which NFKC leaves as
 * it is and whose letters and digits are [A-Za-z0-9], is hashed in one pass without making the words.
 */
function wordHashes(text: string): number[] {
  if (!ASCII.test(text)) return words(text).map(wordHash);
  const hashes: number[] = [];
  let h = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      h = Math.imul(h ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      hashes.push(mix(h));
      h = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord) hashes.push(mix(h));
  return hashes;
}

/** The estimated Jaccard similarity of the shingles of two texts, from their signatures (0 when either has none). */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== SIGNATURE_SIZE || b.length !== SIGNATURE_SIZE) return 0;
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_SIZE;
}

/** Whether two signatures agree in at least `share` of their places: stops once too many differ (most compared pairs do). */
export function similarAtLeast(a: Uint32Array, b: Uint32Array, share: number): boolean {
  if (a.length !== SIGNATURE_SIZE || b.length !== SIGNATURE_SIZE) return false;
  const mayDiffer = SIGNATURE_SIZE - Math.ceil(share * SIGNATURE_SIZE);
  let differ = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] !== b[k] && ++differ > mayDiffer) return false;
  return true;
}
