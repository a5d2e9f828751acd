// sitemap.xml and robots.txt. Without --site-url the sitemap holds base-relative URLs (crawlers
// want absolute ones: pass --site-url when deploying). A sitemap may list 50,000 URLs: a larger
// site gets sitemap-1.xml, sitemap-2.xml… and sitemap.xml becomes their index.
import type { SiteUrls } from './templates.ts';
import { absolute, absoluteOf } from './feeds.ts';

/** The sitemaps protocol's limit of URLs per file. */
export const SITEMAP_MAX_URLS = 50_000;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The sitemap files of a site: path → XML. */
export function sitemapFiles(urls: SiteUrls, pagePaths: string[], maxUrls = SITEMAP_MAX_URLS): { path: string; body: string }[] {
  const absoluteUrl = absoluteOf(urls);
  const locs = pagePaths.map((p) => `  <url><loc>${escapeXml(absoluteUrl(p.endsWith('index.html') ? p.slice(0, -'index.html'.length) : p))}</loc></url>`);
  const urlset = (part: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${part.join('\n')}\n</urlset>\n`;
  if (locs.length <= maxUrls) return [{ path: 'sitemap.xml', body: urlset(locs) }];
  const parts: { path: string; body: string }[] = [];
  for (let i = 0; i < locs.length; i += maxUrls) parts.push({ path: `sitemap-${parts.length + 1}.xml`, body: urlset(locs.slice(i, i + maxUrls)) });
  const index = parts.map((p) => `  <sitemap><loc>${escapeXml(absolute(urls, p.path))}</loc></sitemap>`);
  return [{ path: 'sitemap.xml', body: `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${index.join('\n')}\n</sitemapindex>\n` }, ...parts];
}

export function robotsTxt(urls: SiteUrls): string {
  return `User-agent: *\nAllow: /\nSitemap: ${absolute(urls, 'sitemap.xml')}\n`;
}
