// Eta set up for the site: templates from templates/, compiled to JavaScript functions, output
// escaped by default (`<%= %>`; raw `<%~ %>` only where a helper made the value safe HTML), and
// helpers for the site's URLs, dates and numbers that every template calls by name.
import { Eta } from 'eta';
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import type { ArticleCard } from './page-models.ts';
import { humanDate } from './dates.ts';
import { BoundedMemo } from '../memo.ts';

export interface SiteUrls {
  /** Base path of the site, with leading and trailing slash ("/" or "/digest/"). */
  base: string;
  /** Absolute origin + base for canonical URLs and feeds ("https://host/digest/"), or null. */
  siteUrl: string | null;
}

/** A site path as the URL readers should cite: absolute under --site-url, else base-relative. */
export function absoluteUrl(urls: SiteUrls, p: string): string {
  const rel = p.replace(/^\//, '');
  return urls.siteUrl ? new URL(rel, urls.siteUrl).href : `${urls.base}${rel}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/**
 * Output escaping, byte for byte LiquidJS's `escape` (the site was first written with it):
 * `&#34;` for a double quote where Eta's own writes `&quot;`, and nothing for null or undefined.
 */
export function escapeHtml(value: unknown): string {
  const text = value == null ? '' : String(value);
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!) : text;
}

/** What the site renderer adds: partials it renders once per build and reuses. */
export interface PageHelpers {
  /** An article's card (partials/article-card) at a heading level (3 when not a number). */
  articleCard(card: ArticleCard, level?: unknown): string;
  /** The site header with a section marked current (partials/site-header). */
  siteHeader(section: unknown): string;
}

export interface TemplateHelpers extends PageHelpers {
  /** A site path ("companies/x/") under the base path. */
  url(p: unknown): string;
  /** A site path as readers should cite it (absolute under --site-url). */
  absoluteUrl(p: unknown): string;
  humanDate(value: unknown): string;
  /** 1234.5 → "1,234.5". */
  number(n: unknown): string;
  /** 1, 'article', 'articles' → "1 article". */
  plural(n: unknown, one: string, many: string): string;
  /** "copper" → "Copper" (the rest lower-cased). */
  capitalize(text: unknown): string;
  /** JSON for <script type="application/ld+json">, printed raw. */
  jsonScript(value: unknown): string;
}

function siteHelpers(urls: SiteUrls, page: PageHelpers): TemplateHelpers {
  const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
  return {
    ...page,
    url: (p) => `${urls.base}${String(p ?? '').replace(/^\//, '')}`,
    absoluteUrl: (p) => absoluteUrl(urls, String(p ?? '')),
    humanDate: (value) => humanDate(value == null ? null : String(value)),
    number: (n) => (typeof n === 'number' ? numberFormat.format(n) : String(n ?? '')),
    plural: (n, one, many) => `${n} ${Number(n) === 1 ? one : many}`,
    capitalize: (text) => {
      const s = String(text ?? '');
      return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
    },
    // `<` escaped so no value can close the element
    jsonScript: (value) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'),
  };
}

/** Eta with the helpers as locals of every template (`<%= url(a.url) %>`): its functionHeader destructures them from the engine. */
class SiteEta extends Eta {
  private readonly paths = new Map<string, string>();

  /** `layers`: folders of templates, the first holding a name wins (a user's over the built-in ones). */
  constructor(
    private readonly layers: string[],
    readonly helpers: TemplateHelpers,
  ) {
    super({
      views: layers[layers.length - 1]!,
      cache: true,
      autoEscape: true,
      escapeFunction: escapeHtml,
      // whitespace exactly as written: the pages stay byte for byte what they were
      autoTrim: false,
      functionHeader: `const { ${Object.keys(helpers).join(', ')} } = this.helpers;`,
    });
  }

  // a name is always from a templates folder ('partials/x' inside a partial too), where Eta's
  // own resolution is relative to the including file; memoised, as pages include partials in loops
  override resolvePath = (name: string): string => {
    let file = this.paths.get(name);
    if (file === undefined) {
      for (const dir of this.layers) {
        const candidate = path.resolve(dir, `${name}.eta`);
        if (!candidate.startsWith(dir + path.sep)) throw new Error(`templates: "${name}" is not in ${dir}`);
        if (file === undefined && (dir === this.layers[this.layers.length - 1] || existsSync(candidate))) file = candidate;
      }
      this.paths.set(name, file!);
    }
    return file!;
  };
}

/** Fragments kept per template set: enough for every card of a large site, bounded for 100,000 articles. */
const FRAGMENTS_MAX = 50_000;

/**
 * Eta builds its output by `+=`, a rope of small pieces, and the memo keeps fragments for the
 * whole build: flat, 50,000 kept strings of 40 pieces took 26 MiB instead of 122 (a heap
 * snapshot at 10,000 articles showed 900,000 rope pieces held by the memo). Slicing a rope makes
 * V8 flatten it.
 */
const flat = (html: string) => (' ' + html).slice(1);

export class TemplateSet {
  private readonly engine: SiteEta;
  private readonly fragments = new BoundedMemo<string, string>(FRAGMENTS_MAX);

  /** `dirs`: the user's templates folder (or null) and the built-in one. */
  constructor(dirs: (string | null | undefined)[], urls: SiteUrls, page: PageHelpers) {
    const layers = dirs.filter((d): d is string => !!d).map((d) => path.resolve(d));
    this.engine = new SiteEta(layers, siteHelpers(urls, page));
    this.ownLayers = layers.slice(0, -1);
  }

  /** The folders over the built-in one (the user's). */
  private readonly ownLayers: string[];

  /** Whether these templates (`article`; `partials/`: every one in that folder) are the built-in ones: no folder over them holds one. */
  builtIn(names: readonly string[]): boolean {
    const holds = (dir: string, name: string) => (name.endsWith('/') ? existsSync(path.join(dir, name)) && readdirSync(path.join(dir, name)).some((f) => f.endsWith('.eta')) : existsSync(path.join(dir, `${name}.eta`)));
    return this.ownLayers.every((dir) => names.every((name) => !holds(dir, name)));
  }

  render(name: string, data: object): string {
    return this.engine.render(name, data);
  }

  /**
   * A partial whose output depends only on `key` (within one build): rendered the first time,
   * then reused. An article's card is on the digest, on each of its entities' pages and under
   * related articles (24,500 of 30,600 asks answered in a cold build's thread at 4,000 articles,
   * about 0.3 s).
   */
  fragment(name: string, key: string, data: () => object): string {
    return this.fragments.get(`${name}\0${key}`, () => flat(this.render(name, data())));
  }
}
