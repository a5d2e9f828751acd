// The project's vite.config.ts (or .mts/.js/.mjs), read as Vite reads it: the newsDigest plugin's
// settings, checked, and the rest of the file (other plugins, Vite options) for the site's assets,
// the dev server and preview. No config file: the defaults, as in a folder of articles with the
// installed package.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ConfigEnv, PluginOption, UserConfig } from 'vite';
import { parseSettings, SettingsError, type Settings } from './settings.ts';
import { PLUGIN_NAME, type NewsDigestPlugin } from './vite-plugin.ts';

export const CONFIG_NAMES = ['vite.config.ts', 'vite.config.mts', 'vite.config.js', 'vite.config.mjs'];

export interface LoadedConfig {
  /** The config file; null when the folder has none. */
  file: string | null;
  settings: Settings;
  /** The file's Vite options with the newsDigest plugin taken out. */
  vite: UserConfig;
  /** The file and every local file it imports, digested: the asset bundle and pages depend on them. */
  digest: string;
  /** Those files (the dev server restarts when one changes). */
  files: string[];
}

export function findConfigFile(dir: string): string | null {
  for (const name of CONFIG_NAMES) if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  return null;
}

/** Reads `file` (or the folder's vite.config.*); a file that fails to load or holds wrong settings is a SettingsError. */
export async function loadConfig(dir: string, file: string | null, command: ConfigEnv['command']): Promise<LoadedConfig> {
  const configFile = file ? path.resolve(file) : findConfigFile(dir);
  if (!configFile) return { file: null, settings: parseSettings({}, 'defaults', dir), vite: {}, digest: 'none', files: [] };
  if (!fs.existsSync(configFile)) throw new SettingsError(`${configFile}: no such config file`);
  const { loadConfigFromFile } = await import('vite');
  let loaded: Awaited<ReturnType<typeof loadConfigFromFile>>;
  try {
    loaded = await loadConfigFromFile({ command, mode: command === 'build' ? 'production' : 'development' }, configFile, path.dirname(configFile), 'silent');
  } catch (error) {
    throw new SettingsError(`${configFile}: the config file could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!loaded) throw new SettingsError(`${configFile}: the config file could not be loaded`);
  const plugins = (await flattenPlugins(loaded.config.plugins ?? [])) as { name?: string; api?: unknown }[];
  const ours = plugins.filter((p) => p.name === PLUGIN_NAME) as NewsDigestPlugin[];
  if (ours.length > 1) throw new SettingsError(`${configFile}: newsDigest() is in the plugins ${ours.length} times; keep one`);
  const root = path.dirname(configFile);
  const settings = parseSettings(ours[0]?.api.settings ?? {}, configFile, root);
  const files = [configFile, ...loaded.dependencies.map((d) => path.resolve(root, d)).filter((d) => d !== configFile)];
  const hash = crypto.createHash('sha256');
  for (const f of files.sort()) hash.update(f).update('\0').update(fs.existsSync(f) ? fs.readFileSync(f) : '').update('\0');
  const vite: UserConfig = { ...loaded.config, plugins: plugins.filter((p) => p.name !== PLUGIN_NAME) as PluginOption[] };
  return { file: configFile, settings, vite, digest: hash.digest('hex').slice(0, 16), files };
}

/** What a build remembers of a config file it loaded: enough to build again without loading it. */
interface RememberedConfig {
  file: string;
  /** Each file read, with its size and time then. */
  stats: [string, number, number][];
  digest: string;
  settings: Omit<Settings, 'extractPlugins'>;
  extractPlugins: number;
}

/**
 * The config for `build`, without loading the file when it and every file it imports have the
 * size and time they had when `memoFile` was written: loading it (Vite's loader) costs about
 * 0.1 s, a third of a build that finds nothing changed. The Vite options are left out: the asset
 * bundle, which needs them, loads the file itself; so do the threads that run extractPlugins.
 */
export async function loadConfigForBuild(dir: string, file: string | null, memoFile: string): Promise<LoadedConfig> {
  const configFile = file ? path.resolve(file) : findConfigFile(dir);
  const remembered = configFile ? readRemembered(memoFile, configFile) : null;
  if (remembered) {
    const extractPlugins = Array.from({ length: remembered.extractPlugins }, () => null);
    return { file: configFile, settings: { ...remembered.settings, extractPlugins }, vite: {}, digest: remembered.digest, files: remembered.stats.map(([f]) => f) };
  }
  const loaded = await loadConfig(dir, file, 'build');
  if (loaded.file) {
    const { extractPlugins, ...settings } = loaded.settings;
    const stats = loaded.files.flatMap((f): [string, number, number][] => {
      const stat = fs.statSync(f, { throwIfNoEntry: false });
      return stat ? [[f, stat.size, stat.mtimeMs]] : [];
    });
    const memo: RememberedConfig = { file: loaded.file, stats, digest: loaded.digest, settings, extractPlugins: extractPlugins.length };
    try {
      fs.mkdirSync(path.dirname(memoFile), { recursive: true });
      fs.writeFileSync(`${memoFile}.${process.pid}`, JSON.stringify(memo));
      fs.renameSync(`${memoFile}.${process.pid}`, memoFile);
    } catch {
      // a read-only cache: the next build loads the file again
    }
  }
  return loaded;
}

function readRemembered(memoFile: string, configFile: string): RememberedConfig | null {
  let memo: RememberedConfig;
  try {
    memo = JSON.parse(fs.readFileSync(memoFile, 'utf8')) as RememberedConfig;
  } catch {
    return null;
  }
  if (memo.file !== configFile || memo.stats.length === 0) return null;
  for (const [f, size, mtimeMs] of memo.stats) {
    const stat = fs.statSync(f, { throwIfNoEntry: false });
    if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs) return null;
  }
  return memo;
}

/** Vite's plugin option may nest arrays and promises; flattened as Vite does. */
async function flattenPlugins(option: PluginOption | PluginOption[]): Promise<unknown[]> {
  const value = await option;
  if (!value) return [];
  if (Array.isArray(value)) return (await Promise.all(value.map(flattenPlugins))).flat();
  return [value];
}
