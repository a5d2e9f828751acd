// Reads one input file into a VFile: bytes decoded, front matter parsed and validated, the body as
// the file's value. Problems that make the file unusable throw a ReadError naming the file and line.
import fs from 'node:fs';
import type { VFile } from 'vfile';
import { FrontMatterError, parseFrontMatter } from './front-matter.ts';
import { MAX_FILE_BYTES, MAX_PAGE_BYTES } from './limits.ts';
import { articleFromPrepared, decodeText, digestOf, extOf, HTML_EXTENSIONS, maxBytesOf, ReadError } from './prepared-article.ts';

export { MAX_FILE_BYTES };
// what the readers share, for the stages that import it from here
export * from './prepared-article.ts';

/**
 * Reads with the synchronous calls: an article is small and the work after it is synchronous
 * anyway, while the promise API costs several thread-pool round trips per file (0.9 ms against
 * 0.03 ms per article).
 */
export async function readArticleFile(absPath: string, relPath: string): Promise<VFile> {
  return articleFromSeedBytes(readSeedBytes(absPath, relPath), relPath, absPath);
}

/** A seed file's bytes and what its stat said when they were read. */
export interface SeedBytes {
  bytes: Buffer;
  size: number;
  mtimeMs: number;
  mtime: Date;
}

/** Reads a seed file, refusing one over its kind's size limit (a ReadError says what to do). */
export function readSeedBytes(absPath: string, relPath: string): SeedBytes {
  const stat = fs.statSync(absPath);
  if (stat.size > maxBytesOf(relPath)) {
    if (HTML_EXTENSIONS.has(extOf(relPath))) throw new ReadError(relPath, `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_PAGE_BYTES / 1024 / 1024} MB limit for a saved page (MAX_PAGE_BYTES)`, 'save the page again as "HTML only", or save its text as .md');
    throw new ReadError(relPath, `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for one article (MAX_FILE_BYTES)`, 'split it into articles, or remove what is not article text');
  }
  return { bytes: fs.readFileSync(absPath), size: stat.size, mtimeMs: stat.mtimeMs, mtime: stat.mtime };
}

/** The article in a seed file's bytes: text with front matter, or a saved web page. */
export async function articleFromSeedBytes(seed: SeedBytes, relPath: string, absPath: string): Promise<VFile> {
  // the page reader (a DOM, Readability, HTML to markdown) loads in a third of a second: only for pages
  if (HTML_EXTENSIONS.has(extOf(relPath))) return (await import('./read-page.ts')).articleFromPage(seed.bytes, relPath, absPath, seed.mtime);
  return articleFromBytes(seed.bytes, relPath, absPath, seed.mtime);
}

export function articleFromBytes(bytes: Uint8Array, relPath: string, absPath: string = relPath, mtime: Date = new Date(0)): VFile {
  const { text, encodingWarning } = decodeText(bytes, relPath);
  let fm;
  try {
    fm = parseFrontMatter(text);
  } catch (error) {
    if (error instanceof FrontMatterError) throw new ReadError(relPath, error.message, error.fix, error.line);
    throw error;
  }
  if (fm.body.trim() === '') {
    throw new ReadError(relPath, 'has front matter but no article text after it', 'add the article text below the closing `---` line', fm.bodyLine);
  }
  return articleFromPrepared({ relPath, frontMatter: fm.data, body: fm.body, bodyLine: fm.bodyLine, digest: digestOf(bytes), mtime: mtime.toISOString(), encodingWarning, warnings: fm.warnings }, absPath);
}

