// A site built from a seeds folder, served as a static host would, and Chromium to open it: what
// the browser tests set up first and take down last.
import type { Browser } from 'playwright-core';
import { buildSite, type BuiltSite } from './build-site.ts';
import { serveStatic, type StaticServer } from './static-server.ts';
import { launchBrowser } from './browser.ts';

export interface SiteInBrowser {
  site: BuiltSite;
  server: StaticServer;
  browser: Browser;
  /** Closes the browser and the server, and removes the site. */
  close(): Promise<void>;
}

export async function siteInBrowser(seedsDir: string, base = '/'): Promise<SiteInBrowser> {
  const site = await buildSite({ seedsDir, base });
  const server = await serveStatic(site.out, base);
  const browser = await launchBrowser();
  return {
    site,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      site.cleanup();
    },
  };
}
