// Read → clean → extract → link for a folder, writing only records.json (no pages): the quick
// loop for extraction work. The full build writes the same records.
import fs from 'node:fs/promises';
import { discoverSeeds } from '../src/read/discover.ts';
import { readArticleFile, ReadError } from '../src/read/read-article.ts';
import { processArticle } from '../src/pipeline/process-article.ts';
import { toArticleJson } from '../src/link/article-record.ts';
import { slugify } from '../src/link/slug.ts';

export async function buildRecordsOnly(seedsDir: string, outPath: string): Promise<void> {
  const { articles } = await discoverSeeds(seedsDir);
  const out = [];
  for (const a of articles) {
    try {
      const file = await readArticleFile(a.path, a.relPath);
      const record = processArticle(file);
      for (const m of record.messages) console.error(`${m.file}:${m.line ?? 1}:${m.column ?? 1} ${m.reason} [${m.ruleId}]`);
      out.push(toArticleJson(slugify(a.relPath.replace(/\.[^.]+$/, '')), record));
    } catch (error) {
      if (error instanceof ReadError) console.error(error.message);
      else throw error;
    }
  }
  await fs.writeFile(outPath, JSON.stringify({ articles: out, companies: [], people: [], metals: [], topics: [] }, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [seeds, outPath] = process.argv.slice(2);
  await buildRecordsOnly(seeds ?? 'seeds', outPath ?? 'records.json');
}
