// `npx tsx bench/search-download.ts SITE_DIR [WORD]`: what the search page of a built site (built
// with base /) fetches for a first query, file by file and in all, gzipped as a host would send
// them (Pagefind's own files are gzipped already). Needs Chromium (/usr/bin/chromium).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveStatic } from '../tests/helpers/static-server.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';
const out = process.argv[2]!;
const word = process.argv[3] ?? 'nickel';
const server = await serveStatic(out, '/');
const browser = await launchBrowser();
const page = await browser.newPage();
server.sent.clear();
await page.goto(`${server.url}search/`);
await page.locator('.search-status').filter({ hasText: 'Type to search' }).waitFor({ timeout: 30_000 });
await page.locator('#search-query').fill(word);
await page.locator('.search-results li').first().waitFor({ timeout: 30_000 });
await page.waitForLoadState('networkidle');
let total = 0;
for (const f of server.sent.keys()) {
  const file = path.join(out, f.endsWith('/') ? `${f}index.html` : f);
  const body = fs.readFileSync(file);
  const gz = /\.(js|json|html|css|svg|xml)$/.test(file) ? zlib.gzipSync(body).length : body.length;
  total += gz;
  console.log(String(gz).padStart(7), f);
}
console.log(String(total).padStart(7), 'total gzipped');
await browser.close();
await server.close();
