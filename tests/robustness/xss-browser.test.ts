// OWASP filter-evasion payloads (tests/fixtures/xss-payloads.txt) in titles, bylines, source URLs,
// tags, slugs and body text of .md and .txt articles: the built pages are loaded in Chromium with
// the page's CSP bypassed (so escaping alone must hold), and any dialog, script error, CSP
// report or injected element fails the test. Every page carries a CSP that forbids inline script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { walk, type BuiltSite } from '../helpers/build-site.ts';
import type { StaticServer } from '../helpers/static-server.ts';
import { hasChromium } from '../helpers/browser.ts';
import { siteInBrowser, type SiteInBrowser } from '../helpers/site-in-browser.ts';
import { forbidsInlineScript, unsafeMarkup, XSS_PAYLOADS } from './html-safety.ts';

let seeds: string;
let site: BuiltSite;
let server: StaticServer;
let browser: Browser;
let opened: SiteInBrowser | undefined;
let htmlPages: string[];

function writePayloadArticles(dir: string): void {
  XSS_PAYLOADS.forEach((payload, i) => {
    const n = String(i).padStart(2, '0');
    const yaml = (v: unknown) => JSON.stringify(v);
    const source = /^(?:javascript|data):|\]\(/.test(payload) ? payload : `https://example.com/a?q=${payload}`;
    fs.writeFileSync(
      path.join(dir, `payload-${n}.md`),
      `---\ntitle: ${yaml(`Copper ${payload}`)}\ndate: 2025-03-${String(1 + (i % 28)).padStart(2, '0')}\nbyline: ${yaml(payload)}\nsource: ${yaml(source)}\ntags: ${yaml([payload, 'copper'])}\nslug: ${yaml(payload)}\n---\n\n` +
        `BHP said copper output rose 5% to 310,000 tonnes. ${payload}\n\n"${payload}," chief executive Mike Henry said.\n\n- ${payload}\n\n> ${payload}\n`,
    );
    fs.writeFileSync(
      path.join(dir, `payload-${n}.txt`),
      `Nickel ${payload}\n\nBy ${payload}\n\nSYDNEY, March 3 (Reuters) - Vale said nickel output fell 3% ${payload} in the quarter.\n\n${payload}\n`,
    );
  });
}

describe.skipIf(!hasChromium())('XSS payloads in Chromium', () => {
  beforeAll(async () => {
    seeds = fs.mkdtempSync(path.join(os.tmpdir(), 'xss-seeds-'));
    writePayloadArticles(seeds);
    ({ site, server, browser } = opened = await siteInBrowser(seeds));
    htmlPages = walk(site.out).filter((f) => f.endsWith('.html'));
  }, 180_000);
  afterAll(async () => {
    await opened?.close();
    if (seeds) fs.rmSync(seeds, { recursive: true, force: true });
  });

  it('builds every payload article (a payload is text, not a reason to skip)', () => {
    expect(site.result.built).toBe(XSS_PAYLOADS.length * 2);
    expect(site.result.skipped).toBe(0);
    for (const a of site.result.site.articles) expect(a.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('every page carries a CSP meta tag forbidding inline script, and holds no injected markup', () => {
    expect(htmlPages.length).toBeGreaterThan(XSS_PAYLOADS.length * 2);
    const problems: string[] = [];
    for (const file of htmlPages) {
      const html = fs.readFileSync(path.join(site.out, file), 'utf8');
      if (!forbidsInlineScript(html)) problems.push(`${file}: no CSP forbidding inline script`);
      for (const p of unsafeMarkup(html)) problems.push(`${file}: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it('no page raises a dialog, a script error or a CSP report, even with the CSP bypassed', async () => {
    // the article pages, the home page (and its further pages), and the tag/topic pages
    const paths = htmlPages.filter((f) => /^(?:articles\/|index\.html$|page\/|topics\/)/.test(f)).map((f) => f.replace(/index\.html$/, ''));
    expect(paths.filter((p) => p.startsWith('articles/'))).toHaveLength(XSS_PAYLOADS.length * 2);
    const context = await browser.newContext({ bypassCSP: true, javaScriptEnabled: true });
    // nothing leaves the test host (payloads point at xss.rocks and cdn.jsdelivr.net)
    await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    const incidents: string[] = [];
    const page = await context.newPage();
    let current = '';
    page.on('dialog', (d) => {
      incidents.push(`${current}: dialog ${d.type()} "${d.message()}"`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => incidents.push(`${current}: script error ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) incidents.push(`${current}: ${m.text()}`);
    });
    for (const p of paths) {
      current = p;
      await page.goto(server.url + p, { waitUntil: 'load' });
      const injected = await page.evaluate(() => {
        const bad: string[] = [];
        for (const el of Array.from(document.querySelectorAll('*'))) {
          const tag = el.tagName.toLowerCase();
          if (['iframe', 'frame', 'object', 'embed', 'img', 'style', 'base'].includes(tag)) bad.push(tag);
          if (tag === 'script' && !['module', 'application/ld+json'].includes(el.getAttribute('type') ?? '')) bad.push('script');
          for (const a of Array.from(el.attributes)) {
            if (a.name.startsWith('on') || a.name === 'style') bad.push(`${tag}[${a.name}]`);
            if (/^\s*(?:javascript|data|vbscript):/i.test(a.value) && ['href', 'src', 'action', 'data', 'background'].includes(a.name)) bad.push(`${tag}[${a.name}=${a.value.slice(0, 30)}]`);
          }
        }
        return bad;
      });
      for (const b of injected) incidents.push(`${p}: injected ${b}`);
    }
    // a payload that ran would have had a second to fire its handlers
    await page.waitForTimeout(300);
    await context.close();
    expect(incidents).toEqual([]);
  }, 120_000);
});
