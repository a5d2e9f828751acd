// The dev server's pageAt finds every page of the cut lists (the digest, an entity's articles) at
// the path a build writes it to, and nothing at an old counted address.
import { describe, expect, it } from 'vitest';
import { link } from '../src/link/link.ts';
import { entityCutsOf, idCodes, SiteRenderer } from '../src/render/render-site.ts';
import { recordOf } from './helpers/records.ts';
import type { ArticleRecord } from '../src/types.ts';
import { testRenderOptions } from './helpers/render-options.ts';

const day = (n: number) => new Date(Date.UTC(2020, 0, 1 + n * 3)).toISOString().slice(0, 10);
const notes = () => Array.from({ length: 240 }, (_, n) => recordOf(`note-${n}.txt`, n % 40 === 7 ? null : day(n), [{ name: 'Orebody Metals' }], [], ['copper']));
const site = link(notes());
const renderer = new SiteRenderer(site, testRenderOptions());
const slots = [...renderer.slots()];

describe('pages of cut lists', () => {
  it('are found by pageAt at the paths the build writes, with the same HTML', () => {
    const older = slots.filter((s) => /^(?:page|companies\/orebody-metals\/page|metals\/copper\/page)\//.test(s.path));
    expect(older.length).toBeGreaterThan(10);
    for (const s of older) expect(renderer.pageAt(s.path.replace(/index\.html$/, ''))?.html, s.path).toBe(s.render());
  });

  it('are named by their oldest article and titled by their dates', () => {
    const page = slots.find((s) => /^page\/\d{4}-\d\d-\d\d-[0-9a-f]{8}\/index\.html$/.test(s.path))!;
    expect(page.render()).toMatch(/<title>\d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4} · /);
  });

  it('follow the page sizes of the settings', () => {
    const pagesOf = (r: SiteRenderer, prefix: RegExp) => [...r.slots()].filter((s) => prefix.test(s.path)).length;
    const small = new SiteRenderer(site, testRenderOptions({ pageSizes: { digest: 5, entity: 5, figures: 120, timeline: 60 } }));
    // the digest's older pages: 240 articles in pages of 20 to 60 by default, 5 to 15 now
    expect(pagesOf(renderer, /^page\//)).toBeLessThanOrEqual(12);
    expect(pagesOf(small, /^page\//)).toBeGreaterThanOrEqual(240 / 15 - 1);
    expect(pagesOf(small, /^companies\/orebody-metals\/page\//)).toBeGreaterThan(pagesOf(renderer, /^companies\/orebody-metals\/page\//));
  });

  it('are not at the old counted addresses', () => {
    expect(renderer.pageAt('page/1/')).toBeNull();
    expect(renderer.pageAt('companies/orebody-metals/page/1/')).toBeNull();
    expect(renderer.pageAt('figures/page/1/')).toBeNull();
  });
});

describe('the shape of an older list page', () => {
  it('on the timeline, stays when a newer article arrives, and moves when a point lands on the page', () => {
    const options = testRenderOptions({ pageSizes: { digest: 20, entity: 20, figures: 120, timeline: 10 } });
    const timeline = new SiteRenderer(site, options);
    const older = [...timeline.slots()].map((s) => s.path.replace(/index\.html$/, '')).filter((p) => /^timeline\/.+/.test(p));
    expect(older.length).toBeGreaterThan(2);
    const shapes = new Map(older.map((p) => [p, timeline.listShape(p)!.shape]));
    const records = site.articles.map((a) => a.record);
    const withNewer = new SiteRenderer(link([...records, recordOf('note-new.txt', day(500), [{ name: 'Orebody Metals' }], [], ['copper'])]), options);
    for (const p of older) expect(withNewer.listShape(p)?.shape, p).toBe(shapes.get(p));
    // an article dated on the oldest page's days adds a point there
    const oldest = older.at(-1)!;
    const withOlder = new SiteRenderer(link([...records, recordOf('note-old.txt', day(0), [{ name: 'Orebody Metals' }], [], ['copper'])]), options);
    expect(withOlder.listShape(oldest)?.shape).not.toBe(shapes.get(oldest));
  });

  it('on the figures, stays when a newer article arrives, and moves when one of its articles has a figure more', () => {
    const withFigures = (record: ArticleRecord, count: number): ArticleRecord => {
      const figures = Array.from({ length: count }, (_, i) => ({ text: `${i + 1}%`, value: i + 1, unit: '%', sentence: `Output rose ${i + 1}%.`, span: { start: 0, end: 2 } }));
      return { ...record, extraction: { ...record.extraction, figures } };
    };
    const records = notes().map((r) => withFigures(r, 3));
    const options = testRenderOptions({ pageSizes: { digest: 20, entity: 20, figures: 40, timeline: 60 } });
    const figures = new SiteRenderer(link(records), options);
    const older = [...figures.slots()].map((s) => s.path.replace(/index\.html$/, '')).filter((p) => /^figures\/page\//.test(p));
    expect(older.length).toBeGreaterThan(2);
    expect(figures.listShape('figures/')).toBeNull();
    const shapes = new Map(older.map((p) => [p, figures.listShape(p)!.shape]));
    const newer = withFigures(recordOf('note-new.txt', day(500), [{ name: 'Orebody Metals' }], [], ['copper']), 3);
    const withNewer = new SiteRenderer(link([...records, newer]), options);
    for (const p of older) expect(withNewer.listShape(p)?.shape, p).toBe(shapes.get(p));
    // the oldest article with a figure more: the page it is on shows it
    const oldest = older.at(-1)!;
    // the page's last article: the one whose id's codes end the page's
    const { codes } = figures.listShape(oldest)!;
    const isLast = (r: ArticleRecord) => idCodes([r.source.relPath.replace(/\.txt$/, '')]).join() === [...codes.slice(-2)].join();
    const changed = records.map((r) => (isLast(r) ? withFigures(r, 4) : r));
    expect(changed.filter((r, i) => r !== records[i])).toHaveLength(1);
    expect(new SiteRenderer(link(changed), options).listShape(oldest)?.shape).not.toBe(shapes.get(oldest));
  });
});

describe("an entity's pages kept from the last build", () => {
  const entityPaths = (r: SiteRenderer) => [...r.slots()].map((s) => s.path).filter((p) => /^(?:companies|people|metals|topics)\/[^/]+\//.test(p) && !/^\w+\/page\//.test(p));

  it('are the pages the list is cut into, packed and read back', () => {
    const last = new SiteRenderer(site, testRenderOptions());
    const paths = entityPaths(last);
    const kept = entityCutsOf(structuredClone(last.keptEntityCuts()))!;
    expect([...kept.keys()]).toEqual(expect.arrayContaining(['companies/orebody-metals/', 'metals/copper/']));
    const next = new SiteRenderer(site, testRenderOptions());
    next.lastEntityCuts = { cuts: kept, reached: new Set() };
    expect(entityPaths(next)).toEqual(paths);
    expect(entityCutsOf({ ...last.keptEntityCuts(), ends: new Uint32Array(0) })).toBeNull();
  });

  it('are taken as they were for a list no change reached, and cut anew for one a change reached', () => {
    const last = new SiteRenderer(site, testRenderOptions());
    const paths = entityPaths(last);
    // the copper list's pages as the last build had them, but named otherwise: taken as they are only while no change reached copper
    const kept = entityCutsOf(last.keptEntityCuts())!;
    kept.set('metals/copper/', kept.get('metals/copper/')!.map((page, i) => (i ? { ...page, path: `metals/copper/page/kept-${i}/` } : page)));
    const unreached = new SiteRenderer(site, testRenderOptions());
    unreached.lastEntityCuts = { cuts: kept, reached: new Set(['companies/orebody-metals/']) };
    expect(entityPaths(unreached).filter((p) => p.includes('/kept-')).length).toBeGreaterThan(1);
    const reached = new SiteRenderer(site, testRenderOptions());
    reached.lastEntityCuts = { cuts: kept, reached: new Set(['metals/copper/']) };
    expect(entityPaths(reached)).toEqual(paths);
  });
});
