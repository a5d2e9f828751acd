// `npx tsx bench/extract-stages.ts [SEEDS_DIR] [--lib DIR]`: CPU time per article of each step of
// one extraction thread's work (reading, cleaning, the publication date, each extract transformer
// in src/extract/extract.ts's order, the record's cache bytes), each timed around its own call,
// over every article of a seeds folder after a warm-up on 20. Runs the compiled lib/ (`npm run
// prepare` after an edit), or another build's lib/ given with --lib to compare two in one run.
import fs from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';

const args = process.argv.slice(2);
const lib = path.resolve(args.includes('--lib') ? args[args.indexOf('--lib') + 1]! : path.join(import.meta.dirname, '../lib'));
const seeds = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--lib') ?? '/tmp/b1k/seeds');
const load = (module: string) => import(path.join(lib, module));

const { readArticleFile } = await load('read/read-article.js');
const { cleanArticle } = await load('clean/clean.js');
const { headerDate, normaliseDate } = await load('extract/dates.js');
const { processArticle } = await load('pipeline/process-article.js');
const { recordBytes } = await load('store/record-cache.js');
type Transformer = () => (tree: unknown, file: VFile) => void;
const STAGES: [string, string, string][] = [
  ['sentences', 'sentence-stage', 'extractSentences'],
  ['companies', 'companies', 'extractCompanies'],
  ['people', 'people', 'extractPeople'],
  ['quotes', 'quotes', 'extractQuotes'],
  ['metals', 'metals', 'extractMetals'],
  ['places', 'places', 'extractPlaces'],
  ['figures', 'figures', 'extractFigures'],
  ['dates', 'dates', 'extractDates'],
  ['topics', 'topics', 'extractTopics'],
  ['summary', 'summary', 'extractSummary'],
];
const transformers = await Promise.all(STAGES.map(async ([name, module, fn]) => [name, (await load(`extract/${module}.js`))[fn] as Transformer] as const));

const files = fs.readdirSync(seeds).filter((f) => /\.(?:md|txt)$/.test(f)).sort();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const spent = new Map<string, number>();

for (const measured of [false, true]) {
  spent.clear();
  for (const name of measured ? files : files.slice(0, 20)) {
    let at = cpu();
    const step = (label: string) => {
      const now = cpu();
      spent.set(label, (spent.get(label) ?? 0) + now - at);
      at = now;
    };
    const file: VFile = await readArticleFile(path.join(seeds, name), name);
    step('read');
    const doc = cleanArticle(file, null);
    step('clean');
    const date = file.data.source!.frontMatter.date;
    file.data.publishedDate = date ? normaliseDate(date) : headerDate(String(file.value));
    file.data.extraction = {};
    step('publication date');
    for (const [label, transformer] of transformers) {
      transformer()(doc.body, file);
      step(label);
    }
    // the record as the pipeline makes it, for its bytes (not timed: the steps above are its parts)
    const record = processArticle(await readArticleFile(path.join(seeds, name), name), null);
    at = cpu();
    recordBytes(record);
    step('record bytes');
  }
}

const total = [...spent.values()].reduce((a, b) => a + b, 0);
console.log(`${files.length} articles, one thread (${lib}): CPU per article by step`);
for (const [label, ms] of [...spent].sort((a, b) => b[1] - a[1])) console.log(`${(ms / files.length).toFixed(3).padStart(7)} ms  ${label}`);
console.log(`${(total / files.length).toFixed(3).padStart(7)} ms  all steps`);
