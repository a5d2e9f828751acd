#!/usr/bin/env node
// Entry point: `news-digest build|dev|preview|add [options]` (npm run build / dev / preview / add). The
// settings come from vite.config.ts (newsDigest's options); the command line's options override them.
import path from 'node:path';
import { GENERATOR_DIR } from './generator.ts';
import { checkFolders, parseCli, resolveOptions, UsageError, type CliArgs } from './cli-options.ts';
import { loadConfig, loadConfigForBuild, type LoadedConfig } from './config-file.ts';
import { SettingsError } from './settings.ts';
import { useWordLists } from './data/settings-word-lists.ts';
import { useExtractPlugins } from './extract/extract-plugins.ts';
import type { SiteSettings } from './build-options.ts';
import { DEV_CHILD_ENV, superviseDev } from './dev-supervisor.ts';

export const PROJECT_DIR = GENERATOR_DIR;

/** Run as an installed package: the cache goes in the user's project, as Vite's does, not the package's folder. */
const INSTALLED = GENERATOR_DIR.split(path.sep).includes('node_modules');
/** The default cache (record-cache.ts's DEFAULT_CACHE_DIR for this project), where the config's memo is kept too. */
const CACHE_ROOT = INSTALLED ? path.resolve('node_modules/.cache/metals-news-digest') : path.join(GENERATOR_DIR, 'node_modules/.cache/metals-news-digest');

async function main(): Promise<number> {
  if (process.argv[2] === 'add') {
    // into the settings' seeds folder unless --seeds says otherwise
    let seeds: string;
    try {
      seeds = (await loadConfigForBuild(process.cwd(), null, path.join(CACHE_ROOT, 'config.json'))).settings.seeds;
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      console.error(`error: ${error.message}`);
      return 2;
    }
    return (await import('./add/add.ts')).addCommand(process.argv.slice(3), seeds);
  }
  let args: CliArgs;
  let config: LoadedConfig;
  let options: ReturnType<typeof resolveOptions>;
  try {
    args = parseCli(process.argv.slice(2));
    config =
      args.command === 'build'
        ? await loadConfigForBuild(process.cwd(), args.config, path.join(CACHE_ROOT, 'config.json'))
        : await loadConfig(process.cwd(), args.config, args.command === 'dev' ? 'serve' : 'build');
    options = resolveOptions(args, config.settings);
    checkFolders(options);
  } catch (error) {
    if (error instanceof UsageError || error instanceof SettingsError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  if (options.command === 'dev' && config.file && !process.env[DEV_CHILD_ENV]) return superviseDev(process.argv.slice(1), config.files);
  const { settings } = config;
  // before any stage is loaded: the extractor's modules read the word lists once, here and in every thread
  useWordLists(settings.words);
  useExtractPlugins(settings.extractPlugins.length && config.file ? { file: config.file, digest: config.digest } : null);
  const site: SiteSettings = {
    title: settings.title,
    description: settings.description,
    language: settings.language,
    navigation: settings.navigation,
    pageSizes: settings.pageSizes,
    css: settings.css,
    userTemplatesDir: settings.templates,
    userPublicDir: settings.public,
    configFile: config.file,
    configDigest: config.digest,
  };
  const common = {
    seedsDir: options.seedsDir,
    outDir: options.outDir,
    base: options.base,
    siteUrl: options.siteUrl,
    templatesDir: path.join(PROJECT_DIR, 'templates'),
    publicDir: path.join(PROJECT_DIR, 'public'),
    strict: options.strict,
    verbose: options.verbose,
    cache: options.cache,
    emptyOutDir: options.emptyOutDir,
    cacheDir: options.cacheDir ?? (INSTALLED ? CACHE_ROOT : undefined),
    site,
  };
  if (options.command === 'build') {
    const { buildInThread } = await import('./build-in-thread.ts');
    return buildInThread(common, options.maxHeapMb ?? undefined);
  }
  if (options.command === 'dev') {
    const { startDevServer } = await import('./site/dev-server.ts');
    await startDevServer({ ...common, log: (line: string) => console.log(line), port: options.port, vite: config.vite });
    return -1;
  }
  const { startPreview } = await import('./site/preview.ts');
  await startPreview({ outDir: options.outDir, base: options.base, port: options.port, vite: config.vite });
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  async (error: unknown) => {
    const { OutputFolderRefusedError } = await import('./site/output-guard.ts');
    const { BuildError } = await import('./build-in-thread.ts');
    if (error instanceof OutputFolderRefusedError) {
      // refused before anything was written: a usage error
      console.error(`error: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof BuildError) console.error(`error: ${error.message}`);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
