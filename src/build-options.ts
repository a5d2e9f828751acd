// What a build is given (the command's options, as the CLI and the dev server pass them) and the
// site's fixed settings. A module of its own, below the stages, so the dev server (site/) can take
// them without importing the build.
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
}

export const SITE_TITLE = 'Metals News Digest';
export const SITE_DESCRIPTION = 'Metals and mining news: companies, people, metals, figures and quotes, linked.';

/** Pages run no inline script; Pagefind's search needs WebAssembly. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
