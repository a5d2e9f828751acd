// Walks the seeds folder recursively and sorts what it finds into articles and skipped files.
import fs from 'node:fs/promises';
import path from 'node:path';

/** Articles (text, markdown, saved web pages) and feeds (many articles in one file). */
export const ARTICLE_EXTENSIONS = new Set(['.txt', '.md', '.markdown', '.html', '.htm', '.xml', '.rss', '.atom', '.json']);

export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Relative to the seeds folder, forward slashes. */
  relPath: string;
  /** Reached through a symbolic link: a change to its target is not a change seen at this path. */
  viaLink?: boolean;
}

export interface SkippedFile {
  relPath: string;
  reason: string;
  fix: string;
  /** 'info' for files that are simply not articles (images, notes), 'warning' for files that look like articles but cannot be read. */
  severity: 'info' | 'warning';
}

export interface Discovery {
  articles: DiscoveredFile[];
  skipped: SkippedFile[];
}

/**
 * A discovery without links (viaLink) as plain lists for another thread: the seeds folder's real
 * path once, not in each file's (at 100,000 files, half the bytes to copy).
 */
export interface PackedDiscovery {
  root: string;
  relPaths: string[];
  skipped: SkippedFile[];
}

/** The discovery packed, or null when a file was reached through a link (packing keeps no flags). */
export function packDiscovery(discovery: Discovery): PackedDiscovery | null {
  const first = discovery.articles[0];
  if (discovery.articles.some((f) => f.viaLink)) return null;
  // a file's path is the root, a separator, then its relative path with the platform's separators
  const root = first ? first.path.slice(0, first.path.length - first.relPath.length - 1) : '';
  return { root, relPaths: discovery.articles.map((f) => f.relPath), skipped: discovery.skipped };
}

export function unpackDiscovery({ root, relPaths, skipped }: PackedDiscovery): Discovery {
  const native = path.sep === '/' ? (relPath: string) => relPath : (relPath: string) => relPath.split('/').join(path.sep);
  return { articles: relPaths.map((relPath) => ({ path: root + path.sep + native(relPath), relPath })), skipped };
}

/** Documents that are probably articles in a format the generator cannot read: a warning, not a note. */
const DOCUMENT_EXTENSIONS = new Set(['.doc', '.docx', '.odt', '.rtf', '.pdf', '.pages', '.xhtml', '.mdx', '.text', '.eml', '.msg']);

/** Names that are never articles and not worth a note (editor and OS droppings). */
const IGNORED = /^(?:\.DS_Store|Thumbs\.db|desktop\.ini|\..*\.swp|.*~|\.#.*|#.*#)$/;

export async function discoverSeeds(seedsDir: string): Promise<Discovery> {
  const root = await fs.realpath(seedsDir);
  const articles: DiscoveredFile[] = [];
  const skipped: SkippedFile[] = [];
  /** `relDir`: the folder's path from the root, with forward slashes ('' for the root). */
  async function walk(dir: string, relDir: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      // joined by hand: path.relative for each of 4,000 files took 15 ms, a third of a dev rebuild's reading
      const abs = dir + path.sep + entry.name;
      const relPath = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (IGNORED.test(entry.name) || entry.name === 'node_modules' || entry.name === '.git') continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = await fs.realpath(abs);
        } catch {
          skipped.push({ relPath, reason: 'is a symbolic link whose target does not exist', fix: 'remove the link or restore its target', severity: 'warning' });
          continue;
        }
        if (target !== root && !target.startsWith(root + path.sep)) {
          skipped.push({ relPath, reason: 'is a symbolic link to a place outside the seeds folder', fix: 'copy the file into the seeds folder instead of linking to it', severity: 'warning' });
          continue;
        }
        const stat = await fs.stat(target);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
        // a link to a folder inside the seeds folder would read the same files twice (or loop)
        if (isDir) {
          skipped.push({ relPath, reason: 'is a symbolic link to a folder already inside the seeds folder', fix: 'remove the link; the folder is read anyway', severity: 'info' });
          continue;
        }
      }
      if (entry.name.startsWith('.')) continue;
      if (isDir) {
        await walk(abs, relPath);
      } else if (isFile) {
        const ext = path.extname(entry.name).toLowerCase();
        if (ARTICLE_EXTENSIONS.has(ext)) articles.push(entry.isSymbolicLink() ? { path: abs, relPath, viaLink: true } : { path: abs, relPath });
        else if (DOCUMENT_EXTENSIONS.has(ext)) skipped.push({ relPath, reason: `is a ${ext} document, which is not read`, fix: 'save the article as plain text (.txt), markdown (.md) or a web page (.html)', severity: 'warning' });
        else skipped.push({ relPath, reason: `is not an article (${ext || 'no extension'})`, fix: 'articles are .txt, .md or .html files, or feeds (.xml, .rss, .atom, .json); other files are left alone', severity: 'info' });
      }
    }
  }
  await walk(root, '');
  return { articles, skipped };
}
