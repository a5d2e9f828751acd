// What the search page of a built site (built with base /) fetches for a first query, file by file
// and in all, gzipped as a host would send them (Pagefind's own files are gzipped already). Needs
// Chromium (/usr/bin/chromium). `npx tsx bench/search-download.ts SITE_DIR [WORD]` lists the files
// of one query; the bench calls firstQueryBytes for several words.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { serveStatic } from '../tests/helpers/static-server.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';

/** The words the bench searches for: metals, companies and common words of the synthetic corpus. */
export const QUERY_WORDS = ['nickel', 'tantalum', 'copper', 'lithium', 'glencore', 'smelter', 'guidance', 'output'];

/** Each word's first query from a newly opened search page: every file fetched, with its gzipped size. */
export async function firstQueryBytes(site: string, words: string[]): Promise<Map<string, { file: string; bytes: number }[]>> {
  const server = await serveStatic(site, '/');
  const browser = await launchBrowser();
  const fetched = new Map<string, { file: string; bytes: number }[]>();
  try {
    for (const word of words) {
      // a context of its own: nothing cached from the word before
      const context = await browser.newContext();
      const page = await context.newPage();
      server.sent.clear();
      await page.goto(`${server.url}search/`);
      await page.locator('.search-status').filter({ hasText: 'Type to search' }).waitFor({ timeout: 30_000 });
      await page.locator('#search-query').fill(word);
      await page.locator('.search-status').filter({ hasText: /^\d+ results?\b/ }).waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      const files = [...server.sent.keys()].map((f) => {
        const file = path.join(site, f.endsWith('/') ? `${f}index.html` : f);
        const body = fs.readFileSync(file);
        return { file: f, bytes: /\.(js|json|html|css|svg|xml)$/.test(file) ? zlib.gzipSync(body).length : body.length };
      });
      fetched.set(word, files);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return fetched;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const [site, word = 'nickel'] = process.argv.slice(2);
  const files = (await firstQueryBytes(site!, [word])).get(word)!;
  for (const { file, bytes } of files) console.log(String(bytes).padStart(7), file);
  console.log(String(files.reduce((n, f) => n + f.bytes, 0)).padStart(7), 'total gzipped');
}
