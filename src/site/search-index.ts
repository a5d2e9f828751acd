// Full-text search over the written pages, by Pagefind's Node API. Pagefind can read and parse the
// HTML itself (addDirectory), but at 4,000 articles that took it 6-7 s of CPU against 2.3 s for
// indexing the same text given as custom records; so each page's record is handed over, made from
// its data as it rendered or read off its file (render/search-records.ts). Pagefind then builds a
// chunked index of each shard of the site (search-shards.ts), which the search page loads piece by
// piece.
import fs from 'node:fs';
import type { SearchRecord } from '../render/search-records.ts';

export type { SearchRecord };

// loaded when first used: a worker thread that imports it statically cannot be loaded from the
// TypeScript sources (tsx, as tests run them), and a build with nothing to index never needs it
const loadPagefind = () => import('pagefind');

/** Records handed to Pagefind and not yet answered, at most. */
const RECORDS_IN_FLIGHT = 64;

/**
 * Writes a Pagefind index of the given records to `outputPath`. Records are handed to Pagefind as
 * they come, so a generator that reads pages keeps both cores busy.
 */
export async function writeSearchIndex(outputPath: string, records: Iterable<SearchRecord> | AsyncIterable<SearchRecord>): Promise<{ pages: number }> {
  const pagefind = await loadPagefind();
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
  try {
    // a few records in flight at a time: Pagefind's pipe has no back-pressure, and reading pages
    // is faster than indexing them (at 100,000 pages the queued records took gigabytes)
    const inFlight = new Set<Promise<void>>();
    const failed: string[] = [];
    let pages = 0;
    for await (const record of records) {
      pages++;
      const adding = index.addCustomRecord(record).then((added) => {
        failed.push(...added.errors);
        inFlight.delete(adding);
      });
      inFlight.add(adding);
      if (inFlight.size >= RECORDS_IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failed.length) throw new Error(`pagefind could not index the site: ${failed.join('; ')}`);
    // Pagefind writes the files itself: handing them all over (getFiles) would hold the whole
    // index in this process at once, hundreds of megabytes at 100,000 pages
    // a folder of its own: one there already may be another site's bundle, linked (output-folder.ts)
    fs.rmSync(outputPath, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
    return { pages };
  } finally {
    await index.deleteIndex();
  }
}

/** Stops Pagefind's helper process so the build can exit. */
export async function closeSearch(): Promise<void> {
  await (await loadPagefind()).close();
}
