// The file a site path is served from: a module of its own, so that what only names files (the
// seeds check, site-inputs.ts) does not load the renderer with it.

/** The file a site path is served from. */
export const fileOf = (sitePath: string) => (sitePath === '' || sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath);

/** The site path of a page's file (fileOf's inverse): `articles/x/index.html` → `articles/x/`. */
export const sitePathOf = (file: string) => (file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file);
