// The thread of collect.ts's extractAhead: reads and extracts the files it is given, and hands
// their outcomes back in one moved buffer.
import { parentPort, workerData } from 'node:worker_threads';
import { processFile, type ArticleTask } from './article-worker.ts';
import { ArticleBatch, type ArticleOutcome } from './article-batch.ts';

const outcomes: ArticleOutcome[] = [];
for (const task of workerData as ArticleTask[]) outcomes.push(await processFile(task));
const batch = new ArticleBatch(outcomes);
parentPort!.postMessage({ outcomes: batch.outcomes, bytes: batch.bytes }, [batch.bytes.buffer as ArrayBuffer]);
