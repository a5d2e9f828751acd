// A thread that indexes one search shard at a time with a Pagefind process of its own (see
// shardIndexer in search-shards.ts): two such threads index two shards at once.
import { indexShard, type IndexedPage } from './search-shards.ts';
import { closeSearch } from './search-index.ts';

export interface ShardTask {
  /** The bundle's folder. */
  folder: string;
  /** The written site whose pages are read. */
  siteDir: string;
  /** Site paths of the shard's pages. */
  pages: string[];
  /** Read each page's entry id back from the bundle. */
  withIds: boolean;
}

export interface ShardTaskResult {
  held: [string, IndexedPage][];
  count: number;
}

export default async function indexShardInThread(task: ShardTask): Promise<ShardTaskResult> {
  try {
    const { held, count } = await indexShard(task.folder, task.siteDir, task.pages, task.withIds);
    return { held: [...held], count };
  } finally {
    // Pagefind's process belongs to the whole process, not to this thread: it is stopped here
    await closeSearch();
  }
}
