// Article and timeline pages' input keys: what the link stage adds is hashed, the record's own
// facts are vouched for by the source's digest and the extractor's version instead of hashed again.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectArticles } from '../pipeline/collect.ts';
import { link, type SiteData } from '../link/link.ts';
import { SiteRenderer } from './render-site.ts';
import { renderVersion } from './page-key.ts';
import { testRenderOptions } from '../../tests/helpers/render-options.ts';
import { PROJECT } from '../../tests/helpers/build-site.ts';
import { factsFrom, factsOf, packedFacts } from '../store/held-facts.ts';

const { records } = await collectArticles(path.join(PROJECT, 'seeds'));

/** Page keys as an incremental build works them out while sorting pages, of the pages `visit` asks for. */
function keysOf(site: SiteData, dataVersion: string | undefined, visit: (renderer: SiteRenderer) => void): Map<string, string> {
  const keys = new Map<string, string>();
  const renderer = new SiteRenderer(site, testRenderOptions({ dataVersion, unchanged: (pagePath, key) => (keys.set(pagePath, key), false) }));
  renderer.keysOnly = true;
  visit(renderer);
  return keys;
}

const articleKeys = (site: SiteData, dataVersion: string | undefined) => keysOf(site, dataVersion, (r) => site.articles.forEach((a) => r.articlePage(a.id)));
const timelineKeys = (site: SiteData, dataVersion: string | undefined) =>
  keysOf(site, dataVersion, (r) => {
    for (const slot of r.slots()) if (slot.path.startsWith('timeline/')) slot.render();
  });

/** Checks that a site's keys are the same when worked out again, and all differ under another extractor version; gives them. */
function stableAndVersioned(keys: (site: SiteData, dataVersion: string | undefined) => Map<string, string>): Map<string, string> {
  const first = keys(link(records), 'v1');
  expect(keys(link(records), 'v1')).toEqual(first);
  const other = keys(link(records), 'v2');
  for (const [pagePath, key] of first) expect(other.get(pagePath), pagePath).not.toBe(key);
  return first;
}

describe('article page keys', () => {
  it('are the same for the same site, and all change with the extractor', () => {
    expect(stableAndVersioned(articleKeys).size).toBe(records.length);
  });

  it("change with what the link stage adds: a company's name on the site", () => {
    const before = articleKeys(link(records), 'v1');
    const site = link(records);
    const company = site.companies.find((c) => site.articles[0]!.companies.some((ac) => ac.id === c.id))!;
    company.name = `${company.name} Holdings`;
    const after = articleKeys(site, 'v1');
    expect(after.get(site.articles[0]!.url)).not.toBe(before.get(site.articles[0]!.url));
  });

  it("leave the record's own facts to its digest, with the extractor's version to vouch for them", () => {
    const site = link(records);
    const a = site.articles.find((x) => factsOf(x).figures.length > 0)!;
    const versioned = articleKeys(site, 'v1').get(a.url);
    const unversioned = articleKeys(site, undefined).get(a.url);
    // replaced, as a changed record would have them
    const { figures, dates } = factsOf(a);
    a.facts = factsFrom(packedFacts(figures.map((f) => ({ ...f, sentence: `${f.sentence} (changed)` })), dates));
    expect(articleKeys(site, 'v1').get(a.url)).toBe(versioned);
    // with no version to vouch for the record, every fact is hashed
    expect(articleKeys(site, undefined).get(a.url)).not.toBe(unversioned);
  });
});

describe('timeline page keys', () => {
  it('are the same for the same site, and change with the extractor', () => {
    expect(stableAndVersioned(timelineKeys).size).toBeGreaterThan(0);
  });

  it("change with a point's article: its title on the site, or its source's digest", () => {
    const before = timelineKeys(link(records), 'v1');
    const retitled = link(records);
    retitled.articles[0]!.title = `${retitled.articles[0]!.title} (updated)`;
    const redigested = link(records);
    const record = redigested.articles[0]!.record;
    Object.defineProperty(record, 'source', { value: { ...record.source, digest: 'another' } });
    for (const site of [retitled, redigested]) expect(timelineKeys(site, 'v1')).not.toEqual(before);
  });

  it("leave a point's sentence to its digest, with the extractor's version to vouch for it", () => {
    const site = link(records);
    const a = site.articles.find((x) => factsOf(x).dates.length > 0)!;
    const versioned = timelineKeys(site, 'v1');
    const unversioned = timelineKeys(site, undefined);
    const { figures, dates } = factsOf(a);
    a.facts = a.record.facts = factsFrom(packedFacts(figures, dates.map((d) => ({ ...d, sentence: `${d.sentence} (changed)` }))));
    expect(timelineKeys(site, 'v1')).toEqual(versioned);
    // with no version to vouch for the records, the whole model is hashed
    expect(timelineKeys(site, undefined)).not.toEqual(unversioned);
  });
});

describe('the render version', () => {
  it('follows what the template folders hold, not where they are', () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-'));
    try {
      const builtIn = testRenderOptions();
      fs.cpSync(builtIn.templatesDir, elsewhere, { recursive: true });
      // the generator installed at another path (a CI checkout): its pages' keys are the same
      expect(renderVersion({ ...builtIn, templatesDir: elsewhere })).toBe(renderVersion(builtIn));
      fs.appendFileSync(path.join(elsewhere, 'article.eta'), '\n<!-- changed -->\n');
      expect(renderVersion({ ...builtIn, templatesDir: elsewhere })).not.toBe(renderVersion(builtIn));
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
