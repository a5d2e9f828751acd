// The addresses of the articles already in the seeds folder: the `source` (or `url`) of each
// .md and .txt file's front matter, and the canonical address of each saved page. `add` uses
// them so that one article is not added twice.
import fs from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { discoverSeeds } from '../read/discover.ts';
import { decodeBytes } from '../read/decode.ts';
import { parseFrontMatter } from '../read/front-matter.ts';
import { pageMetadata, httpUrl } from '../read/page-metadata.ts';
import { HTML_EXTENSIONS, isFeedFile } from '../read/read-article.ts';

/** One address however it is written: no fragment or tracking parameters, host in lower case, no final slash. */
export function sameAddress(url: string): string | undefined {
  const clean = httpUrl(url);
  if (!clean) return undefined;
  const u = new URL(clean);
  u.hostname = u.hostname.replace(/^www\./, '');
  return `${u.protocol === 'http:' ? 'https:' : u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}${u.search}`;
}

/** Address (as sameAddress gives it) → the seed file that holds it. */
export async function seedSources(seedsDir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!fs.existsSync(seedsDir)) return found;
  const { articles } = await discoverSeeds(seedsDir);
  for (const file of articles) {
    if (isFeedFile(file.relPath)) continue;
    const source = sourceOf(file.path, file.relPath);
    const key = source && sameAddress(source);
    if (key && !found.has(key)) found.set(key, file.relPath);
  }
  return found;
}

function sourceOf(absPath: string, relPath: string): string | undefined {
  try {
    const decoded = decodeBytes(fs.readFileSync(absPath));
    if (!decoded.ok) return undefined;
    if (HTML_EXTENSIONS.has(path.extname(relPath).toLowerCase())) return pageMetadata(parseHTML(decoded.text).document).source;
    return parseFrontMatter(decoded.text.replace(/^\uFEFF/, '')).data.source;
  } catch {
    // a file the build cannot read names no address here either
    return undefined;
  }
}
