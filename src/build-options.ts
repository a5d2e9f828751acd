// What a build is given (the command's options, as the CLI and the dev server pass them) and the
// site's fixed settings. A module of its own, below the stages, so the dev server (site/) can take
// them without importing the build.
import type { SearchRecord } from './types.ts';

/**
 * Where the site is served when no --site-url is given: `npm run preview`'s address. Feeds must
 * hold absolute URLs, so they use it until the site is built with its real address.
 */
export const LOCAL_ORIGIN = 'http://localhost:4173';

export interface BuildOptions {
  seedsDir: string;
  outDir: string;
  base: string;
  siteUrl: string | null;
  templatesDir: string;
  publicDir: string;
  strict: boolean;
  verbose: boolean;
  /** Reuse per-article records of unchanged files (node_modules/.cache); --no-cache turns it off. */
  cache: boolean;
  /** Where the cache lives (default node_modules/.cache/metals-news-digest). */
  cacheDir?: string;
  /** An output folder this generator did not make may be replaced, its files removed (--empty-out-dir). */
  emptyOutDir?: boolean;
  /** Where messages and the summary go (the terminal by default). */
  log: (line: string) => void;
  /** The site's settings (vite.config.ts); the defaults when not given. */
  site?: SiteSettings;
  /** Threads that render pages (default: two on a machine with two cores, for sites up to RENDER_THREAD_MAX_ARTICLES, else one; a first build's second only from FIRST_BUILD_SHARED_CORES cores). */
  threads?: number;
  /**
   * A full render in one thread: called before it writes the searchable pages (the articles', then
   * each entity's latest), with their site paths in the order they are written, then
   * onSearchablePagesWritten as they are. The CLI's build thread tells the main thread, which
   * indexes them for search while the other pages render (StartedShards, search-shards.ts).
   */
  onSearchablePages?: (searchable: { siteDir: string; pages: string[]; withIds: boolean; written: number }) => void;
  /**
   * How many of the pages onSearchablePages named are written, every SEARCHABLE_PAGES_A_NOTE and at
   * the last, with the search records made from the data of those written since the last note (by
   * site path; none for pages of a user's own templates, which are read back).
   */
  onSearchablePagesWritten?: (count: number, records: [pagePath: string, record: SearchRecord][]) => void;
}

/**
 * The settings a build renders with: newsDigest's in vite.config.ts, with the command line over
 * them. Plain data, so they cross into the build's threads.
 */
export interface SiteSettings {
  title: string;
  description: string;
  /** The pages' `lang`. */
  language: string;
  /** The header's links: site paths ("" is the digest). */
  navigation: { label: string; path: string }[];
  /** The fewest items on a page of each list cut into pages (a page holds up to about three times as many). */
  pageSizes: { digest: number; entity: number; figures: number; timeline: number };
  /** Stylesheets bundled with the site's own. */
  css: string[];
  /** A folder of templates used over the built-in ones of the same name; null: none. */
  userTemplatesDir: string | null;
  /** A folder of files copied into the site over the built-in public files; null: none. */
  userPublicDir: string | null;
  /** The config file whose Vite plugins and options bundle the site's assets; null: none. */
  configFile: string | null;
  /** A digest of that file and the local files it imports. */
  configDigest: string;
}

export const SITE_TITLE = 'Metals News Digest';
export const SITE_DESCRIPTION = 'Metals and mining news: companies, people, metals, figures and quotes, linked.';

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  title: SITE_TITLE,
  description: SITE_DESCRIPTION,
  language: 'en',
  navigation: [
    { label: 'Digest', path: '' },
    { label: 'Companies', path: 'companies/' },
    { label: 'People', path: 'people/' },
    { label: 'Metals', path: 'metals/' },
    { label: 'Topics', path: 'topics/' },
    { label: 'Figures', path: 'figures/' },
    { label: 'Timeline', path: 'timeline/' },
    { label: 'Search', path: 'search/' },
  ],
  pageSizes: { digest: 20, entity: 12, figures: 120, timeline: 60 },
  css: [],
  userTemplatesDir: null,
  userPublicDir: null,
  configFile: null,
  configDigest: 'none',
};

export const siteSettingsOf = (options: Pick<BuildOptions, 'site'>): SiteSettings => options.site ?? DEFAULT_SITE_SETTINGS;

/** What of the settings a page shows (the renderer's options besides URLs, assets and dates). */
export function pageSettingsOf(options: Pick<BuildOptions, 'site' | 'templatesDir'>) {
  const { userTemplatesDir, title, description, language, navigation, pageSizes } = siteSettingsOf(options);
  return { templatesDir: options.templatesDir, userTemplatesDir, title, description, language, navigation, pageSizes };
}

/** Pages run no inline script; Pagefind's search needs WebAssembly. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
