import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { SourceFormat } from '../types.ts';
import { cleanArticle } from './clean.ts';
import { isContactLine, sectionKindOf } from './sections.ts';

function clean(value: string, format: SourceFormat = 'txt') {
  const file = new VFile({ value, path: `x.${format}` });
  file.data.source = { relPath: `x.${format}`, format, frontMatter: {}, bodyLine: 1, digest: '', mtime: '' };
  return cleanArticle(file);
}

const NEWS = [
  'Harbour Zinc Ltd said on Monday it had agreed to sell its Ridgeway smelter to a local buyer for $45 million.',
  'The sale leaves the company with two mines in Queensland and no processing of its own.',
  '"We are a mining company again," managing director Paul Innes said.',
  'The deal is expected to close in the third quarter.',
];

describe('closing sections of releases and announcements', () => {
  it('removes an About block, forward-looking statements and a contact block at the end of a txt release', () => {
    const doc = clean(
      [
        ...NEWS,
        'About Harbour Zinc Ltd\nHarbour Zinc is an Australian base metals producer listed on the ASX.',
        'Cautionary Statement\nThis release includes forward-looking statements about the sale and its timing.',
        'Investor enquiries:\nPaul Innes\nManaging Director\n+61 7 5555 0101\npaul.innes@harbourzinc.example',
      ].join('\n\n'),
    );
    expect(doc.text).toContain('The deal is expected to close in the third quarter.');
    expect(doc.text).not.toMatch(/About Harbour|base metals producer|forward-looking|Investor enquiries|\+61|Managing Director\b(?! Paul)/);
    expect(doc.removed.map((r) => r.rule)).toEqual(expect.arrayContaining(['section-prose', 'section-contacts']));
  });

  it('in markdown, a section runs to the next heading that is news again', () => {
    const doc = clean(
      [
        ...NEWS,
        '## About Harbour Zinc',
        'Harbour Zinc produces zinc and lead concentrate at two mines.',
        '## Media contact',
        '**Media:** Jo Tran, Director, Communications, +61 7 5555 0199, jo@harbourzinc.example',
        '## Market reaction',
        'Shares rose 3% in Sydney after the announcement.',
      ].join('\n\n'),
      'md',
    );
    expect(doc.text).not.toMatch(/produces zinc and lead|Jo Tran|Media contact/);
    expect(doc.text).toContain('Market reaction');
    expect(doc.text).toContain('Shares rose 3% in Sydney after the announcement.');
  });

  it('leaves a subheading that begins with "About" in the first half of a story alone', () => {
    const doc = clean(['Nickel output rose 5% in May.', 'About Face\nThe reversal surprised traders who had bet on cuts.', ...NEWS].join('\n\n'));
    expect(doc.text).toContain('The reversal surprised traders');
  });

  it('knows section headings and contact lines', () => {
    expect(sectionKindOf('About Harbour Zinc Ltd')).toBe('prose');
    expect(sectionKindOf('About the deal')).toBeNull();
    expect(sectionKindOf('Forward-Looking Information')).toBe('prose');
    expect(sectionKindOf("Competent Person's Statement")).toBe('prose');
    expect(sectionKindOf('For more information, please contact:')).toBe('contacts');
    expect(sectionKindOf('Media enquiries')).toBe('contacts');
    expect(sectionKindOf('Investor Relations:')).toBe('contacts');
    expect(isContactLine('Tel: +44 20 7946 0000')).toBe(true);
    expect(isContactLine('Chief Financial Officer')).toBe(true);
    expect(isContactLine('The company expects the plant to restart in June.')).toBe(false);
  });
});
