import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { SourceFormat } from '../types.ts';
import { cleanArticle } from './clean.ts';

function clean(value: string, format: SourceFormat = 'txt') {
  const file = new VFile({ value, path: `x.${format}` });
  file.data.source = { relPath: `x.${format}`, format, frontMatter: {}, bodyLine: 1, digest: '', mtime: '' };
  return cleanArticle(file);
}

describe('page furniture above the article', () => {
  it('removes a txt menu of one-word lines and a section label, so the headline and byline are found', () => {
    const doc = clean(
      'Menu\nHome\nWorld\nBusiness\nCommodities\nSign in\n\nBASE METALS\nSmelter workers in Zambia end two-week strike\nicon share-bicon share icon mail-bicon mail\nPosted by Grace Mwale\n4 min read\n\nWorkers at the Nkana smelter returned on Friday after a pay deal.\n\nThe union had sought a 20% rise.',
    );
    expect(doc.headline).toBe('Smelter workers in Zambia end two-week strike');
    expect(doc.byline).toBe('Grace Mwale');
    expect(doc.text).toBe('Workers at the Nkana smelter returned on Friday after a pay deal.\n\nThe union had sought a 20% rise.');
  });

  it('removes a markdown list of menu links, a skip link and icon text above the h1', () => {
    const doc = clean(
      '[Skip to main content](#content)\n\n- [Home](/)\n- [Metals](/metals)\n- [Energy](/energy)\n\nicon bookmark-bicon bookmark\n\n# Copper hits three-month high\n\nCopper rose 2% on the London Metal Exchange.',
      'md',
    );
    expect(doc.headline).toBe('Copper hits three-month high');
    expect(doc.text).toBe('Copper rose 2% on the London Metal Exchange.');
  });

  it('removes an exchange header and code above an announcement', () => {
    const doc = clean('MARKET ANNOUNCEMENT\nASX: ABC | OTCQX: ABCDF\n\nMaiden resource at Echo Ridge\n\nAbc Metals Ltd has reported a maiden resource at its Echo Ridge project.');
    expect(doc.headline).toBe('Maiden resource at Echo Ridge');
    expect(doc.text).toBe('Abc Metals Ltd has reported a maiden resource at its Echo Ridge project.');
  });

  it('keeps a list of links that is not a menu', () => {
    const doc = clean('- [Annual report 2024 and the accounts of the group](/ar)\n- [Sustainability report](/sr)\n\nThe group reported a loss.', 'md');
    expect(doc.text).toContain('Annual report 2024');
  });
});
