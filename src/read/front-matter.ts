// Front matter with gray-matter, its JavaScript engine disabled.
// gray-matter runs `eval` on a block that opens with `---js` or `---javascript`, and
// `engines: {js: false}` does not stop it: only overriding both engines with ones that throw does.
import matter from 'gray-matter';
import { z } from 'zod';
import { isSafeSlug } from '../slug.ts';
import type { FrontMatter } from '../types.ts';

export class FrontMatterError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'FrontMatterError';
  }
}

const refuseCode = (): never => {
  throw new FrontMatterError('front matter written in JavaScript is never run', 1, 'write the front matter in YAML (start the file with a plain `---` line)');
};

const ENGINES = { js: refuseCode, javascript: refuseCode } as const;

/** A front matter fence that names a language: `---js`, `--- JavaScript`, `---coffee`... */
const LANGUAGE_FENCE = /^\uFEFF?---[ \t]*([A-Za-z][\w-]*)[ \t]*\r?\n/;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)));

/** One schema for the front matter record: what each field may hold, and what to fix when it does not. */
const frontMatterSchema = z
  .object({
    title: scalar.optional(),
    date: scalar.optional(),
    byline: scalar.optional(),
    author: scalar.optional(),
    source: scalar.optional(),
    url: scalar.optional(),
    slug: scalar.optional(),
    id: scalar.optional(),
    publisher: scalar.optional(),
    tags: z.union([z.array(scalar), scalar.transform((s) => s.split(',').map((t) => t.trim()))]).optional(),
  })
  .passthrough();

export interface ParsedFrontMatter {
  data: FrontMatter;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** Field-level problems that did not stop the article. */
  warnings: { reason: string; line: number | null }[];
}

export function parseFrontMatter(text: string): ParsedFrontMatter {
  const fence = LANGUAGE_FENCE.exec(text);
  if (fence) {
    const lang = fence[1]!.toLowerCase();
    if (lang === 'js' || lang === 'javascript') refuseCode();
    if (lang !== 'yaml' && lang !== 'yml') {
      throw new FrontMatterError(`front matter in "${fence[1]}" is not supported`, 1, 'write the front matter in YAML');
    }
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    // `language` pinned to yaml and the js engines overridden: no path through gray-matter evaluates code.
    parsed = matter(text, { engines: ENGINES as unknown as matter.GrayMatterOption<string, never>['engines'], language: 'yaml' });
  } catch (error) {
    if (error instanceof FrontMatterError) throw error;
    const yamlError = error as { mark?: { line?: number }; reason?: string; message?: string };
    // the matter starts with the rest of the opening `---` line: its line 0 is the file's line 1
    const line = yamlError.mark?.line != null ? yamlError.mark.line + 1 : null;
    throw new FrontMatterError(`front matter is not valid YAML: ${yamlError.reason ?? yamlError.message ?? String(error)}`, line, 'fix the YAML between the two `---` lines, or remove them');
  }
  const matterText = (parsed as unknown as { matter?: string }).matter ?? '';
  const hasFrontMatter = text.replace(/^\uFEFF/, '').startsWith('---') && parsed.matter !== undefined && text !== parsed.content;
  const bodyLine = hasFrontMatter ? countLines(text) - countLines(parsed.content) + 1 : 1;
  const warnings: ParsedFrontMatter['warnings'] = [];
  const raw = parsed.data;
  if (raw == null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new FrontMatterError('front matter must be a set of `key: value` lines', 2, 'write fields such as `title: ...` and `date: 2025-09-18`');
  }
  const result = frontMatterSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    throw new FrontMatterError(
      `front matter field "${key}" has the wrong type (${issue.message})`,
      lineOfKey(matterText, key),
      `give "${key}" a plain text value, e.g. ${key}: "..."`,
    );
  }
  const fm = result.data;
  const data: FrontMatter = {};
  const text_ = (v: string | undefined) => (v == null || v.trim() === '' ? undefined : v.trim());
  data.title = text_(fm.title);
  data.date = text_(fm.date);
  data.byline = text_(fm.byline ?? fm.author);
  data.source = text_(fm.source ?? fm.url);
  data.publisher = text_(fm.publisher);
  if (data.source && !/^https?:\/\/[^\s/]/i.test(data.source)) {
    const key = fm.source != null ? 'source' : 'url';
    warnings.push({ reason: `front matter ${key} "${clip(data.source)}" is not an http(s) link; it is not shown`, line: lineOfKey(matterText, key) });
    delete data.source;
  }
  // `id` is read as `slug`: either one names the page; anything but a safe slug is refused here
  // (paths, URLs, "..", odd characters), so no front matter value decides where a file is written
  const slugKey = fm.slug != null ? 'slug' : 'id';
  data.slug = text_(fm.slug ?? fm.id);
  if (data.slug && !isSafeSlug(data.slug)) {
    warnings.push({
      reason: `front matter ${slugKey} "${clip(data.slug)}" is not a safe page name (lower-case letters, digits and hyphens, at most 80); the page is named after the file instead`,
      line: lineOfKey(matterText, slugKey),
    });
    delete data.slug;
  }
  const tags = (fm.tags ?? []).map((t) => t.trim()).filter(Boolean);
  if (tags.length) data.tags = tags;
  for (const key of Object.keys(data) as (keyof FrontMatter)[]) if (data[key] === undefined) delete data[key];
  return { data, body: parsed.content, bodyLine, warnings };
}

/** A value quoted in a message: one line, not too long. */
function clip(value: string): string {
  const line = value.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function countLines(s: string): number {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function lineOfKey(matterText: string, key: string): number | null {
  const lines = matterText.split(/\r?\n/);
  const offset = lines[0] === '' ? 1 : 0;
  const i = lines.findIndex((l) => l.startsWith(`${key}:`));
  return i < 0 ? null : i + 2 - offset;
}
