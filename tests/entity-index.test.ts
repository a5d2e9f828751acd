// Entity indexes stay a sane size on a big site: 500 names a page, A–Z, each letter linked from
// every page to the page and row where it starts, and the dev server's pageAt finds every page.
import { describe, expect, it } from 'vitest';
import { SiteRenderer } from '../src/render/render-site.ts';
import { INDEX_PAGE_SIZE } from '../src/render/page-models.ts';
import type { SiteData } from '../src/link/link.ts';
import { testRenderOptions } from './helpers/render-options.ts';

function bigSite(companies: number): SiteData {
  const names = Array.from({ length: companies }, (_, i) => `${String.fromCharCode(65 + (i % 26))}${'xyz'[i % 3]} Mining ${i}`);
  names.push('3D Metals', 'Ångström Resources', '東方金属');
  return {
    articles: [],
    companies: names.map((name, i) => ({ id: `c${i}`, name, aliases: [], formerNames: [], articles: [], mentions: i })),
    people: [],
    metals: [],
    topics: [],
    messages: [],
    stories: new Map(),
    unlisted: new Map(),
  };
}

describe('entity index pages', () => {
  const renderer = new SiteRenderer(bigSite(1200), testRenderOptions());
  const pages = [...renderer.entityIndexPages('companies')];

  it(`splits ${1203} companies into pages of ${INDEX_PAGE_SIZE}, A–Z, each letter one run`, () => {
    expect(pages.map((p) => p.path)).toEqual(['companies/index.html', 'companies/page/2/index.html', 'companies/page/3/index.html']);
    const names = pages.flatMap((p) => [...p.html.matchAll(/<td><a href="\/companies\/c\d+\/">([^<]+)<\/a><\/td>/g)].map((m) => m[1]!));
    expect(names).toHaveLength(1203);
    expect(pages.map((p) => (p.html.match(/<tr[ >]/g) ?? []).length - 1)).toEqual([500, 500, 203]);
    // names not starting with A–Z come first, under "#"
    expect(names.slice(0, 2)).toEqual(['3D Metals', '東方金属']);
    expect(names[names.length - 1]).toMatch(/^Z/);
    expect(names.indexOf('Ångström Resources')).toBeLessThan(names.findIndex((n) => n.startsWith('B')));
  });

  it('links every letter, from every page, to the page and row where it starts; no id twice', () => {
    const targets = new Set<string>();
    pages.forEach((p, i) => {
      const ids = [...p.html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids.filter((x) => x.startsWith('letter-'))) targets.add(`/${p.path.replace(/index\.html$/, '')}#${id}`);
      const links = [...p.html.matchAll(/<a href="([^"]+#letter-[^"]+)">/g)].map((m) => m[1]!);
      expect(links.length, `page ${i + 1}`).toBe(27);
    });
    for (const link of [...pages[0]!.html.matchAll(/<a href="([^"]+#letter-[^"]+)">/g)].map((m) => m[1]!)) expect(targets.has(link), link).toBe(true);
  });

  it('is found by pageAt, and nothing past the last page', () => {
    expect(renderer.pageAt('companies/page/3/')?.path).toBe('companies/page/3/index.html');
    expect(renderer.pageAt('companies/page/4/')).toBeNull();
    expect(renderer.pageAt('companies/')?.html).toBe(pages[0]!.html);
  });
});
