// End to end in real Chromium, on a site built with --base /digest/: a reader goes from the digest
// to a company, a person, an article, then searches for a metal and opens a result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildSite, type BuiltSite } from './helpers/build-site.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';
import { hasChromium, launchBrowser } from './helpers/browser.ts';

const BASE = '/digest/';
let site: BuiltSite;
let server: StaticServer;
let browser: Browser;

describe.skipIf(!hasChromium())('the site in Chromium', () => {
  beforeAll(async () => {
    site = await buildSite({ base: BASE });
    server = await serveStatic(site.out, BASE);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    site?.cleanup();
  });

  async function open(path: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.url + path);
    return { page, errors };
  }

  it('goes home → company → person → article → search for a metal → result', async () => {
    const { page, errors } = await open('');
    await page.getByRole('link', { name: 'JX Advanced Metals' }).first().click();
    await page.waitForURL(`**${BASE}companies/jx-advanced-metals/`);
    expect(await page.locator('h1').textContent()).toBe('JX Advanced Metals');

    await page.getByRole('link', { name: 'Seiichi Murayama' }).first().click();
    await page.waitForURL(`**${BASE}people/seiichi-murayama/`);
    await page.locator('.article-list a').first().click();
    await page.waitForURL(`**${BASE}articles/**`);
    expect(await page.locator('article h1').textContent()).toContain('Murayama');

    await page.locator('header input[type="search"]').fill('tantalum');
    await page.locator('header input[type="search"]').press('Enter');
    await page.waitForURL(`**${BASE}search/?q=tantalum`);
    const first = page.locator('.search-results a').first();
    await first.waitFor({ timeout: 15_000 });
    expect(await page.locator('.search-results li').count()).toBeGreaterThan(0);
    await first.click();
    await page.waitForURL(`**${BASE}**/`);
    expect(await page.locator('body').textContent()).toMatch(/tantalum/i);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps every request under the base path, and nothing from other hosts', async () => {
    const { page } = await open('search/?q=copper');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.reload();
    await page.locator('.search-results li').first().waitFor({ timeout: 15_000 });
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url.startsWith(server.url)).toBe(true);
    await page.close();
  });
});
