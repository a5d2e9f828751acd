// What a reader meets first, over every seed, the project's own dev articles (eval/dev) and (where
// ../shared is beside the project) the shared dev articles: titles without datelines, agency tags, wire capitals or "…", at most 100 characters;
// summaries that are whole sentences of the article's text (the last one possibly cut where a
// clause ends), at most 320 characters.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { buildSite, PROJECT, type BuiltSite } from './helpers/build-site.ts';
import { SUMMARY_MAX } from '../src/extract/summary.ts';

const DEV = path.resolve(PROJECT, '../shared/eval/dev/articles');
const sets = [path.join(PROJECT, 'seeds'), path.join(PROJECT, 'eval/dev/articles'), ...(fs.existsSync(DEV) ? [DEV] : [])];
const built: BuiltSite[] = [];
afterAll(() => built.forEach((b) => b.cleanup()));

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

describe.each(sets)('titles and summaries of %s', (seeds) => {
  it('read as a headline and as the lead', async () => {
    const site = await buildSite({ seedsDir: seeds });
    built.push(site);
    const records = JSON.parse(fs.readFileSync(path.join(site.out, 'data/records.json'), 'utf8')) as { articles: { source: string; title: string; summary: string; text: string }[] };
    expect(records.articles.length).toBeGreaterThan(0);
    for (const a of records.articles) {
      expect(a.title.length, a.source).toBeLessThanOrEqual(100);
      expect(a.title, a.source).not.toMatch(/…$|\((?:Reuters|Bloomberg|AP|AFP)\)|^[A-Z][A-Z .]+,? [A-Z][a-z]{2}\.? \d{1,2}\b|^(?:THE|A|AN|IN) /);
      expect(a.summary.length, a.source).toBeLessThanOrEqual(SUMMARY_MAX);
      expect(a.summary, a.source).not.toMatch(/…$/);
      const text = flat(a.text);
      expect(text.includes(a.summary) || text.includes(a.summary.slice(0, -1)), `${a.source}: ${a.summary}`).toBe(true);
    }
  });
});
