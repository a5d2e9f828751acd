// The oracle for incremental builds: after every step of a random sequence of changes to a
// 300-article folder (adds of the newest and of older dates, edits of title, company, date and
// text, deletes, renames, one template edit), the site an incremental build leaves is byte for byte
// the site a clean --no-cache build makes of the same seeds, its search index answers a few
// queries with the same pages (Pagefind's files are not the same bytes from one run to the next),
// and `npm run dev`, following the same changes, serves the same pages (their <main>: the head
// differs by the dev server's own scripts) and the same records.json.
// 300 articles are enough for extraction threads, a second render thread, and a shard per group;
// every other incremental build renders in one thread, as a site past 8,000 articles does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { build } from '../src/build.ts';
import { startDevServer } from '../src/site/dev-server.ts';
import { closeSearch } from '../src/site/search-index.ts';
import { article, writeCorpus } from '../bench/synth-corpus.ts';
import { PROJECT, walk } from './helpers/build-site.ts';
import { hasChromium, launchBrowser } from './helpers/browser.ts';
import { serveStatic } from './helpers/static-server.ts';

const ARTICLES = 300;
const SEARCH_FOLDER = 'pagefind/';
const QUERIES = ['copper', 'Glencore', 'nickel output', 'Boliden', 'zinc smelter'];

let work: string;
let seeds: string;
let templates: string;
let browser: Browser | null = null;
let dev: ViteDevServer;
let devUrl: string;
/** How many times the dev server has said its pages are ready. */
let devReady = 0;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'oracle-'));
  seeds = path.join(work, 'seeds');
  templates = path.join(work, 'templates');
  writeCorpus(seeds, ARTICLES);
  fs.cpSync(path.join(PROJECT, 'templates'), templates, { recursive: true });
  if (hasChromium()) browser = await launchBrowser();
});
afterAll(async () => {
  await dev?.close();
  await browser?.close();
  await closeSearch();
  fs.rmSync(work, { recursive: true, force: true });
});

async function buildInto(out: string, cacheDir: string | undefined, threads?: number): Promise<number> {
  const result = await build({
    threads,
    seedsDir: seeds,
    outDir: out,
    base: '/',
    siteUrl: null,
    templatesDir: templates,
    publicDir: path.join(PROJECT, 'public'),
    strict: false,
    verbose: false,
    cache: cacheDir != null,
    cacheDir,
    log: () => undefined,
  });
  return result.rendered;
}

/**
 * Run in the home page (the search page would have merged the shards into the same Pagefind
 * module already): each query's pages (sorted), found as the search page finds them
 * (src/site/client/search.ts): the shards merged, less the entries shards.json hides, and only
 * pages that hold every word some shard knows.
 */
const SEARCH_IN_PAGE = `async (queries) => {
  const root = '/${SEARCH_FOLDER}';
  const { shards } = await (await fetch(root + 'shards.json')).json();
  const bundles = shards.map((s) => root + s.name + '/');
  const hidden = new Set(shards.flatMap((s) => s.hidden ?? []));
  const pagefind = await import(bundles[0] + 'pagefind.js');
  await pagefind.options({ basePath: bundles[0], noWorker: true });
  for (const bundle of bundles.slice(1)) await pagefind.mergeIndex(bundle);
  const holding = {};
  for (const word of new Set(queries.flatMap((q) => q.split(' ')))) {
    const ids = (await pagefind.search(word)).results.map((r) => r.id);
    if (ids.length) holding[word] = new Set(ids);
  }
  const found = {};
  for (const q of queries) {
    const words = q.split(' ').filter((w) => holding[w]);
    const results = (await pagefind.search(q)).results.filter((r) => !hidden.has(r.id) && (words.length < 2 || words.every((w) => holding[w].has(r.id))));
    found[q] = (await Promise.all(results.map((r) => r.data()))).map((d) => d.url).sort();
  }
  return found;
}`;

/** The pages (site paths, sorted) each query finds. */
async function searchResults(site: string): Promise<Record<string, string[]>> {
  const server = await serveStatic(site);
  const page = await browser!.newPage();
  try {
    await page.goto(server.url);
    // a string, not a function: the test's own transform would rewrite its import()
    return (await page.evaluate(`(${SEARCH_IN_PAGE})(${JSON.stringify(QUERIES)})`)) as Record<string, string[]>;
  } finally {
    await page.close();
    await server.close();
  }
}

async function startDev(): Promise<void> {
  const options = { seedsDir: seeds, outDir: path.join(work, 'unused'), base: '/', siteUrl: null, templatesDir: templates, publicDir: path.join(PROJECT, 'public'), strict: false, verbose: false, cache: false };
  dev = await startDevServer({ ...options, port: 0, quiet: true, log: (line) => void (/ready in/.test(line) && devReady++) });
  const address = dev.httpServer!.address();
  devUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
}

/** Waits until the dev server has rebuilt after a change (it says so once a burst of changes is in). */
async function devCaughtUp(before: number): Promise<void> {
  for (let waited = 0; devReady === before && waited < 15_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  // a second event of the same change may start one more rebuild: let it settle
  for (let last = -1; last !== devReady; ) {
    last = devReady;
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** Pages the dev server serves as the built site has them: the lists, some articles and entities. */
async function expectDevServes(site: string, what: string): Promise<void> {
  const records = fs.readFileSync(path.join(site, 'data/records.json'), 'utf8');
  const { articles, companies } = JSON.parse(records) as { articles: { url: string }[]; companies: { id: string }[] };
  const pages = ['', 'figures/', 'timeline/', 'companies/', ...articles.slice(0, 4).map((a) => a.url), articles.at(-1)!.url, ...companies.slice(0, 3).map((c) => `companies/${c.id}/`)];
  for (const page of pages) {
    const served = await (await fetch(devUrl + page)).text();
    expect(mainOf(served), `${what}: dev ${page}`).toBe(mainOf(fs.readFileSync(path.join(site, page, 'index.html'), 'utf8')));
  }
  expect(await (await fetch(`${devUrl}data/records.json`)).text(), `${what}: dev records.json`).toBe(records);
}

/** Files of a site but its search index, with their bytes. */
const filesOf = (site: string) => new Map(walk(site).filter((f) => !f.startsWith(SEARCH_FOLDER)).map((f) => [f, fs.readFileSync(path.join(site, f))]));

type Step =
  | { kind: 'add-newest' | 'add-older'; n: number }
  | { kind: 'edit-title' | 'edit-company' | 'edit-date' | 'edit-text' | 'delete' | 'rename'; pick: number }
  | { kind: 'template' }
  | { kind: 'add-copy'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('add-newest' as const, 'add-older' as const), n: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ kind: fc.constantFrom('edit-title' as const, 'edit-company' as const, 'edit-date' as const, 'edit-text' as const, 'delete' as const, 'rename' as const), pick: fc.nat() }),
);
/** Six random changes with the template edit and the copy of an article (an earlier one: its story's id moves) somewhere among them. */
const sequence = fc
  .tuple(fc.array(step, { minLength: 6, maxLength: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 7 }), fc.nat())
  .map(([steps, at, copyAt, pick]) => {
    const withTemplate = [...steps.slice(0, at), { kind: 'template' } as Step, ...steps.slice(at)];
    return [...withTemplate.slice(0, copyAt), { kind: 'add-copy', pick } as Step, ...withTemplate.slice(copyAt)];
  });

let added = 0;
/** The last copy added, and of which article (their ids). */
let copied: { copy: string; of: string } | null = null;
function apply(change: Step): string {
  const markdown = fs.readdirSync(seeds).filter((f) => f.endsWith('.md')).sort();
  const chosen = 'pick' in change ? path.join(seeds, markdown[change.pick % markdown.length]!) : '';
  const edit = (replace: (text: string) => string) => fs.writeFileSync(chosen, replace(fs.readFileSync(chosen, 'utf8')));
  switch (change.kind) {
    case 'add-newest':
    case 'add-older': {
      const date = change.kind === 'add-newest' ? `2099-01-${String(1 + (added % 28)).padStart(2, '0')}` : undefined;
      const { body } = article(ARTICLES + change.n, 11, date ?? `20${16 + (change.n % 9)}-0${1 + (change.n % 9)}-1${change.n % 10}`);
      fs.writeFileSync(path.join(seeds, `added-${++added}.md`), body);
      return `${change.kind} added-${added}.md`;
    }
    case 'edit-title':
      edit((t) => t.replace(/^title: .*$/m, `title: "Zinc smelter restarts, edit ${++added}"`));
      break;
    case 'edit-company':
      edit((t) => t.replace(/^(---[\s\S]*?---\n\n)(\S+(?: [A-Z][\w-]+)*)/, '$1Boliden'));
      break;
    case 'edit-date':
      edit((t) => t.replace(/^date: .*$/m, `date: 20${10 + (change.pick % 15)}-0${1 + (change.pick % 9)}-2${change.pick % 8}`));
      break;
    case 'edit-text':
      edit((t) => `${t}\nNickel output at the zinc smelter rose ${change.pick % 40}% to ${1 + (change.pick % 90)},000 tonnes in 2024.\n`);
      break;
    case 'delete':
      fs.rmSync(chosen);
      break;
    case 'rename':
      fs.renameSync(chosen, path.join(path.dirname(chosen), `renamed-${++added}.md`));
      break;
    case 'add-copy': {
      // the same story on another site: other headline, an earlier date, a source, furniture, its last paragraph trimmed
      const [, front, body] = /^(---[\s\S]*?---\n)([\s\S]*)$/.exec(fs.readFileSync(chosen, 'utf8'))!;
      const paragraphs = body.trim().split(/\n\n/).slice(0, -1);
      paragraphs.splice(1, 0, 'Advertisement');
      const copy = `copy-${++added}.md`;
      const copyFront = front.replace(/^title: .*$/m, `title: "Copy ${added} of the story"`).replace(/^date: .*$/m, `date: 2010-01-${String(1 + (added % 28)).padStart(2, '0')}\nsource: https://copies-${added}.example.com/story`);
      fs.writeFileSync(path.join(seeds, copy), `${copyFront}\n${paragraphs.join('\n\n')}\n`);
      copied = { copy: copy.replace(/\.md$/, ''), of: path.basename(chosen).replace(/\.md$/, '') };
      return `add-copy ${copy} of ${path.basename(chosen)}`;
    }
    case 'template': {
      const footer = path.join(templates, 'layout.eta');
      fs.writeFileSync(footer, fs.readFileSync(footer, 'utf8').replace('</footer>', `<!-- edited ${++added} --></footer>`));
      return 'template layout.eta';
    }
  }
  return `${change.kind} ${path.basename(chosen)}`;
}

describe('incremental builds, against a clean build of the same seeds', () => {
  it('leave the same site after every step of a random sequence of changes', async () => {
    const incremental = path.join(work, 'site');
    const cacheDir = path.join(work, 'cache');
    await buildInto(incremental, cacheDir);
    await startDev();
    await fc.assert(
      fc.asyncProperty(fc.noShrink(sequence), async (steps) => {
        for (const [i, change] of steps.entries()) {
          const ready = devReady;
          const what = apply(change);
          // every other step in one render thread, as past 8,000 articles (pages linked or rendered in one pass)
          await buildInto(incremental, cacheDir, i % 2 === 1 ? 1 : undefined);
          const clean = path.join(work, `clean-${i}`);
          await buildInto(clean, undefined);
          const want = filesOf(clean);
          const got = filesOf(incremental);
          expect([...got.keys()].sort(), what).toEqual([...want.keys()].sort());
          for (const [file, bytes] of want) expect(got.get(file)!.equals(bytes), `${what}: ${file}`).toBe(true);
          if (change.kind === 'add-copy') {
            // the copy is the story's earliest: the article it copies now has the copy's id as its story
            const { articles } = JSON.parse(fs.readFileSync(path.join(incremental, 'data/records.json'), 'utf8')) as { articles: { id: string; story: string }[] };
            expect(articles.find((a) => a.id === copied!.of)?.story, what).toBe(copied!.copy);
          }
          if (browser) expect(await searchResults(incremental), what).toEqual(await searchResults(clean));
          await devCaughtUp(ready);
          await expectDevServes(incremental, what);
          fs.rmSync(clean, { recursive: true, force: true });
        }
      }),
      // one sequence a run (each step is two builds), not shrunk: the failing step is in the message
      { numRuns: 1 },
    );
  }, 600_000);
});
