// An entity page's search record is what the entity is (its name, other names, people and roles),
// not what changes with each article (counts, rankings, charts, quotes, figures): an added article
// that names no new entity leaves the entity shards of the search index as they were.
import { describe, expect, it } from 'vitest';
import { link } from '../src/link/link.ts';
import { SiteRenderer } from '../src/render/render-site.ts';
import { searchRecordOf } from '../src/render/search-records.ts';
import { recordOf } from './helpers/records.ts';
import { testRenderOptions } from './helpers/render-options.ts';

const people = [{ name: 'Ana Ruiz', role: 'chief executive', company: 'Orebody Metals', spans: [] }];
const note = (n: number) => recordOf(`note-${n}.txt`, `2025-01-${String(1 + n).padStart(2, '0')}`, [{ name: 'Orebody Metals' }, { name: n % 2 ? 'Quartzite Minerals' : 'Basalt Mining' }], people, ['copper', n % 3 ? 'nickel' : 'zinc']);
const pagesOf = (count: number) => {
  const renderer = new SiteRenderer(link(Array.from({ length: count }, (_, n) => note(n))), testRenderOptions());
  return (path: string) => renderer.pageAt(path)!.html;
};

describe('entity pages in the search index', () => {
  it('keep their search record when an article about the same entities is added', () => {
    const [before, after] = [pagesOf(8), pagesOf(9)];
    for (const path of ['companies/orebody-metals/', 'people/ana-ruiz/', 'metals/copper/']) {
      // the page itself changes (its count, its articles) …
      expect(after(path), path).not.toBe(before(path));
      // … its record does not
      expect(searchRecordOf(after(path), `/${path}`), path).toEqual(searchRecordOf(before(path), `/${path}`));
    }
    const company = searchRecordOf(after('companies/orebody-metals/'), '/companies/orebody-metals/')!;
    expect(company.meta.title).toBe('Orebody Metals');
    expect(company.content).toContain('Ana Ruiz');
    expect(company.content).not.toMatch(/\d+ articles|Related companies|Key figures/);
  });
});
