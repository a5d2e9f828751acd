// A thread that indexes one search shard at a time with a Pagefind process of its own (see
// shardIndexer in search-shards.ts): two such threads index two shards at once.
import { indexShard, type ShardTask, type ShardTaskResult } from './search-shards.ts';
import { closeSearch } from './search-index.ts';

export default async function indexShardInThread(task: ShardTask): Promise<ShardTaskResult> {
  try {
    const { held, count } = await indexShard(task.folder, task.siteDir, task.pages, task.withIds);
    return { held: [...held], count };
  } finally {
    // Pagefind's process belongs to the whole process, not to this thread: it is stopped here
    await closeSearch();
  }
}
