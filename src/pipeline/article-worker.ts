// One article's read → clean → extract, in a worker thread of the pool (or in the main thread for
// small batches: the same function either way).
import { articleFromPrepared, readArticleFile, type PreparedArticle } from '../read/read-article.ts';
import { processArticle } from './process-article.ts';
import { extractPlugins } from './extract-plugins.ts';
import { asSkipped, type SkipResult } from './skip.ts';
import { Piscina } from 'piscina';
import { recordBytes } from './record-cache.ts';
import type { ArticleRecord } from '../types.ts';

export interface ArticleTask {
  absPath: string;
  relPath: string;
  /**
   * Hand the record back as the bytes of its cache file (held part first): a buffer moves to the
   * main thread without a copy, where a record object is cloned field by field, and the main
   * thread writes it as it is.
   */
  asBytes?: boolean;
  /** A feed item, read from its feed already (the feed's file is absPath). */
  prepared?: PreparedArticle;
}

export type ArticleOutcome = { record: ArticleRecord } | { bytes: Uint8Array } | SkipResult;

export async function processFile(task: ArticleTask): Promise<ArticleOutcome> {
  let record: ArticleRecord;
  try {
    record = processArticle(task.prepared ? articleFromPrepared(task.prepared, task.absPath) : await readArticleFile(task.absPath, task.relPath), await extractPlugins());
  } catch (error) {
    return asSkipped(task.relPath, error);
  }
  return task.asBytes ? { bytes: recordBytes(record) } : { record };
}

/** The pool's entry: a record's bytes are moved to the main thread, not copied. */
export default async function processInWorker(task: ArticleTask): Promise<ArticleOutcome | Uint8Array> {
  const outcome = await processFile(task);
  return 'bytes' in outcome ? (Piscina.move(outcome.bytes) as Uint8Array) : outcome;
}
