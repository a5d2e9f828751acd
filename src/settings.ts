// The site's settings: what `newsDigest({...})` takes in vite.config.ts, checked by one zod schema
// with the defaults written out. Paths are relative to the config file's folder. A wrong value is
// a SettingsError naming the key and what it expects.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SITE_SETTINGS as DEFAULTS } from './build-options.ts';


const company = z.strictObject({
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  formerNames: z.array(z.strictObject({ name: z.string().min(1), until: z.string().regex(/^\d{4}(-\d{2})?$/, 'a month such as "2024-07"') })).default([]),
  tickers: z.array(z.string().min(1)).default([]),
});

const topic = z.strictObject({
  name: z.string().min(1),
  description: z.string().default(''),
  minScore: z.number().positive().default(3),
  rules: z.array(z.strictObject({ pattern: regexSource(), weight: z.number().positive().default(1) })).min(1),
});

/** Word lists merged over the built-in ones in src/data (an entry of the same name replaces one). */
const wordLists = z.strictObject({
  companies: z.array(company).optional(),
  topics: z.array(topic).optional(),
  metals: z.array(z.strictObject({ name: z.string().min(1), forms: z.array(z.string().min(1)).min(1) })).optional(),
  places: z
    .strictObject({
      countries: z.array(z.string().min(1)).optional(),
      regions: z.array(z.string().min(1)).optional(),
      states: z.array(z.string().min(1)).optional(),
      cities: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  /** Whole lines of page furniture, as regular expressions (case-insensitive). */
  boilerplate: z.array(regexSource()).optional(),
});

export type WordLists = z.infer<typeof wordLists>;

const sitePath = z
  .string()
  .refine((p) => !/^[a-z][a-z0-9+.-]*:|^\/\/|\.\./i.test(p), 'a path inside the site, such as "companies/"')
  .transform((p) => p.replace(/^\/+/, ''));

export const settingsSchema = z.strictObject({
  title: z.string().min(1).default(DEFAULTS.title),
  description: z.string().default(DEFAULTS.description),
  /** The pages' `lang`. */
  language: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a language tag such as "en" or "en-GB"')
    .default(DEFAULTS.language),
  siteUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
  base: z.string().default('/'),
  seeds: z.string().min(1).default('seeds'),
  out: z.string().min(1).default('dist'),
  cacheDir: z.string().min(1).nullable().default(null),
  navigation: z.array(z.strictObject({ label: z.string().min(1), path: sitePath })).default(DEFAULTS.navigation),
  /** The fewest items on a page of the digest, an entity's articles, the figures and the timeline. */
  pageSizes: z
    .strictObject({
      digest: z.int().min(5).default(DEFAULTS.pageSizes.digest),
      entity: z.int().min(5).default(DEFAULTS.pageSizes.entity),
      figures: z.int().min(10).default(DEFAULTS.pageSizes.figures),
      timeline: z.int().min(10).default(DEFAULTS.pageSizes.timeline),
    })
    .default(DEFAULTS.pageSizes),
  /** A folder of templates: one of the same name as a built-in one is used instead. */
  templates: z.string().min(1).nullable().default(null),
  /** A folder of files copied into the site over the built-in public files. */
  public: z.string().min(1).nullable().default(null),
  /** Stylesheets bundled with the site's own and linked from every page. */
  css: z.array(z.string().min(1)).default([]),
  words: wordLists.default({}),
  /** unified plugins run on each article's tree after cleaning, before extraction. */
  extractPlugins: z.array(z.custom<unknown>((p) => typeof p === 'function' || (Array.isArray(p) && typeof p[0] === 'function'), 'a unified plugin or [plugin, options]')).default([]),
});

/** What `newsDigest({...})` takes: every key optional. */
export type DigestSettings = z.input<typeof settingsSchema>;
export type Settings = z.output<typeof settingsSchema>;

export class SettingsError extends Error {
  name = 'SettingsError';
}

/** The settings checked and defaults filled in; paths made absolute against `root` (the config file's folder). */
export function parseSettings(raw: unknown, source: string, root: string): Settings {
  const result = settingsSchema.safeParse(raw ?? {});
  if (!result.success) {
    const keyOf = (keys: PropertyKey[]) => keys.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
    const lines = result.error.issues.map((issue) => `  newsDigest${keyOf(issue.path)}: ${issue.message}`);
    throw new SettingsError(`${source}: the newsDigest settings are not valid:\n${lines.join('\n')}`);
  }
  const s = result.data;
  const abs = (p: string) => path.resolve(root, p);
  return {
    ...s,
    seeds: abs(s.seeds),
    out: abs(s.out),
    cacheDir: s.cacheDir && abs(s.cacheDir),
    templates: s.templates && abs(s.templates),
    public: s.public && abs(s.public),
    css: s.css.map(abs),
  };
}

function regexSource() {
  return z.string().min(1).refine((source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  }, 'a regular expression (JavaScript syntax)');
}
