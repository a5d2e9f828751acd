// The thread of collect.ts's extractAhead: loads the extractor, then reads and extracts the files
// it is sent, and hands their outcomes back in one moved buffer.
import { parentPort } from 'node:worker_threads';
import { processFile, type ArticleTask } from './article-worker.ts';
import { ArticleBatch, type ArticleOutcome } from './article-batch.ts';

parentPort!.once('message', async (tasks: ArticleTask[]) => {
  const outcomes: ArticleOutcome[] = [];
  for (const task of tasks) outcomes.push(await processFile(task));
  const batch = new ArticleBatch(outcomes);
  parentPort!.postMessage({ outcomes: batch.outcomes, bytes: batch.bytes }, [batch.bytes.buffer as ArrayBuffer]);
});
