// One article's read → clean → extract, in a worker thread of the pool (or in the main thread for
// small batches: the same function either way).
import { readArticleFile } from '../read/read-article.ts';
import { processArticle } from './process-article.ts';
import { asSkipped, type SkipResult } from './skip.ts';
import { writeRecordFiles, type RecordFolder } from './record-cache.ts';
import type { ArticleRecord, HeldRecord } from '../types.ts';

export interface ArticleTask {
  absPath: string;
  relPath: string;
  /**
   * Write the record into this cache folder here and hand back only what the site holds of it:
   * the main thread then neither serialises nor copies the whole record.
   */
  recordFolder?: RecordFolder;
}

/** The whole record, or (when the task named a cache folder) its held part, the whole one written there. */
export type ArticleOutcome = { record: ArticleRecord } | { held: HeldRecord } | SkipResult;

export async function processFile(task: ArticleTask): Promise<ArticleOutcome> {
  let record: ArticleRecord;
  try {
    record = processArticle(await readArticleFile(task.absPath, task.relPath));
  } catch (error) {
    return asSkipped(task.relPath, error);
  }
  return task.recordFolder ? { held: writeRecordFiles(task.recordFolder, record) } : { record };
}

export default processFile;
