// The search page in Chromium with more results than it shows at first: ten, then ten more a
// click, each step fetching only its own results' fragments; keyboard focus goes on from the
// first result added; a new query starts again from ten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { StaticServer } from './helpers/static-server.ts';
import { hasChromium } from './helpers/browser.ts';
import { siteInBrowser, type SiteInBrowser } from './helpers/site-in-browser.ts';

const ARTICLES = 23;
let seeds: string;
let opened: SiteInBrowser | undefined;
let server: StaticServer;
let browser: Browser;

describe.skipIf(!hasChromium())('search results, a step at a time', () => {
  beforeAll(async () => {
    seeds = fs.mkdtempSync(path.join(os.tmpdir(), 'search-more-'));
    const companies = ['Codelco', 'Freeport-McMoRan', 'Antofagasta', 'Glencore', 'Anglo American'];
    for (let i = 0; i < ARTICLES; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      const company = companies[i % companies.length]!;
      fs.writeFileSync(
        path.join(seeds, `copper-${String(i).padStart(2, '0')}.md`),
        `---\ntitle: "${company} copper output report ${i + 1}"\ndate: 2025-03-${day}\n---\n\n${company} said on Monday its copper output rose ${i + 3}% in the quarter, helped by higher grades at its mines.\n`,
      );
    }
    ({ server, browser } = opened = await siteInBrowser(seeds));
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
    fs.rmSync(seeds, { recursive: true, force: true });
  });

  it('shows ten results, ten more a click with focus on the first added, and starts again for a new query', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const fragments = () => [...server.sent.keys()].filter((p) => p.endsWith('.pf_fragment')).length;
    // a word of the articles alone ("copper" would find the metal's page too)
    await page.goto(`${server.url}search/?q=grades`);
    const items = page.locator('.search-results li');
    await page.locator('.search-status').filter({ hasText: `${ARTICLES} results, the first 10 shown.` }).waitFor({ timeout: 15_000 });
    expect(await items.count()).toBe(10);
    await page.waitForLoadState('networkidle');
    // the first query fetches the fragments of the results it shows, not of all it found
    expect(fragments()).toBe(10);

    await page.locator('.search-more').click();
    await page.locator('.search-status').filter({ hasText: 'the first 20 shown' }).waitFor({ timeout: 15_000 });
    expect(await items.count()).toBe(20);
    expect(await page.evaluate(() => [...document.querySelectorAll('.search-results li')].findIndex((li) => li.contains(document.activeElement)))).toBe(10);
    expect(fragments()).toBe(20);

    await page.locator('.search-more').click();
    await page.locator('.search-status').filter({ hasText: `${ARTICLES} results.` }).waitFor({ timeout: 15_000 });
    expect(await items.count()).toBe(ARTICLES);
    expect(await page.locator('.search-more').isHidden()).toBe(true);
    // every result once
    const urls = await page.locator('.search-results h2 a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    expect(new Set(urls).size).toBe(ARTICLES);

    // a narrower query: its own first step
    await page.locator('#search-query').fill('grades Codelco');
    await page.locator('.search-status').filter({ hasText: /^5 results\.$/ }).waitFor({ timeout: 15_000 });
    expect(await items.count()).toBe(5);
    expect(await page.locator('.search-more').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
