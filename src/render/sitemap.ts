// sitemap.xml and robots.txt. Without --site-url the sitemap holds base-relative URLs (crawlers
// want absolute ones: pass --site-url when deploying).
import type { SiteUrls } from './liquid.ts';
import { absolute } from './feeds.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function sitemapXml(urls: SiteUrls, pagePaths: string[]): string {
  const locs = pagePaths.map((p) => `  <url><loc>${escapeXml(absolute(urls, p.replace(/index\.html$/, '')))}</loc></url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${locs.join('\n')}\n</urlset>\n`;
}

export function robotsTxt(urls: SiteUrls): string {
  return `User-agent: *\nAllow: /\nSitemap: ${absolute(urls, 'sitemap.xml')}\n`;
}
