// Related articles: the ones sharing most entities, among each entity's articles nearest in time.
import { describe, expect, it } from 'vitest';
import { link } from '../link/link.ts';
import { RELATED_WINDOW, relatedArticles, SiteIndex } from './page-models.ts';
import { recordOf } from '../../tests/helpers/records.ts';

/** Article n of a run, one day apart, newest last; all about one company and copper. */
const day = (n: number) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10);
const run = (count: number) => Array.from({ length: count }, (_, n) => recordOf(`a${String(n).padStart(4, '0')}.txt`, day(n), [{ name: 'Orebody Metals' }], [], ['copper']));
const related = (site: ReturnType<typeof link>, id: string) => {
  const index = new SiteIndex(site);
  return relatedArticles(index, index.articleById.get(id)!, 5).map((a) => a.id);
};

describe('related articles', () => {
  it('are, among equals, the nearest in time, newer or older', () => {
    expect(related(link(run(50)), 'a0020')).toEqual(['a0019', 'a0021', 'a0018', 'a0022', 'a0017']);
  });

  it('prefer what shares more: a company and a person before a company alone', () => {
    const records = run(50);
    for (const n of [5, 20]) records[n]!.extraction.people = [{ name: 'Ana Ruiz', role: null, company: null, spans: [] }];
    expect(related(link(records), 'a0020')[0]).toBe('a0005');
  });

  it('do not change, far back in an entity, when a newer article arrives', () => {
    const size = RELATED_WINDOW * 3;
    const before = link(run(size));
    const after = link([...run(size), recordOf('new.txt', day(size), [{ name: 'Orebody Metals' }], [], ['copper'])]);
    for (const id of ['a0000', 'a0100', `a${String(size - RELATED_WINDOW).padStart(4, '0')}`]) expect(related(after, id), id).toEqual(related(before, id));
    expect(related(after, `a${String(size - 1).padStart(4, '0')}`)).toContain('new');
  });

  it('are the same for a site whose entities come without their places (cloned to another thread)', () => {
    const site = link(run(RELATED_WINDOW + 50));
    const cloned = { ...site, companies: structuredClone(site.companies), metals: structuredClone(site.metals) };
    expect(cloned.companies[0]!.places).toBeUndefined();
    for (const id of ['a0000', 'a0120', 'a0249']) expect(related(cloned, id), id).toEqual(related(site, id));
  });
});
