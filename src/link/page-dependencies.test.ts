import { describe, expect, it } from 'vitest';
import { link } from './link.ts';
import { changedPages, NEIGHBOURHOOD, snapshotOf, type SiteSnapshot } from './page-dependencies.ts';
import { recordOf, wireText, withText } from '../../tests/helpers/records.ts';
import type { ArticleRecord } from '../types.ts';

const day = (n: number) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10);
/** Articles a0000… one day apart, all about one company and copper; every tenth also about zinc. */
const run = (count: number) => Array.from({ length: count }, (_, n) => recordOf(`a${String(n).padStart(4, '0')}.txt`, day(n), [{ name: 'Orebody Metals' }], [], n % 10 ? ['copper'] : ['copper', 'zinc']));
const snapshot = (records: ArticleRecord[]) => snapshotOf(link(records));
const url = (n: number) => `articles/a${String(n).padStart(4, '0')}/`;

describe('changedPages', () => {
  it('reaches the article, the pages of what it names, and its neighbours in those lists, not the rest', () => {
    const records = run(NEIGHBOURHOOD * 3);
    const last = snapshot(records);
    const edited = records.slice();
    edited[301] = { ...edited[301]!, source: { ...edited[301]!.source, digest: 'edited' } };
    const pages = changedPages(snapshot(edited), last)!;
    expect(pages.ids.size).toBe(1);
    expect([...pages.entities].sort()).toEqual(['companies/orebody-metals/', 'metals/copper/']);
    expect(pages.articles.has(url(301))).toBe(true);
    expect(pages.articles.has(url(301 - NEIGHBOURHOOD))).toBe(true);
    expect(pages.articles.has(url(301 + NEIGHBOURHOOD))).toBe(true);
    expect(pages.articles.has(url(301 - NEIGHBOURHOOD - 1))).toBe(false);
    expect(pages.articles.has(url(0))).toBe(false);
  });

  it('reaches the neighbours an article leaves, when it is deleted', () => {
    const records = run(NEIGHBOURHOOD * 3);
    const pages = changedPages(snapshot(records.filter((_, n) => n !== 101)), snapshot(records))!;
    expect(pages.ids.size).toBe(1);
    expect(pages.articles.has(url(101 + NEIGHBOURHOOD))).toBe(true);
    expect(pages.articles.has(url(101 + NEIGHBOURHOOD + 2))).toBe(false);
  });

  it('says "any page" when a company both builds know is shown otherwise', () => {
    const records = run(20);
    const renamed = [...records, recordOf('b.txt', day(30), [{ name: 'Orebody Metals', aliases: ['Orebody'] }])];
    expect(changedPages(snapshot(renamed), snapshot(records))).toBeNull();
  });

  it('reaches the companies of a person whose roles changed, and the articles quoting a person added', () => {
    const records = [...run(5), recordOf('p.txt', day(9), [{ name: 'Orebody Metals' }], [{ name: 'Ana Ruiz', role: 'chief executive', company: null, spans: [] }])];
    const quoting = { ...records[0]!, extraction: { ...records[0]!.extraction, quotes: [{ speaker: 'Ben Ito', text: 'We will grow', span: { start: 0, end: 0 } }] } } as unknown as ArticleRecord;
    const last = snapshot([quoting, ...records.slice(1)]);
    const withRole = recordOf('p.txt', day(9), [{ name: 'Orebody Metals' }, { name: 'Lode Corp' }], [{ name: 'Ana Ruiz', role: 'chief executive', company: 'Lode Corp', spans: [] }]);
    const withBen = recordOf('q.txt', day(10), [{ name: 'Lode Corp' }], [{ name: 'Ben Ito', role: null, company: null, spans: [] }]);
    const pages = changedPages(snapshot([quoting, ...records.slice(1, 5), { ...withRole, source: { ...withRole.source, digest: 'roles' } }, withBen]), last)!;
    expect(pages.entities.has('people/ana-ruiz/')).toBe(true);
    expect(pages.entities.has('companies/lode-corp/')).toBe(true);
    expect(pages.articles.has(url(0))).toBe(true);
  });

  it('reaches every copy of a story, its entities and its neighbours, when an earlier copy is added', () => {
    const records = run(NEIGHBOURHOOD * 3);
    const wire = wireText(3, 'Orebody Metals');
    records[100] = withText(records[100]!, wire);
    records[500] = withText(records[500]!, wire.split('\n\n').slice(0, -1).join('\n\n'));
    const last = snapshot(records);
    expect(last.stories.get('a0100')).toEqual(['a0100', 'a0500']);
    const earlier = withText(recordOf('copy.txt', day(-5), [{ name: 'Lode Corp' }], [], ['nickel']), `${wire}\n\nThis story first appeared elsewhere.`);
    const pages = changedPages(snapshot([...records, earlier]), last)!;
    expect([...pages.ids].sort()).toEqual(['a0100', 'a0500', 'copy']);
    expect(pages.articles.has(url(100))).toBe(true);
    expect(pages.articles.has(url(500))).toBe(true);
    // the later copy's neighbours: it is a copy no list shows, yet its related list holds them
    expect(pages.articles.has(url(500 - NEIGHBOURHOOD))).toBe(true);
    expect(pages.articles.has(url(500 + NEIGHBOURHOOD - 1))).toBe(false);
    expect([...pages.entities].sort()).toEqual(['companies/lode-corp/', 'companies/orebody-metals/', 'metals/copper/', 'metals/nickel/', 'metals/zinc/']);
  });

  it('counts the neighbourhood in listed articles, with the copies a list leaves out between them', () => {
    const records = run(NEIGHBOURHOOD * 3);
    const wire = wireText(4, 'Orebody Metals');
    // copies of one story side by side: the list shows the earliest only
    for (let n = 310; n < 330; n++) records[n] = withText(records[n]!, wire);
    const last = snapshot(records);
    const edited = records.slice();
    edited[301] = { ...edited[301]!, source: { ...edited[301]!.source, digest: 'edited' } };
    const pages = changedPages(snapshot(edited), last)!;
    // 19 copies the lists do not count lie between 301 and its 201st listed neighbour after it
    expect(pages.articles.has(url(301 + NEIGHBOURHOOD + 19))).toBe(true);
    expect(pages.articles.has(url(301 + NEIGHBOURHOOD + 20))).toBe(false);
  });

  it('says "any page" for a snapshot of another layout (an older build\'s), without failing', () => {
    const records = run(20);
    const older = { articles: { a0000: ['digest', url(0), 'Title', 0, { companies: [], people: [], metals: [], topics: [] }, []] }, entities: snapshot(records).entities } as unknown as SiteSnapshot;
    expect(changedPages(snapshot(records), older)).toBeNull();
  });

  it('says which lists, and whether the related lists, are as they were: only those nothing they are made of changed', () => {
    const records = run(40);
    const last = snapshot(records);
    const changedBy = (change: (r: ArticleRecord) => ArticleRecord, at = 17) => {
      const pages = changedPages(snapshot(records.map((r, n) => (n === at ? change(r) : r))), last)!;
      return { same: [...pages.sameLists].sort(), related: pages.sameRelated };
    };
    // its text or title: the same lists
    expect(changedBy((r) => ({ ...r, title: 'Copper output rises', source: { ...r.source, digest: 'edited' } }))).toEqual({ same: ['companies', 'metals', 'people', 'topics'], related: true });
    // a company named, a metal: the lists of the other kinds only
    expect(changedBy((r) => recordOf(r.source.relPath, r.date, [{ name: 'Orebody Metals' }, { name: 'Lode Corp' }], [], ['copper']))).toEqual({ same: ['metals', 'people', 'topics'], related: false });
    expect(changedBy((r) => recordOf(r.source.relPath, r.date, [{ name: 'Orebody Metals' }], [], ['copper', 'tin']))).toEqual({ same: ['companies', 'people', 'topics'], related: false });
    // one of its people given a company: that company lists the article too (the same person, the same companies named)
    const withAna = (company: string | null) => records.map((r, n) => (n === 17 ? recordOf(r.source.relPath, r.date, [{ name: 'Orebody Metals' }], [{ name: 'Ana Ruiz', role: 'chief executive', company, spans: [] }], ['copper']) : r));
    const roled = changedPages(snapshot(withAna('Lode Corp')), snapshot(withAna(null)))!;
    expect({ same: [...roled.sameLists].sort(), related: roled.sameRelated }).toEqual({ same: ['metals', 'people', 'topics'], related: false });
    // a day later, between the same neighbours: the same places, but nearer in time to others
    const everyOtherDay = records.map((r, n) => ({ ...r, date: day(2 * n) }));
    const later = everyOtherDay.map((r, n) => (n === 17 ? { ...r, date: day(35) } : r));
    const redated = changedPages(snapshot(later), snapshot(everyOtherDay))!;
    expect([redated.sameLists.size, redated.sameRelated]).toEqual([4, false]);
    // an article added or deleted moves others
    for (const pages of [changedPages(snapshot([...records, recordOf('b.txt', day(50), [{ name: 'Orebody Metals' }])]), last)!, changedPages(snapshot(records.slice(1)), last)!]) {
      expect([pages.sameLists.size, pages.sameRelated]).toEqual([0, false]);
    }
  });

  it('takes a title edited, tabs and all, for a change of that article alone', () => {
    const records = run(20);
    const retitled = records.slice();
    retitled[7] = { ...retitled[7]!, title: 'Copper\tprices, then \t more' };
    const pages = changedPages(snapshot(retitled), snapshot(records))!;
    expect([...pages.ids]).toEqual(['a0007']);
    expect(pages.articles.has(url(7))).toBe(true);
  });
});
