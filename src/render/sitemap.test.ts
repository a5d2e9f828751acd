import { describe, expect, it } from 'vitest';
import { sitemapFiles } from './sitemap.ts';

const urls = { base: '/', siteUrl: 'https://example.com/digest/' };

describe('sitemapFiles', () => {
  it('lists every page in one sitemap up to the limit', () => {
    const files = sitemapFiles(urls, ['index.html', 'articles/a/index.html'], 2);
    expect(files.map((f) => f.path)).toEqual(['sitemap.xml']);
    expect(files[0]!.body).toContain('<loc>https://example.com/digest/articles/a/</loc>');
  });

  it('splits a larger site into sitemaps under one index', () => {
    const files = sitemapFiles(urls, ['index.html', 'articles/a/index.html', 'articles/b/index.html'], 2);
    expect(files.map((f) => f.path)).toEqual(['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml']);
    expect(files[0]!.body).toContain('<sitemapindex');
    expect(files[0]!.body).toContain('<loc>https://example.com/digest/sitemap-2.xml</loc>');
    expect(files[2]!.body).toContain('<loc>https://example.com/digest/articles/b/</loc>');
    expect(files[1]!.body.match(/<url>/g)).toHaveLength(2);
  });
});
