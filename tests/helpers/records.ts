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
    doc: { headline: null, byline: null, dateline: null, body: { type: 'root', children: [] }, text: '', removed: [], blockStarts: [], segments: { html: [''], text: [] } },
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

/** The same record with a body text (what its story signature is made from) and a digest of its own. */
export function withText(record: ArticleRecord, text: string, digest = `${record.source.relPath} ${text.length}`): ArticleRecord {
  return { ...record, source: { ...record.source, digest }, doc: { ...record.doc, text } };
}

/** A wire story of several paragraphs about one company, different for each `n`. */
export function wireText(n: number, company: string): string {
  const words = ['copper', 'nickel', 'lithium', 'cobalt', 'zinc', 'tin', 'gold', 'silver'];
  return Array.from({ length: 5 }, (_, p) => `${company} said paragraph ${p} of story ${n} covers ${words[(n + p) % words.length]} output, which rose ${n * 7 + p}% to ${n * 13 + p * 3},000 tonnes in the quarter to ${['March', 'June', 'September', 'December'][(n + p) % 4]}, according to story ${n} of the wire.`).join('\n\n');
}
