// Full-text search over the written pages, by Pagefind's Node API: it reads the HTML (only the
// parts marked data-pagefind-body) and writes a chunked index to <site>/pagefind/, which the
// search page loads piece by piece.
import * as pagefind from 'pagefind';

/**
 * The pages that carry data-pagefind-body: articles and the first page of each entity. Pagefind
 * would parse every other page only to skip it (at 4,000 articles: 12 s for all pages, 3 s for these).
 */
export const SEARCHABLE_PAGES = '{articles,companies,people,metals,topics}/*/index.html';

export async function indexForSearch(siteDir: string): Promise<{ pages: number }> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: siteDir, glob: SEARCHABLE_PAGES });
    if (added.errors.length) throw new Error(`pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: `${siteDir}/pagefind` });
    if (written.errors.length) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
    return { pages: added.page_count };
  } finally {
    await index.deleteIndex();
  }
}

/** Stops Pagefind's helper process so the build can exit. */
export async function closeSearch(): Promise<void> {
  await pagefind.close();
}
