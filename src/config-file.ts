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

/** Vite's plugin option may nest arrays and promises; flattened as Vite does. */
async function flattenPlugins(option: PluginOption | PluginOption[]): Promise<unknown[]> {
  const value = await option;
  if (!value) return [];
  if (Array.isArray(value)) return (await Promise.all(value.map(flattenPlugins))).flat();
  return [value];
}
