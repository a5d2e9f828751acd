// Stable, unique, safe article ids. An id comes from the front matter `slug` when that is already a
// safe slug, else from the file's path; it never depends on another article's content, only on
// the (sorted) set of paths, so it stays the same across rebuilds while the file keeps its name.
import type { BuildMessage, SourceInfo } from '../types.ts';
import { isSafeSlug, slugify } from '../slug.ts';
import { memoized } from '../memo.ts';

export function assignArticleIds(records: { source: SourceInfo }[], messages: BuildMessage[]): string[] {
  const wanted = records.map((r) => {
    const slug = r.source.frontMatter.slug;
    const fromPath = idFromPath(r.source.relPath);
    if (slug == null) return fromPath;
    // the read stage already refuses unsafe slugs with a warning naming the line; this is the backstop
    if (isSafeSlug(slug)) return slug;
    messages.push({
      file: r.source.relPath,
      line: 2,
      column: 1,
      reason: `front matter slug "${slug.slice(0, 60)}" is not a safe page name; using "${fromPath}"`,
      ruleId: 'unsafe-slug',
      severity: 'warning',
    });
    return fromPath;
  });
  // most sites have no two alike: then each article has the id it wants, in any order
  if (new Set(wanted).size === wanted.length) return wanted;
  // Ties (names that differ only by case or punctuation) are broken in path order, not date order,
  // so adding an article never renames another.
  const order = records.map((_, i) => i).sort((a, b) => (records[a]!.source.relPath < records[b]!.source.relPath ? -1 : 1));
  const used = new Set<string>();
  const ids: string[] = new Array(records.length);
  for (const i of order) {
    let id = wanted[i]!;
    for (let n = 2; used.has(id); n++) id = `${wanted[i]}-${n}`;
    used.add(id);
    ids[i] = id;
  }
  return ids;
}

/** The file's path without its extension, as a slug (the dev server asks again at every change). */
const idFromPath = memoized((relPath: string) => slugify(relPath.replace(/\.[^./]+$/, '')));
