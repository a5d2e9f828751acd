// One article's read → clean → extract, in a worker thread of the pool (or in the main thread for
// small batches: the same function either way).
import { readArticleFile } from '../read/read-article.ts';
import { processArticle } from './process-article.ts';
import { asSkipped, type SkipResult } from './skip.ts';
import type { ArticleRecord } from '../types.ts';

export interface ArticleTask {
  absPath: string;
  relPath: string;
}

export type ArticleOutcome = { record: ArticleRecord } | SkipResult;

export async function processFile(task: ArticleTask): Promise<ArticleOutcome> {
  try {
    return { record: processArticle(await readArticleFile(task.absPath, task.relPath)) };
  } catch (error) {
    return asSkipped(task.relPath, error);
  }
}

export default processFile;
