// What an article's extraction hands back across threads: its record (or the record's cache-file
// bytes), or why the file was skipped. A module of its own, apart from the extractor, so that a
// thread that only receives outcomes does not load the extractor (nor Piscina, which moves them
// out of the pool's threads: article-worker.ts).
import type { SkipResult } from './skip.ts';
import type { ArticleRecord } from '../types.ts';

/** What a stat of the seed file said when it was read: the cache's index matches the file by it next time. */
export interface SeenStat {
  size: number;
  mtimeMs: number;
  /** Git's blob id of the bytes read (git-blobs.ts). */
  blob?: string;
}

export type ArticleOutcome = { record: ArticleRecord; seen?: SeenStat } | { bytes: Uint8Array; seen?: SeenStat; inFolder?: boolean } | SkipResult;

/** Outcomes of a batch as they cross threads: each record's bytes a range of one buffer. */
export class ArticleBatch {
  readonly outcomes: (ArticleOutcome | { at: number; length: number; seen?: SeenStat; inFolder?: boolean })[];
  readonly bytes: Uint8Array;

  constructor(outcomes: ArticleOutcome[]) {
    // a buffer of its own (Buffer.concat may hand out a slice of Node's shared pool, which must not move)
    this.bytes = new Uint8Array(outcomes.reduce((sum, o) => sum + ('bytes' in o ? o.bytes.length : 0), 0));
    let at = 0;
    this.outcomes = outcomes.map((o) => {
      if (!('bytes' in o)) return o;
      const { bytes, ...rest } = o;
      this.bytes.set(bytes, at);
      at += bytes.length;
      return { at: at - bytes.length, length: bytes.length, ...rest };
    });
  }
}

/** The outcomes of a batch, as the main thread receives it. */
export function unbatched(batch: { outcomes: ArticleBatch['outcomes']; bytes: Uint8Array }): ArticleOutcome[] {
  return batch.outcomes.map((o) => ('at' in o ? { bytes: batch.bytes.subarray(o.at, o.at + o.length), seen: o.seen, inFolder: o.inFolder } : o));
}
