// Read, clean and extract every article of the seeds folder. A file that cannot be used costs
// one message and nothing else: the other articles go on.
import { discoverSeeds, type SkippedFile } from '../read/discover.ts';
import { readArticleFile, ReadError } from '../read/read-article.ts';
import { processArticle } from './process-article.ts';
import type { ArticleRecord, BuildMessage } from '../types.ts';

export interface Collected {
  records: ArticleRecord[];
  /** Files that are not articles, or articles that could not be used. */
  skipped: SkippedFile[];
  messages: BuildMessage[];
}

export async function collectArticles(seedsDir: string, onProgress?: (done: number, total: number) => void): Promise<Collected> {
  const discovery = await discoverSeeds(seedsDir);
  const records: ArticleRecord[] = [];
  const skipped: SkippedFile[] = [...discovery.skipped];
  const messages: BuildMessage[] = discovery.skipped.map((s) => ({ file: s.relPath, line: null, column: null, reason: `${s.reason}; ${s.fix}`, ruleId: 'skipped', severity: s.severity }));
  let done = 0;
  for (const found of discovery.articles) {
    try {
      const file = await readArticleFile(found.path, found.relPath);
      const record = processArticle(file);
      records.push(record);
      messages.push(...record.messages);
    } catch (error) {
      const skip = asSkipped(found.relPath, error);
      skipped.push(skip.skipped);
      messages.push(skip.message);
    }
    onProgress?.(++done, discovery.articles.length);
  }
  return { records, skipped, messages };
}

/** Turns a failure on one file into a skip with a message that names the file, the line and the fix. */
export function asSkipped(relPath: string, error: unknown): { skipped: SkippedFile; message: BuildMessage } {
  if (error instanceof ReadError) {
    return {
      skipped: { relPath, reason: error.reason, fix: error.fix, severity: 'warning' },
      message: { file: relPath, line: error.line, column: null, reason: `skipped: ${error.reason}; ${error.fix}`, ruleId: 'unreadable', severity: 'error' },
    };
  }
  const reason = `could not be processed (${error instanceof Error ? error.message : String(error)})`;
  return {
    skipped: { relPath, reason, fix: 'please report this file: it is a bug in the generator', severity: 'warning' },
    message: { file: relPath, line: null, column: null, reason: `skipped: ${reason}`, ruleId: 'internal-error', severity: 'error' },
  };
}
