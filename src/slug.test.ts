// Slugs: what an id or a page name is made of, whether the text is a slug already or not.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSafeSlug, slugify } from './slug.ts';

describe('slugify', () => {
  it('folds names into lower-case ASCII words joined by hyphens', () => {
    expect(slugify('JX Advanced Metals')).toBe('jx-advanced-metals');
    expect(slugify('Café & Co.')).toBe('cafe-and-co');
    expect(slugify("2024/Nippon's smelter.md")).toBe('2024-nippons-smelter-md');
    expect(slugify('東京')).toMatch(/^x-[0-9a-f]{10}$/);
  });

  it('gives a slug back as it is, and cuts a longer one to 80 characters', () => {
    const long = `${'a'.repeat(79)}-b`;
    expect(slugify('000123-norilsk-nickel')).toBe('000123-norilsk-nickel');
    expect(slugify(long)).toBe('a'.repeat(79));
  });

  it('always makes a safe slug, and a slug of a slug is itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => {
        const slug = slugify(text);
        expect(isSafeSlug(slug)).toBe(true);
        expect(slugify(slug)).toBe(slug);
      }),
    );
  });
});
