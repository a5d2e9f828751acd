// The file a site path is served from: a module of its own, so that what only names files (the
// seeds check, site-inputs.ts) does not load the renderer with it.

/** The file a site path is served from. */
export const fileOf = (sitePath: string) => (sitePath === '' || sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath);
