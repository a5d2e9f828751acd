// `newsDigest({...})` in vite.config.ts: the generator's place in the Vite config. It carries the
// site's settings (src/settings.ts) to the commands (`news-digest build|dev|preview`), which read
// the config file, render the site and hand every other plugin and option of the file to Vite for
// the site's own assets, the dev server and preview. Light on purpose: loading the config file
// loads this module and nothing of the generator.
import type { Plugin } from 'vite';
import type { DigestSettings } from './settings.ts';

export type { DigestSettings } from './settings.ts';

export const PLUGIN_NAME = 'metals-news-digest';

export interface NewsDigestPlugin extends Plugin {
  api: { settings: DigestSettings };
}

export function newsDigest(settings: DigestSettings = {}): NewsDigestPlugin {
  return { name: PLUGIN_NAME, api: { settings } };
}
