// Articles' records made by hand, for tests of the stages after extraction (link, render).
import type { ArticleRecord, CompanyMention } from '../../src/types.ts';

/** A record with only what the link stage reads: its path (also its digest), date, companies and people, and metals. */
export function recordOf(relPath: string, date: string | null, companies: Partial<CompanyMention>[], people: ArticleRecord['extraction']['people'] = [], metals: string[] = []): ArticleRecord {
  return {
    source: { relPath, format: 'txt', frontMatter: {}, bodyLine: 1, digest: relPath, mtime: '' },
    title: relPath,
    date,
    byline: null,
    dateline: null,
    sourceUrl: null,
    tags: [],
    doc: { headline: null, byline: null, dateline: null, body: { type: 'root', children: [] }, text: '', removed: [], blockStarts: [] },
    extraction: {
      sentences: [],
      companies: companies.map((c) => ({ name: c.name!, aliases: c.aliases ?? [], mentions: c.mentions ?? 1, spans: [] })),
      people,
      metals: metals.map((name) => ({ name, spans: [] })),
      places: [],
      topics: [],
      figures: [],
      dates: [],
      quotes: [],
      summary: '',
    },
    messages: [],
  };
}
