// LiquidJS set up for the site: templates from templates/, output escaped by default (a value is
// only ever raw where a filter made it safe HTML), filters for the site's URLs and dates.
import { Liquid, type Template } from 'liquidjs';
import path from 'node:path';

export interface SiteUrls {
  /** Base path of the site, with leading and trailing slash ("/" or "/digest/"). */
  base: string;
  /** Absolute origin + base for canonical URLs and feeds ("https://host/digest/"), or null. */
  siteUrl: string | null;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-09-18" → "18 September 2025"; "2026-03" → "March 2026"; FY2025 stays. */
export function humanDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  if (!mo) return y!;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** A site path as the URL readers should cite: absolute under --site-url, else base-relative. */
export function absoluteUrl(urls: SiteUrls, p: string): string {
  const rel = p.replace(/^\//, '');
  return urls.siteUrl ? new URL(rel, urls.siteUrl).href : `${urls.base}${rel}`;
}

export function createLiquid(templatesDir: string, urls: SiteUrls): Liquid {
  const engine = new Liquid({
    root: [path.resolve(templatesDir)],
    extname: '.liquid',
    outputEscape: 'escape',
    strictFilters: true,
    cache: true,
    jsTruthy: true,
  });
  engine.registerFilter('url', (p: unknown) => `${urls.base}${String(p ?? '').replace(/^\//, '')}`);
  engine.registerFilter('absolute_url', (p: unknown) => absoluteUrl(urls, String(p ?? '')));
  engine.registerFilter('human_date', (d: unknown) => humanDate(d == null ? null : String(d)));
  const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
  engine.registerFilter('number', (n: unknown) => (typeof n === 'number' ? numberFormat.format(n) : String(n ?? '')));
  engine.registerFilter('plural', (n: unknown, one: string, many: string) => `${n} ${Number(n) === 1 ? one : many}`);
  // JSON for <script type="application/ld+json">: `<` escaped so no value can close the element
  engine.registerFilter('json_script', (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
  return engine;
}

/** Fragments kept per template set: enough for every card of a large site, bounded for 100,000 articles. */
const FRAGMENTS_MAX = 50_000;

export class TemplateSet {
  private cache = new Map<string, Template[]>();
  private fragments = new Map<string, string>();
  constructor(readonly engine: Liquid) {}

  render(name: string, data: object): string {
    let tpl = this.cache.get(name);
    if (!tpl) {
      tpl = this.engine.parseFileSync(name);
      this.cache.set(name, tpl);
    }
    return this.engine.renderSync(tpl, data) as string;
  }

  /**
   * A partial whose output depends only on `key` (within one build): rendered the first time,
   * then reused. An article's card is on the digest, on each of its entities' pages and under
   * related articles; LiquidJS takes microseconds per printed value, so once is much cheaper.
   */
  fragment(name: string, key: string, data: () => object): string {
    const memoKey = `${name}\0${key}`;
    let html = this.fragments.get(memoKey);
    if (html === undefined) {
      html = this.render(name, data());
      if (this.fragments.size >= FRAGMENTS_MAX) this.fragments.clear();
      this.fragments.set(memoKey, html);
    }
    return html;
  }
}
