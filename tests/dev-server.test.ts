// `npm run dev` in Chromium: a new seed shows up in the open page by itself; a bad seed shows in
// Vite's error overlay while the server keeps serving, and the overlay goes when it is fixed;
// search works, and follows an added seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ViteDevServer } from 'vite';
import type { Browser } from 'playwright-core';
import { startDevServer } from '../src/site/dev-server.ts';
import { hasChromium, launchBrowser } from './helpers/browser.ts';
import { PROJECT } from './helpers/build-site.ts';

let work: string;
let seeds: string;
let server: ViteDevServer;
let browser: Browser;
let url: string;
const log: string[] = [];

describe.skipIf(!hasChromium())('npm run dev', () => {
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-'));
    seeds = path.join(work, 'seeds');
    fs.cpSync(path.join(PROJECT, 'seeds'), seeds, { recursive: true });
    server = await startDevServer({
      seedsDir: seeds,
      outDir: path.join(work, 'dist'),
      base: '/',
      siteUrl: null,
      templatesDir: path.join(PROJECT, 'templates'),
      publicDir: path.join(PROJECT, 'public'),
      strict: false,
      verbose: false,
      cache: false,
      log: (line) => log.push(line),
      port: 0,
      quiet: true,
    });
    const address = server.httpServer!.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('shows a newly added article in the open page without a manual reload', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator('.article-list').first().waitFor();
    // wait for Vite's client to connect, so the reload message reaches the page
    await page.waitForFunction(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some((e) => e.name.includes('@vite/client')));
    await page.waitForTimeout(300);
    fs.writeFileSync(path.join(seeds, 'cobalt-news.md'), '---\ntitle: Cobalt prices slide on Congo exports\ndate: 2099-01-05\n---\n\nCobalt prices fell 4% on Monday as exports from Congo resumed.\n');
    await page.getByRole('link', { name: 'Cobalt prices slide on Congo exports' }).waitFor({ timeout: 20_000 });
    const response = await page.request.get(`${url}articles/cobalt-news/`);
    expect(response.status()).toBe(200);
    await page.close();
  });

  it('serves an edited article as edited, in a subfolder too, and forgets a deleted one', async () => {
    const nested = path.join(seeds, 'desk', 'zinc note.md');
    fs.mkdirSync(path.dirname(nested), { recursive: true });
    fs.writeFileSync(nested, '---\ntitle: Zinc smelter restarts\n---\n\nThe zinc smelter restarted on Monday.\n');
    const pageUrl = `${url}articles/desk-zinc-note/`;
    const titleOf = async () => {
      const response = await fetch(pageUrl);
      return response.ok ? /<h1[^>]*>([^<]*)</.exec(await response.text())?.[1] ?? null : null;
    };
    await expect.poll(titleOf, { timeout: 20_000 }).toBe('Zinc smelter restarts');
    fs.writeFileSync(nested, '---\ntitle: Zinc smelter stays shut\n---\n\nThe zinc smelter stayed shut on Monday.\n');
    await expect.poll(titleOf, { timeout: 20_000 }).toBe('Zinc smelter stays shut');
    fs.rmSync(nested);
    await expect.poll(async () => (await fetch(pageUrl)).status, { timeout: 20_000 }).toBe(404);
  });

  it('shows a bad file in the error overlay, keeps serving, and recovers when it is fixed', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForTimeout(500);
    const bad = path.join(seeds, 'broken.md');
    fs.writeFileSync(bad, '---\ntitle: [unclosed\n---\nText\n');
    await page.locator('vite-error-overlay').waitFor({ state: 'attached', timeout: 20_000 });
    const overlay = await page.locator('vite-error-overlay').evaluate((el) => el.shadowRoot?.textContent ?? '');
    expect(overlay).toContain('broken.md');
    expect((await page.request.get(url)).status()).toBe(200);
    expect(log.join('\n')).toContain('broken.md');
    fs.writeFileSync(bad, '---\ntitle: Fixed now\n---\nNickel output rose.\n');
    await page.getByRole('link', { name: 'Fixed now' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('vite-error-overlay').count()).toBe(0);
    await page.close();
  });

  it('searches from the header box, and finds an article added since', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await page.fill('#site-search', 'JX');
    await page.press('#site-search', 'Enter');
    await page.waitForURL(/\/search\/\?q=JX/);
    // the index is made in the background: the page loads again when it answers
    await page.locator('.search-results li a').first().waitFor({ timeout: 30_000 });
    fs.writeFileSync(path.join(seeds, 'quokka.md'), '---\ntitle: Quokkarite nickel find lifts explorer\ndate: 2099-02-01\n---\n\nShares in the explorer rose 30% after it reported quokkarite, a nickel mineral, at its project in Western Australia.\n');
    const found = page.getByRole('link', { name: 'Quokkarite nickel find lifts explorer' });
    for (const end = Date.now() + 30_000; !(await found.count()); ) {
      if (Date.now() > end) throw new Error('the added article was not found by the search');
      // a reload (the added seed, then the new index) may cut a navigation short
      await page.goto(`${url}search/?q=quokkarite`).catch(() => {});
      await page.locator('.search-status').filter({ hasText: /result|moment/ }).waitFor({ timeout: 10_000 }).catch(() => {});
      await page.waitForTimeout(300);
    }
    await page.close();
  }, 90_000);

  it('writes nothing into the seeds folder, and no output folder', () => {
    // what is there is what the tests wrote: the seeds, the added articles, the emptied subfolder
    const files = fs.readdirSync(seeds, { recursive: true, encoding: 'utf8' }).sort();
    const copied = fs.readdirSync(path.join(PROJECT, 'seeds')).sort();
    expect(files).toEqual([...copied, 'broken.md', 'cobalt-news.md', 'desk', 'quokka.md'].sort());
    for (const name of copied) expect(fs.readFileSync(path.join(seeds, name)).equals(fs.readFileSync(path.join(PROJECT, 'seeds', name))), name).toBe(true);
    expect(fs.readdirSync(work)).toEqual(['seeds']);
  });
});
