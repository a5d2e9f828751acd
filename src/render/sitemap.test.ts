import { describe, expect, it } from 'vitest';
import { sitemapFiles } from './sitemap.ts';
import { absolute, absoluteOf } from './feeds.ts';

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

  it('gives each page the URL that resolving its path against the site URL gives', () => {
    const paths = ['', 'articles/a-b/', '404.html', 'sitemap-1.xml', 'companies/x/page/2025-03-14-9f2c01ab/', 'people/o_neil/', 'A/b.c/', 'a b/', 'ä/', '../x/', './x', '//x/', 'x?q=1', 'a/../b/', 'a//b/', '.hidden/', 'x#y'];
    for (const siteUrl of ['https://example.com/digest/', 'https://example.com/digest', 'https://example.com', 'http://user@example.com:8080/a/b/?q=1#f', null]) {
      for (const base of ['/', '/news/']) {
        const site = { base, siteUrl };
        const fast = absoluteOf(site);
        for (const p of paths) expect(fast(p), `${siteUrl} ${base} ${p}`).toBe(absolute(site, p));
      }
    }
  });
});
