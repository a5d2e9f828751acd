// A feed file in the seeds folder → one article task per item, or the item's record from the
// cache. An item is known by its page name, made from its guid, id or link alone: saved again in
// the same file or in another, an unchanged item keeps its record and its page, and only new items
// are read. An item in several feed files is read from the first (in path order).
import { ReadError } from '../read/read-article.ts';
import { readFeedFile } from '../read/read-feed.ts';
import type { DiscoveredFile, SkippedFile } from '../read/discover.ts';
import type { ArticleTask } from './article-worker.ts';
import type { RecordCache } from '../store/record-cache.ts';
import { asSkipped } from './skip.ts';
import type { BuildMessage, HeldRecord } from '../types.ts';

export interface FeedTasks {
  tasks: ArticleTask[];
  cached: HeldRecord[];
  skipped: SkippedFile[];
  messages: BuildMessage[];
}

/** `seen`: item page names already taken by an earlier feed file, with that file's path. */
export function feedTasks(found: DiscoveredFile, seen: Map<string, string>, cache?: RecordCache): FeedTasks {
  const out: FeedTasks = { tasks: [], cached: [], skipped: [], messages: [] };
  let read: ReturnType<typeof readFeedFile>;
  try {
    read = readFeedFile(found.path, found.relPath);
  } catch (error) {
    if (error instanceof ReadError && error.notArticle) {
      out.skipped.push({ relPath: found.relPath, reason: error.reason, fix: error.fix, severity: 'info' });
      out.messages.push({ file: found.relPath, line: null, column: null, reason: `${error.reason}; ${error.fix}`, ruleId: 'skipped', severity: 'info' });
      return out;
    }
    const skip = asSkipped(found.relPath, error);
    out.skipped.push(skip.skipped);
    out.messages.push(skip.message);
    return out;
  }
  for (const problem of read.problems) {
    out.messages.push({ file: problem.relPath, line: null, column: null, reason: `${problem.reason}; ${problem.fix}`, ruleId: 'feed-item', severity: 'warning' });
  }
  for (const item of read.items) {
    const slug = item.frontMatter.slug!;
    const earlier = seen.get(slug);
    if (earlier) {
      out.messages.push({ file: item.relPath, line: null, column: null, reason: `is the same item as in ${earlier} (the same guid, id or link); read from there`, ruleId: 'feed-item', severity: 'info' });
      continue;
    }
    seen.set(slug, found.relPath);
    const held = cache?.get(item.relPath, item.digest);
    if (held) out.cached.push(held);
    else out.tasks.push({ absPath: found.path, relPath: item.relPath, prepared: item });
  }
  return out;
}
