// scratch: index the given shards (by number) of a site, one after another, in this process
import fs from 'node:fs';
import path from 'node:path';
import { planShards } from '../src/site/search-shards.ts';
import { searchRecordOf, writeSearchIndex, closeSearch, type SearchRecord } from '../src/site/search-index.ts';
const site = process.argv[2]!;
const which = process.argv[3]!.split(',').map(Number);
const pages: string[] = [];
for (const section of ['articles', 'companies', 'people', 'metals', 'topics']) {
  const dir = path.join(site, section);
  if (!fs.existsSync(dir)) continue;
  for (const name of fs.readdirSync(dir)) if (fs.existsSync(path.join(dir, name, 'index.html'))) pages.push(`${section}/${name}/`);
}
const shards = planShards(pages).filter((_, i) => which.includes(i));
const t = performance.now();
for (const s of shards) {
  async function* records() { for (const page of s.pages) { const r = searchRecordOf(fs.readFileSync(path.join(site, page, 'index.html'), 'utf8'), `/${page}`); if (r) yield r; } }
  await writeSearchIndex(`/tmp/pf2/${s.name}`, records());
}
console.log(which.join(','), shards.map((s) => s.pages.length), ((performance.now() - t) / 1000).toFixed(2), 's');
await closeSearch();
