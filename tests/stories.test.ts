// One story told by several sites, built as a site: a wire story saved as .md and .txt copies (other
// headline, furniture, byline, dateline, a trimmed last paragraph) is one story, listed once in the
// digest and on its entities' pages with "also published by", and counted once; a different story
// about the same deal stays a story of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildSite, PROJECT, type BuiltSite } from './helpers/build-site.ts';

let site: BuiltSite;
let seeds: string;
let records: { articles: { id: string; story?: string; url: string; figures: unknown[] }[]; companies: { id: string; name: string; articles: string[] }[] };
const page = (p: string) => fs.readFileSync(path.join(site.out, p, 'index.html'), 'utf8');
/** The "Also published by" lines of a page, as text. */
const alsoPublished = (html: string) => [...html.matchAll(/<p class="also-published"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim());

beforeAll(async () => {
  seeds = fs.mkdtempSync(path.join(os.tmpdir(), 'story-seeds-'));
  const fixtures = path.join(PROJECT, 'tests/fixtures/stories');
  for (const f of fs.readdirSync(fixtures)) if (/\.(md|txt)$/.test(f)) fs.copyFileSync(path.join(fixtures, f), path.join(seeds, f));
  site = await buildSite({ seedsDir: seeds });
  records = JSON.parse(fs.readFileSync(path.join(site.out, 'data/records.json'), 'utf8'));
});
afterAll(() => {
  site?.cleanup();
  fs.rmSync(seeds, { recursive: true, force: true });
});

describe('copies of one story', () => {
  it('share the id of the earliest copy; the other story about the same deal keeps its own', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(PROJECT, 'schemas/records.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    expect(ajv.validate(schema, records), JSON.stringify(ajv.errors)).toBe(true);
    const story = Object.fromEntries(records.articles.map((a) => [a.id, a.story]));
    expect(story).toEqual({
      'wire-antofagasta': 'wire-antofagasta',
      'copy-antofagasta-metalsdaily': 'wire-antofagasta',
      'copy-antofagasta-orebody': 'wire-antofagasta',
      'analysis-antofagasta': 'analysis-antofagasta',
    });
  });

  it('are listed once in the digest, by the earliest, with the others as "also published by", and counted once', () => {
    const home = page('');
    expect(home).toContain('2 articles, newest first');
    expect(home).toContain('href="/articles/wire-antofagasta/"');
    expect(home).not.toContain('href="/articles/copy-antofagasta-orebody/"><');
    expect(alsoPublished(home)).toEqual(['Also published by orebody-news.example.org, copy-antofagasta-metalsdaily.txt']);
    expect(home).toContain('<a href="/articles/copy-antofagasta-orebody/" title="Chile&#39;s Antofagasta bets $1.2bn on Peru">orebody-news.example.org</a>');
  });

  it('count once on the company page and in the companies index', () => {
    const antofagasta = records.companies.find((c) => c.name === 'Antofagasta')!;
    expect(antofagasta.articles).toEqual(['analysis-antofagasta', 'wire-antofagasta']);
    const html = page(`companies/${antofagasta.id}/`);
    expect(html).toContain('Company: Antofagasta, in 2 articles');
    expect(html.match(/<li class="article-card">/g)).toHaveLength(2);
    expect(alsoPublished(html)).toEqual(['Also published by orebody-news.example.org, copy-antofagasta-metalsdaily.txt']);
    const index = page('companies/');
    expect(index).toMatch(new RegExp(`href="/companies/${antofagasta.id}/">Antofagasta</a></td><td class="num">2</td>`));
  });

  it('give their figures once, on the figures page', () => {
    const figures = records.articles.filter((a) => a.story === a.id).reduce((n, a) => n + a.figures.length, 0);
    expect(figures).toBeGreaterThan(0);
    expect(page('figures/')).toContain(`Every figure of every article: ${figures} values from 2 articles`);
  });

  it('each keep a page of their own that links the other copies', () => {
    for (const a of records.articles) expect(fs.existsSync(path.join(site.out, a.url, 'index.html'))).toBe(true);
    const header = (id: string) => alsoPublished(page(`articles/${id}/`).split('class="article-header"')[1]!.split('</header>')[0]!);
    expect(header('copy-antofagasta-orebody')).toEqual(['Also published by minewire.example.com, copy-antofagasta-metalsdaily.txt']);
    expect(header('wire-antofagasta')).toEqual(['Also published by orebody-news.example.org, copy-antofagasta-metalsdaily.txt']);
    expect(header('analysis-antofagasta')).toEqual([]);
    // the other story's related articles show the story once, by its earliest copy
    const related = page('articles/analysis-antofagasta/').split('id="related-heading"')[1]!;
    expect(related).toContain('href="/articles/wire-antofagasta/"');
    expect(related).not.toContain('href="/articles/copy-antofagasta-orebody/">Chile');
  });
});
