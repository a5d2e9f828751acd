// SiteData → the public data contract (records.schema.json): what <out>/data/records.json holds.
// Extra properties beyond the schema's are additions only (dateline, sourceUrl, tags, offsets).
import type { SiteData } from './link.ts';

export function toRecords(site: SiteData) {
  return {
    articles: site.articles.map(({ record: _record, figureCompanies, ...json }) => ({
      ...json,
      figures: json.figures.map((f, i) => ({ ...f, company: figureCompanies[i] ?? null })),
    })),
    companies: site.companies.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases, formerNames: c.formerNames, articles: c.articles, mentions: c.mentions })),
    people: site.people.map((p) => ({ id: p.id, name: p.name, roles: p.roles.map((r) => ({ role: r.role, company: r.company })), articles: p.articles })),
    metals: site.metals.map((m) => ({ id: m.id, name: m.name, articles: m.articles })),
    topics: site.topics.map((t) => ({ id: t.id, name: t.name, articles: t.articles })),
  };
}

export type Records = ReturnType<typeof toRecords>;
