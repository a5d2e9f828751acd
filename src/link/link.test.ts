import { describe, expect, it } from 'vitest';
import { recordOf as article, wireText, withText } from '../../tests/helpers/records.ts';
import { link, LinkMemo } from './link.ts';
import { CompanyRegistry, knownCompanies } from './company-registry.ts';
import { isRecordsPlaces, placeById, recordsJsonChunks, recordsPlacesOf, toRecords } from './records.ts';


const registry = new CompanyRegistry([{ name: 'Orebody Metals', aliases: ['Orebody'], formerNames: [{ name: 'Orebody Nippon Mining', until: '2024-07' }] }]);

describe('link', () => {
  it('puts a company and its former name on one entity, under the current name', () => {
    const site = link([article('a.txt', '2025-01-02', [{ name: 'Orebody Nippon Mining', aliases: ['Orebody'] }]), article('b.txt', '2025-03-04', [{ name: 'Orebody Metals' }])], registry);
    expect(site.companies).toHaveLength(1);
    expect(site.companies[0]).toMatchObject({ id: 'orebody-metals', name: 'Orebody Metals', articles: ['b', 'a'] });
    expect(site.companies[0]!.aliases).toContain('Orebody Nippon Mining');
    expect(site.articles.map((a) => a.companies[0]!.id)).toEqual(['orebody-metals', 'orebody-metals']);
  });

  it('knows that JX Nippon Mining & Metals is now JX Advanced Metals', () => {
    expect(knownCompanies.lookup('JX Nippon Mining & Metals')?.name).toBe('JX Advanced Metals');
  });

  it('joins a short form seen alone to the company it is short for', () => {
    const site = link([article('a.txt', null, [{ name: 'Quartzite Minerals', aliases: ['Quartzite'] }]), article('b.txt', null, [{ name: 'Quartzite' }])], registry);
    expect(site.companies.map((c) => c.name)).toEqual(['Quartzite Minerals']);
    expect(site.companies[0]!.articles).toHaveLength(2);
  });

  it('orders articles newest first, undated last, then by file name', () => {
    const site = link([article('c.txt', null, []), article('b.txt', '2024-01-01', []), article('a.txt', '2025-01-01', []), article('d.txt', '2024-01-01', [])], registry);
    expect(site.articles.map((a) => a.id)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('gives distinct stable ids to files whose names differ only by case or punctuation', () => {
    const site = link([article('Copper News.txt', null, []), article('copper-news.md', null, []), article('copper_news.txt', null, [])], registry);
    expect(site.articles.map((a) => a.id).sort()).toEqual(['copper-news', 'copper-news-2', 'copper-news-3']);
  });

  it('names an article by its front matter slug, the one field of the front matter a held record keeps', () => {
    const a = article('x.txt', null, []);
    Object.assign(a.source.frontMatter, { slug: 'copper-outlook', title: 'Copper outlook' });
    const site = link([a], registry);
    expect(site.articles[0]!.id).toBe('copper-outlook');
    expect(site.articles[0]!.record.source.frontMatter).toEqual({ slug: 'copper-outlook' });
  });

  it('replaces an unsafe front matter slug with a safe id and says so', () => {
    const a = article('x.txt', null, []);
    a.source.frontMatter.slug = '../../etc/passwd';
    const site = link([a], registry);
    expect(site.articles[0]!.id).toBe('x');
    expect(site.messages[0]).toMatchObject({ file: 'x.txt', ruleId: 'unsafe-slug' });
  });

  it('merges people across articles and keeps each role with its company', () => {
    const p = (role: string) => [{ name: 'Ana Ruiz', role, company: 'Orebody Metals', spans: [] }];
    const site = link([article('a.txt', null, [{ name: 'Orebody Metals' }], p('chief executive')), article('b.txt', null, [{ name: 'Orebody' }], p('chief executive'))], registry);
    expect(site.people).toHaveLength(1);
    expect(site.people[0]).toMatchObject({ id: 'ana-ruiz', roles: [{ role: 'chief executive', company: 'Orebody Metals', companyId: 'orebody-metals' }] });
    expect(toRecords(site).people[0]).toEqual({ id: 'ana-ruiz', name: 'Ana Ruiz', roles: [{ role: 'chief executive', company: 'Orebody Metals' }], articles: ['a', 'b'] });
  });

  it('gives each entity its articles as places in the site, beside the ids and left out of what is printed', () => {
    const people = [{ name: 'Ana Ruiz', role: 'chief executive', company: 'Orebody Metals', spans: [] }];
    const site = link([article('c.txt', '2025-01-01', [{ name: 'Orebody Metals' }]), article('b.txt', '2025-02-01', [{ name: 'Quartzite' }], people), article('a.txt', '2025-03-01', [{ name: 'Orebody' }], people)], registry);
    const placeOf = new Map(site.articles.map((a, i) => [a.id, i]));
    for (const e of [...site.companies, ...site.people, ...site.metals, ...site.topics]) expect([...e.places!]).toEqual(e.articles.map((id) => placeOf.get(id)));
    // b names Ana Ruiz of Orebody Metals: the company lists it too, in the site's order
    expect(site.companies.find((c) => c.id === 'orebody-metals')).toMatchObject({ articles: ['a', 'b', 'c'] });
    expect(Object.keys(site.companies[0]!)).not.toContain('places');
    expect(JSON.stringify(site.people[0])).not.toContain('places');
  });

  it('keeps a role whose organisation is not one of the companies, without a company link', () => {
    const people = [{ name: 'Lea Moreau', role: 'minister', company: 'Ministry of Mines', spans: [] }];
    const site = link([article('a.txt', null, [{ name: 'Orebody Metals' }], people)], registry);
    expect(site.people[0]!.roles).toEqual([{ role: 'minister', company: 'Ministry of Mines', companyId: null }]);
  });

  it('links the same records again as a first link would, when an added article changes what a name resolves to', () => {
    const memo = new LinkMemo();
    const shortForm = article('b.txt', '2025-01-01', [{ name: 'Quartzite' }]);
    const alone = link([shortForm], registry, memo);
    expect(alone.articles[0]!.companies.map((c) => c.id)).toEqual(['quartzite']);
    // the dev server links its records again at each change; the added article makes "Quartzite" a short form
    const added = article('a.txt', '2025-02-01', [{ name: 'Quartzite Minerals', aliases: ['Quartzite'] }]);
    const again = link([shortForm, added], registry, memo);
    expect(again.articles.map((a) => a.companies.map((c) => c.id))).toEqual([['quartzite-minerals'], ['quartzite-minerals']]);
    const fresh = link([article('b.txt', '2025-01-01', [{ name: 'Quartzite' }]), article('a.txt', '2025-02-01', [{ name: 'Quartzite Minerals', aliases: ['Quartzite'] }])], registry);
    expect(toRecords(again)).toEqual(toRecords(fresh));
    // and an unchanged one is the same object as before: nothing to make again
    expect(link([shortForm, added], registry, memo).articles[1]).toBe(again.articles[1]);
    // a build links once and keeps nothing
    expect(link([shortForm, added], registry).articles[1]).not.toBe(again.articles[1]);
  });

  it('writes records.json in pieces that join to the whole', () => {
    const site = link([article('a.txt', '2025-01-02', [{ name: 'Orebody Metals' }]), article('b.txt', null, [{ name: 'Orebody' }])], registry);
    expect([...recordsJsonChunks(site)].join('')).toBe(JSON.stringify(toRecords(site)));
  });

  it('says where each article\'s JSON lies in the file, found again by id', () => {
    const site = link([article('a.txt', '2025-01-02', [{ name: 'Orebody Metals' }]), article('b.txt', '2025-01-03', [{ name: 'Orebody' }])], registry);
    const places = recordsPlacesOf(site);
    const file = Buffer.from([...recordsJsonChunks(site, undefined, undefined, places.spans)].join(''));
    const placeOf = placeById(places);
    for (const a of site.articles) {
      const [start, length] = placeOf(a.id)!;
      expect(JSON.parse(file.toString('utf8', start, start + length))).toEqual(toRecords(site).articles.find((r) => r.id === a.id));
    }
    expect(placeOf('not-an-article')).toBeUndefined();
    // asked in order, past one gone, out of order, and for a prefix of an id
    const many = { ids: ['a', 'ab', 'b', 'c', 'd'].join('\n'), spans: Float64Array.from({ length: 10 }, (_, i) => i) };
    const find = placeById(many);
    expect(['a', 'b', 'd', 'ab', 'c', 'a', 'x'].map(find)).toEqual([[0, 1], [4, 5], [8, 9], [2, 3], [6, 7], [0, 1], undefined]);
    expect(placeById({ ids: 'ab', spans: Float64Array.of(0, 1) })('a')).toBeUndefined();
    expect(placeById({ ids: '', spans: new Float64Array(0) })('a')).toBeUndefined();
    expect(isRecordsPlaces(places)).toBe(true);
    // a last build's places as an earlier version kept them, an object by id, are not taken for these
    expect(isRecordsPlaces({ a: [0, 10] })).toBe(false);
  });
});

describe('stories', () => {
  const wire = wireText(1, 'Orebody Metals');
  const trimmed = wire.split('\n\n').slice(0, -1).join('\n\n');
  const records = [
    withText(article('wire.md', '2025-03-03', [{ name: 'Orebody Metals' }], [], ['copper']), wire),
    withText(article('site-b.md', '2025-03-05', [{ name: 'Orebody Metals' }, { name: 'Lode Corp' }], [], ['copper']), trimmed),
    withText(article('other.md', '2025-03-04', [{ name: 'Orebody Metals' }], [], ['copper']), wireText(2, 'Orebody Metals')),
  ];

  it('gives every copy the id of the earliest, and an entity lists the story once, by its earliest copy that names it', () => {
    const site = link(records, registry);
    expect(Object.fromEntries(site.articles.map((a) => [a.id, a.story]))).toEqual({ wire: 'wire', 'site-b': 'wire', other: 'other' });
    expect(site.stories).toEqual(new Map([['wire', ['wire', 'site-b']]]));
    expect(site.companies.find((c) => c.id === 'orebody-metals')!.articles).toEqual(['other', 'wire']);
    // a company only the later copy names is listed by it
    expect(site.companies.find((c) => c.id === 'lode-corp')!.articles).toEqual(['site-b']);
    expect(site.metals[0]!.articles).toEqual(['other', 'wire']);
    expect(site.unlisted.get('site-b')).toEqual(new Set(['companies/orebody-metals', 'metals/copper']));
    expect(toRecords(site).articles.map((a) => [a.id, a.story])).toEqual([['site-b', 'wire'], ['other', 'other'], ['wire', 'wire']]);
  });

  it('moves the story to an earlier copy when one is added', () => {
    const earlier = withText(article('first.md', '2025-03-01', [{ name: 'Orebody Metals' }]), wire.replace('Orebody Metals said paragraph 0', 'Orebody Metals, a miner, said paragraph 0'));
    const site = link([...records, earlier], registry);
    expect(site.articles.filter((a) => a.story === 'first').map((a) => a.id).sort()).toEqual(['first', 'site-b', 'wire']);
    expect(site.stories.get('first')).toEqual(['first', 'wire', 'site-b']);
  });
});
