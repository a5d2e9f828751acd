// Command-line options, the same for build, dev and preview:
//   --config FILE (default: vite.config.ts/.mts/.js/.mjs in the folder the command runs in)
//   --seeds DIR  --out DIR  --base /path/  --port N  --site-url URL  --strict  --verbose  --no-cache
//   --empty-out-dir (build: an output folder this generator did not make may be replaced)
//   --cache-dir DIR (the record cache and the build's work folders; default node_modules/.cache/metals-news-digest)
//   --max-heap-mb N (build: the build thread's heap; sized from the number of articles by default)
import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from './settings.ts';

/** What the command line says; the settings' values where it is silent (`resolveOptions`). */
export interface CliArgs {
  command: CliOptions['command'];
  /** The config file given with --config; null: look for vite.config.* in the working folder. */
  config: string | null;
  /** Values the command line gives, over the config file's. */
  given: { seedsDir?: string; outDir?: string; base?: string; siteUrl?: string; cacheDir?: string };
  port: number | null;
  strict: boolean;
  verbose: boolean;
  cache: boolean;
  emptyOutDir: boolean;
  maxHeapMb: number | null;
}

export interface CliOptions {
  command: 'build' | 'dev' | 'preview';
  seedsDir: string;
  outDir: string;
  base: string;
  port: number | null;
  siteUrl: string | null;
  strict: boolean;
  verbose: boolean;
  cache: boolean;
  /** Where the cache lives; null: the default. */
  cacheDir: string | null;
  /** The files of an output folder this generator did not make may go (never seeds, templates, the project…). */
  emptyOutDir: boolean;
  /** The build thread's heap cap in MB; null: sized from the articles. */
  maxHeapMb: number | null;
}

export class UsageError extends Error {
  name = 'UsageError';
}

const VALUE_FLAGS = new Set(['--config', '--seeds', '--out', '--base', '--port', '--site-url', '--max-heap-mb', '--cache-dir']);
const BOOLEAN_FLAGS = new Set(['--strict', '--verbose', '--no-cache', '--empty-out-dir']);

export function parseCli(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command !== 'build' && command !== 'dev' && command !== 'preview') throw new UsageError(`unknown command "${command ?? ''}": use build, dev, preview or add`);
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? rest[++i];
      if (value == null || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      values.set(flag, value);
    } else if (BOOLEAN_FLAGS.has(flag)) flags.add(flag);
    else throw new UsageError(`unknown option "${arg}" (options: ${[...VALUE_FLAGS, ...BOOLEAN_FLAGS].join(' ')})`);
  }
  const port = values.has('--port') ? Number(values.get('--port')) : null;
  if (port != null && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.get('--port')}"`);
  const maxHeapMb = values.has('--max-heap-mb') ? Number(values.get('--max-heap-mb')) : null;
  if (maxHeapMb != null && (!Number.isInteger(maxHeapMb) || maxHeapMb < 64)) throw new UsageError(`--max-heap-mb must be a whole number of megabytes, 64 or more, not "${values.get('--max-heap-mb')}"`);
  const given: CliArgs['given'] = {};
  if (values.has('--seeds')) given.seedsDir = path.resolve(values.get('--seeds')!);
  if (values.has('--out')) given.outDir = path.resolve(values.get('--out')!);
  if (values.has('--base')) given.base = normaliseBase(values.get('--base')!);
  if (values.has('--site-url')) given.siteUrl = normaliseSiteUrl(values.get('--site-url')!)!;
  if (values.has('--cache-dir')) given.cacheDir = path.resolve(values.get('--cache-dir')!);
  return {
    command,
    config: values.has('--config') ? path.resolve(values.get('--config')!) : null,
    given,
    port,
    strict: flags.has('--strict'),
    verbose: flags.has('--verbose'),
    cache: !flags.has('--no-cache'),
    emptyOutDir: flags.has('--empty-out-dir'),
    maxHeapMb,
  };
}

/** The command's options: the command line's values over the settings' (whose paths are absolute already). */
export function resolveOptions(args: CliArgs, settings: Settings): CliOptions {
  const { given } = args;
  const fromSettings = (what: string, normalise: () => string | null) => {
    try {
      return normalise();
    } catch (error) {
      throw new UsageError(`${error instanceof Error ? error.message.replace(/^--[a-z-]+/, `the setting ${what}`) : error}`);
    }
  };
  return {
    command: args.command,
    seedsDir: given.seedsDir ?? settings.seeds,
    outDir: given.outDir ?? settings.out,
    base: given.base ?? fromSettings('base', () => normaliseBase(settings.base))!,
    port: args.port,
    siteUrl: given.siteUrl ?? fromSettings('siteUrl', () => normaliseSiteUrl(settings.siteUrl)),
    strict: args.strict,
    verbose: args.verbose,
    cache: args.cache,
    emptyOutDir: args.emptyOutDir,
    cacheDir: given.cacheDir ?? settings.cacheDir,
    maxHeapMb: args.maxHeapMb,
  };
}

/**
 * The folders a command reads must be there, and be folders: named wrong, a build stopped with
 * Node's own error and its stack (ENOENT or ENOTDIR from deep in a stage), and a preview served
 * only 404s. Said like any wrong option: build and dev read the seeds folder and keep the cache,
 * preview serves a built site.
 */
export function checkFolders(options: Pick<CliOptions, 'command' | 'seedsDir' | 'outDir' | 'cacheDir'>): void {
  const shown = (dir: string) => path.relative(process.cwd(), dir) || '.';
  if (options.command === 'preview') {
    if (!fs.existsSync(path.join(options.outDir, 'index.html'))) throw new UsageError(`there is no built site in ${shown(options.outDir)}: build it first (npm run build), or give --out the folder a build wrote`);
    return;
  }
  const seeds = fs.statSync(options.seedsDir, { throwIfNoEntry: false });
  const how = 'give --seeds the folder of articles, or set seeds in vite.config.ts';
  if (!seeds) throw new UsageError(`the seeds folder ${shown(options.seedsDir)} does not exist: ${how}`);
  if (!seeds.isDirectory()) throw new UsageError(`the seeds folder ${shown(options.seedsDir)} is a file, not a folder: ${how}`);
  // a cache folder not there yet is made
  if (options.cacheDir && fs.statSync(options.cacheDir, { throwIfNoEntry: false })?.isDirectory() === false) throw new UsageError(`--cache-dir ${shown(options.cacheDir)} is a file, not a folder`);
}

/** "/digest" and "digest/" both mean "/digest/". */
export function normaliseBase(base: string): string {
  if (/[?#\\]|\.\./.test(base) || /^[a-z]+:/i.test(base)) throw new UsageError(`--base must be a path such as /digest/, not "${base}"`);
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

function normaliseSiteUrl(url: string | null): string | null {
  if (url == null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--site-url must be an absolute URL such as https://example.com/digest/, not "${url}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new UsageError('--site-url must start with https:// or http://');
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  return parsed.href;
}
