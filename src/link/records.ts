// SiteData → the public data contract (records.schema.json): what <out>/data/records.json holds.
// Extra properties beyond the schema's are additions only (dateline, sourceUrl, tags, offsets).
import type { LinkedArticle, SiteData } from './link.ts';

export function toRecords(site: SiteData) {
  return {
    articles: site.articles.map(articleRecord),
    companies: site.companies.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases, formerNames: c.formerNames, articles: c.articles, mentions: c.mentions })),
    people: site.people.map((p) => ({ id: p.id, name: p.name, roles: p.roles.map((r) => ({ role: r.role, company: r.company })), articles: p.articles })),
    metals: site.metals.map((m) => ({ id: m.id, name: m.name, articles: m.articles })),
    topics: site.topics.map((t) => ({ id: t.id, name: t.name, articles: t.articles })),
  };
}

export type Records = ReturnType<typeof toRecords>;

function articleRecord({ record: _record, figureCompanies, ...json }: LinkedArticle) {
  return { ...json, figures: json.figures.map((f, i) => ({ ...f, company: figureCompanies[i] ?? null })) };
}

/**
 * records.json a piece at a time, the same JSON as `JSON.stringify(toRecords(site))`: at 100,000
 * articles the whole file would be one string longer than V8 allows (and gigabytes of memory).
 */
export function* recordsJsonChunks(site: SiteData): Generator<string> {
  const { articles: _articles, ...entities } = toRecords({ ...site, articles: [] });
  yield '{"articles":[';
  for (let i = 0; i < site.articles.length; i++) yield (i ? ',' : '') + JSON.stringify(articleRecord(site.articles[i]!));
  yield ']';
  for (const [key, value] of Object.entries(entities)) yield `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
  yield '}';
}
