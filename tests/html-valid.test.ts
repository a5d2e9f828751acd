// Every page of a built site (under --base, with dated articles so the timeline, charts and figures
// have content) is valid HTML by html-validate, carries well-formed JSON-LD and Open Graph, and
// links the feeds that exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { buildSite, walk, type BuiltSite } from './helpers/build-site.ts';
import { qualitySeeds } from './helpers/quality-seeds.ts';

const BASE = '/digest/';
const SITE_URL = 'https://example.com/digest/';
let site: BuiltSite;
let seeds: ReturnType<typeof qualitySeeds>;
let pages: { file: string; html: string }[];

beforeAll(async () => {
  seeds = qualitySeeds();
  site = await buildSite({ seedsDir: seeds.dir, base: BASE, siteUrl: SITE_URL });
  pages = walk(site.out)
    .filter((f) => f.endsWith('.html'))
    .map((file) => ({ file, html: fs.readFileSync(path.join(site.out, file), 'utf8') }));
}, 60_000);
afterAll(() => {
  site?.cleanup();
  seeds?.cleanup();
});

/** The `content` of <meta property|name="key">, or null. */
function meta(html: string, key: string): string | null {
  const m = new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`).exec(html);
  return m ? m[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'") : null;
}

function jsonLd(html: string): any[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe('every page of the built site', () => {
  it('builds the pages the checks below walk', () => {
    const files = pages.map((p) => p.file);
    for (const f of ['index.html', 'figures/index.html', 'timeline/index.html', 'search/index.html', '404.html', 'metals/index.html', 'companies/jx-advanced-metals/index.html']) expect(files).toContain(f);
    expect(pages.length).toBeGreaterThan(30);
  });

  it('is valid HTML (html-validate recommended preset)', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: {
        // style choices of the recommended preset that say nothing about validity or access:
        // `<!doctype html>` is the HTML standard's own spelling, and template indentation leaves
        // trailing spaces that no browser or reader sees
        'doctype-style': 'off',
        'no-trailing-whitespace': 'off',
        // <title> holds the article's own headline: its length is the publisher's, not markup
        'long-title': 'off',
      },
    });
    const problems: string[] = [];
    for (const { file, html } of pages) {
      const report = await validator.validateString(html, file);
      for (const r of report.results) for (const m of r.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  });

  it('has a title, a description, a canonical URL and Open Graph tags, all absolute under --site-url', () => {
    for (const { file, html } of pages) {
      expect(html, file).toMatch(/<title>[^<]+<\/title>/);
      expect(meta(html, 'description'), file).toBeTruthy();
      for (const key of ['og:title', 'og:description', 'og:type', 'og:site_name']) expect(meta(html, key), `${file} ${key}`).toBeTruthy();
      const url = meta(html, 'og:url');
      expect(url, file).toMatch(/^https:\/\/example\.com\/digest\//);
      expect(html).toContain(`<link rel="canonical" href="${url}">`);
    }
  });

  it('has JSON-LD that parses: NewsArticle on articles (about/mentions, datePublished when dated), Organization and Person on entity pages', () => {
    const articles = pages.filter((p) => /^articles\/[^/]+\/index\.html$/.test(p.file));
    expect(articles.length).toBe(5);
    for (const { file, html } of articles) {
      const [ld, ...more] = jsonLd(html);
      expect(more, file).toEqual([]);
      expect(ld['@context']).toBe('https://schema.org');
      expect(ld['@type']).toBe('NewsArticle');
      expect(ld.headline).toBeTruthy();
      expect(ld.url).toBe(meta(html, 'og:url'));
      expect(Array.isArray(ld.about) && ld.about.length > 0, file).toBe(true);
      for (const o of ld.about) expect(o['@type']).toBe('Organization');
      for (const p of ld.mentions ?? []) expect(p['@type']).toBe('Person');
    }
    const lynas = articles.find((p) => p.file.includes('lynas'))!;
    const ld = jsonLd(lynas.html)[0];
    expect(ld.datePublished).toBe('2025-09-18');
    expect(ld.author).toEqual({ '@type': 'Person', name: 'Jane Reporter' });
    expect(ld.about.map((o: any) => o.name)).toContain('Lynas Rare Earths');
    expect(meta(lynas.html, 'og:type')).toBe('article');
    expect(meta(lynas.html, 'article:published_time')).toBe('2025-09-18');

    const home = jsonLd(pages.find((p) => p.file === 'index.html')!.html)[0];
    expect(home['@type']).toBe('WebSite');
    expect(home.url).toBe(SITE_URL);
    expect(home.potentialAction.target).toBe(`${SITE_URL}search/?q={search_term_string}`);

    const jx = jsonLd(pages.find((p) => p.file === 'companies/jx-advanced-metals/index.html')!.html)[0];
    expect(jx['@type']).toBe('Organization');
    expect(jx.name).toBe('JX Advanced Metals');
    expect(jx.alternateName).toContain('JX Nippon Mining & Metals');
    const hayashi = jsonLd(pages.find((p) => p.file === 'people/yoichi-hayashi/index.html')!.html)[0];
    expect(hayashi['@type']).toBe('Person');
    expect(hayashi.name).toBe('Yoichi Hayashi');
  });

  it('links the site feed everywhere and its own feed on company, metal and topic pages; every linked feed exists', () => {
    for (const { file, html } of pages) {
      const feeds = [...html.matchAll(/<link rel="alternate" type="application\/atom\+xml" title="[^"]*" href="([^"]+)">/g)].map((m) => m[1]!);
      expect(feeds[0], file).toBe(`${BASE}feed.xml`);
      const entity = /^(companies|metals|topics)\/([^/]+)\/index\.html$/.exec(file);
      if (entity) expect(feeds, file).toContain(`${BASE}${entity[1]}/${entity[2]}/feed.xml`);
      for (const f of feeds) expect(fs.existsSync(path.join(site.out, f.slice(BASE.length))), `${file} → ${f}`).toBe(true);
    }
  });

  it('draws charts as inline SVG with a title, a description and a table of the same numbers, and no inline style', () => {
    for (const file of ['metals/index.html', 'companies/jx-advanced-metals/index.html']) {
      const html = pages.find((p) => p.file === file)!.html;
      const svg = /<svg [^>]*role="img"[^>]*aria-labelledby="([^" ]+) ([^"]+)"[^>]*>([\s\S]*?)<\/svg>/.exec(html);
      expect(svg, file).not.toBeNull();
      expect(svg![3]).toContain(`<title id="${svg![1]}">`);
      expect(svg![3]).toContain(`<desc id="${svg![2]}">`);
      expect(html.slice(svg!.index)).toMatch(/<details class="chart-data">[\s\S]*?<table>/);
    }
    for (const { file, html } of pages) expect(html, file).not.toMatch(/\sstyle="|<style[\s>]|<script>(?!<\/script>)/);
  });
});

describe('figures and timeline pages', () => {
  const page = (file: string) => pages.find((p) => p.file === file)!.html;

  it('lists every figure of every article once, with its company and a link to its article', () => {
    const records = JSON.parse(fs.readFileSync(path.join(site.out, 'data/records.json'), 'utf8'));
    const html = page('figures/index.html');
    const rows = [...html.matchAll(/<tr data-company="([^"]*)" data-metal="([^"]*)" data-unit="([^"]*)">([\s\S]*?)<\/tr>/g)];
    const figures = records.articles.flatMap((a: any) => a.figures.map((f: any) => ({ ...f, article: a })));
    expect(rows.length).toBe(figures.length);
    rows.forEach((row, i) => {
      const f = figures[i];
      expect(row[1]).toBe(f.company ?? '');
      expect(row[3]).toBe(f.unit);
      expect(row[4]).toContain(`href="${BASE}${f.article.url}"`);
    });
    expect(html).toMatch(/<select name="unit">.*<option value="%">%<\/option>/);
  });

  it('puts article dates and dates in the text on one axis, latest first, grouped by year, plans marked', () => {
    const html = page('timeline/index.html');
    const years = [...html.matchAll(/<h2 id="y(\d{4})">/g)].map((m) => Number(m[1]));
    expect(years.length).toBeGreaterThan(3);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    // Lynas (18 September 2025) plans to double capacity by 2027: a target, after the article's date
    const lynas = /<li class="tl-entry tl-ahead">\s*<p class="tl-when"><time datetime="2027">2027<\/time> <span class="tl-kind">Plan or target<\/span><\/p>\s*<p class="tl-text">Lynas Rare Earths said[^<]*<mark>2027<\/mark>\.<\/p>/.exec(html);
    expect(lynas).not.toBeNull();
    expect(html).toMatch(/<time datetime="2025-09-18">18 September 2025<\/time> <span class="tl-kind">Published<\/span><\/p>\s*<p class="tl-text"><a href="\/digest\/articles\/lynas-heavy-rare-earths\/">/);
    expect(html).toContain('<time datetime="2026">fiscal year 2026</time>');
  });

  it('shows a company its own plans and targets', () => {
    const html = page('companies/jx-advanced-metals/index.html');
    expect(html).toContain('Plans, targets and events');
    expect(html).toMatch(/<mark>March 2027<\/mark>/);
  });
});
