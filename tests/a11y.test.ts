// axe-core in Chromium on the pages readers use most, in light and dark mode: no violation of
// WCAG 2.0/2.1/2.2 A and AA or axe's best practices. axe is injected from node_modules (the context
// bypasses the pages' CSP for that one script; the pages themselves are unchanged).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import type { StaticServer } from './helpers/static-server.ts';
import { hasChromium } from './helpers/browser.ts';
import { siteInBrowser, type SiteInBrowser } from './helpers/site-in-browser.ts';
import { qualitySeeds } from './helpers/quality-seeds.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const BASE = '/digest/';
const PAGES: { name: string; path: string; ready?: string }[] = [
  { name: 'home', path: '' },
  { name: 'an article', path: 'articles/lynas-heavy-rare-earths/' },
  { name: 'a company', path: 'companies/jx-advanced-metals/' },
  { name: 'a person', path: 'people/yoichi-hayashi/' },
  { name: 'a metal', path: 'metals/tantalum/' },
  { name: 'the metals index', path: 'metals/' },
  { name: 'figures', path: 'figures/', ready: 'form.table-filter:not([hidden])' },
  { name: 'the timeline', path: 'timeline/' },
  { name: 'search with results and filters', path: 'search/?q=tantalum', ready: '.search-results li' },
  { name: 'the 404 page', path: '404.html' },
];

let seeds: ReturnType<typeof qualitySeeds>;
let server: StaticServer;
let browser: Browser;
let opened: SiteInBrowser | undefined;

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axe(page: Page): Promise<AxeResult[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeResult[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

describe.skipIf(!hasChromium())('accessibility (axe-core in Chromium)', () => {
  beforeAll(async () => {
    seeds = qualitySeeds();
    ({ server, browser } = opened = await siteInBrowser(seeds.dir, BASE));
  }, 60_000);
  afterAll(async () => {
    await opened?.close();
    seeds?.cleanup();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`finds no violation on ${PAGES.map((p) => p.name).join(', ')} (${scheme})`, async () => {
      const context = await browser.newContext({ bypassCSP: true, colorScheme: scheme });
      const page = await context.newPage();
      const found: string[] = [];
      for (const p of PAGES) {
        await page.goto(server.url + p.path);
        if (p.ready) await page.locator(p.ready).first().waitFor({ timeout: 15_000 });
        for (const v of await axe(page)) found.push(`${p.name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
      }
      await context.close();
      expect(found).toEqual([]);
    }, 60_000);
  }
});
