// An article's search record: its own text for excerpts (filters and the companies shown with a
// result stay out of it), and what a result shows besides its title: date and companies.
import { describe, expect, it } from 'vitest';
import { link } from '../src/link/link.ts';
import { SiteRenderer } from '../src/render/render-site.ts';
import { searchRecordOf } from '../src/render/search-records.ts';
import { recordOf } from './helpers/records.ts';
import { testRenderOptions } from './helpers/render-options.ts';

describe('article pages in the search index', () => {
  it('index the article\'s text without its filter words, and carry date and companies for the result', () => {
    const site = link([recordOf('cobalt.txt', '2025-03-14', [{ name: 'Gecamines', mentions: 3 }, { name: 'CMOC' }], [], ['cobalt', 'copper'])]);
    const renderer = new SiteRenderer(site, testRenderOptions());
    const url = site.articles[0]!.url;
    const record = searchRecordOf(renderer.pageAt(url)!.html, `/${url}`)!;
    expect(record.filters).toMatchObject({ company: ['Gecamines', 'CMOC'], metal: ['cobalt', 'copper'] });
    expect(record.meta).toMatchObject({ date: '14 March 2025', companies: 'Gecamines, CMOC' });
    expect(record.content).not.toMatch(/GecaminesCMOC|cobaltcopper|Gecamines, CMOC|14 March 2025/);
  });
});
