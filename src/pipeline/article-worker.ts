// One article's read → clean → extract, in a worker thread of the pool (or in the main thread for
// small batches: the same function either way).
import { articleFromPrepared, articleFromSeedBytes, digestOf, readSeedBytes, type PreparedArticle } from '../read/read-article.ts';
import { processArticle } from './process-article.ts';
import { gitBlobOf } from '../read/git-blobs.ts';
import { extractPlugins } from '../extract/extract-plugins.ts';
import { asSkipped, type SkipResult } from './skip.ts';
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { ArticleBatch, type ArticleOutcome, type SeenStat } from './article-batch.ts';
import { recordBytes, recordFileBytes, type RecordFolder } from '../store/record-cache.ts';
import type { ArticleRecord } from '../types.ts';

export interface ArticleTask {
  absPath: string;
  relPath: string;
  /**
   * Hand the record back as the bytes of its cache file (held part first): bytes move to the main
   * thread without a copy, where a record object is cloned field by field, and the main thread
   * writes them as they are.
   */
  asBytes?: boolean;
  /**
   * The cache's records, for a file the cache's index does not name: when a record of the file's
   * bytes is there already (left by a build stopped before its index was saved), it is handed back
   * as it is, not made again.
   */
  records?: RecordFolder;
  /** A feed item, read from its feed already (the feed's file is absPath). */
  prepared?: PreparedArticle;
}

export async function processFile(task: ArticleTask): Promise<ArticleOutcome> {
  let record: ArticleRecord;
  let seen: SeenStat | undefined;
  try {
    if (task.prepared) record = processArticle(articleFromPrepared(task.prepared, task.absPath), await extractPlugins());
    else {
      const seed = readSeedBytes(task.absPath, task.relPath);
      seen = { size: seed.size, mtimeMs: seed.mtimeMs, blob: gitBlobOf(seed.bytes) };
      if (task.records) {
        const stored = recordFileBytes(task.records, task.relPath, digestOf(seed.bytes));
        if (stored) return { bytes: stored, seen, inFolder: true };
      }
      record = processArticle(await articleFromSeedBytes(seed, task.relPath, task.absPath), await extractPlugins());
    }
  } catch (error) {
    return asSkipped(task.relPath, error);
  }
  return task.asBytes ? { bytes: recordBytes(record), seen } : { record, seen };
}

/**
 * The pool's entry: a batch of articles a task, their records' bytes in one buffer moved to the
 * main thread, not copied. One message an article cost each thread about 1.3 s of a 4,000-article
 * build in postMessage, and left it waiting for the main thread between articles.
 */
export default async function processBatchInWorker(tasks: ArticleTask[]): Promise<ArticleBatch> {
  const outcomes: ArticleOutcome[] = [];
  for (const task of tasks) outcomes.push(await processFile(task));
  return Piscina.move(new MovedBatch(new ArticleBatch(outcomes))) as unknown as ArticleBatch;
}

/** A batch as Piscina hands it back: its bytes' buffer moved, not copied. */
class MovedBatch {
  constructor(private readonly batch: ArticleBatch) {}

  get [transferableSymbol](): ArrayBufferLike[] {
    return [this.batch.bytes.buffer];
  }

  get [valueSymbol](): { outcomes: ArticleBatch['outcomes']; bytes: Uint8Array } {
    return { outcomes: this.batch.outcomes, bytes: this.batch.bytes };
  }
}
