// The settings' `extractPlugins` (vite.config.ts): unified plugins run on each article's cleaned
// tree before extraction. Functions cannot be handed to a thread, so each thread that extracts
// loads them from the config file the command line names in an environment variable (inherited
// by the threads), once.
import { unified, type Processor } from 'unified';
import type { Root } from 'mdast';

export const EXTRACT_PLUGINS_ENV = 'METALS_NEWS_DIGEST_EXTRACT_PLUGINS';

/** What the command line passes: the config file, and its digest (the records depend on the plugins' code). */
export interface ExtractPluginsSource {
  file: string;
  digest: string;
}

export function useExtractPlugins(source: ExtractPluginsSource | null): void {
  if (source) process.env[EXTRACT_PLUGINS_ENV] = JSON.stringify(source);
  else delete process.env[EXTRACT_PLUGINS_ENV];
}

/** Part of the extractor's version: "" without plugins. */
export function extractPluginsDigest(): string {
  const source = process.env[EXTRACT_PLUGINS_ENV];
  return source ? (JSON.parse(source) as ExtractPluginsSource).digest : '';
}

let loading: Promise<Processor<Root, Root, Root> | null> | null = null;

/** The plugins as one processor, or null when the settings have none. */
export function extractPlugins(): Promise<Processor<Root, Root, Root> | null> {
  return (loading ??= load());
}

async function load(): Promise<Processor<Root, Root, Root> | null> {
  const source = process.env[EXTRACT_PLUGINS_ENV];
  if (!source) return null;
  const { file } = JSON.parse(source) as ExtractPluginsSource;
  // loaded only here: a thread without plugins never loads Vite's config loader
  const { loadConfig } = await import('../config-file.ts');
  const { settings } = await loadConfig(file, file, 'build');
  const processor = unified() as unknown as Processor<Root, Root, Root>;
  for (const plugin of settings.extractPlugins) {
    if (Array.isArray(plugin)) processor.use(plugin[0], ...plugin.slice(1));
    else processor.use(plugin as never);
  }
  return processor.freeze();
}
