// What every reader of an input file shares (a text file, a saved page, a feed): the kinds of
// file, ReadError, the article as read before it becomes a VFile (PreparedArticle) and the VFile
// made from it, the text decoded from the bytes.
import crypto from 'node:crypto';
import path from 'node:path';
import { VFile } from 'vfile';
import { decodeBytes } from './decode.ts';
import { checkMarkdownLimits, MAX_FILE_BYTES, MAX_PAGE_BYTES } from './limits.ts';
import type { FrontMatter, SourceFormat } from '../types.ts';

export class ReadError extends Error {
  constructor(
    readonly relPath: string,
    readonly reason: string,
    readonly fix: string,
    readonly line: number | null = null,
    /** Not an article at all (a data file beside the articles): a note rather than a warning. */
    readonly notArticle = false,
  ) {
    super(`${relPath}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'ReadError';
  }
}

/** Saved web pages: the article is found in the page and read as markdown (read-page.ts). */
export const HTML_EXTENSIONS = new Set(['.html', '.htm']);

/** Feeds: one file, many articles (read-feed.ts). */
export const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom', '.json']);

/** A feed item's path is its feed's, `#`, and the item's page name (letters, digits, hyphens). */
const FEED_ITEM = /^(.*)#[a-z0-9-]+$/;

export const extOf = (relPath: string): string => {
  const ext = path.extname(relPath).toLowerCase();
  if (!ext.includes('#')) return ext;
  const feed = FEED_ITEM.exec(relPath)?.[1];
  return feed && FEED_EXTENSIONS.has(path.extname(feed).toLowerCase()) ? path.extname(feed).toLowerCase() : ext;
};

export function formatOf(relPath: string): SourceFormat {
  const ext = extOf(relPath);
  // a page's or a feed item's article comes out of its HTML as markdown
  return ext === '.md' || ext === '.markdown' || HTML_EXTENSIONS.has(ext) || FEED_EXTENSIONS.has(ext) ? 'md' : 'txt';
}

/** Whether the file is a feed: one file, many articles (readFeedFile). */
export function isFeedFile(relPath: string): boolean {
  return FEED_EXTENSIONS.has(extOf(relPath));
}

/** The largest file of this kind that is read (a saved page carries its scripts and styles). */
export function maxBytesOf(relPath: string): number {
  return HTML_EXTENSIONS.has(extOf(relPath)) ? MAX_PAGE_BYTES : MAX_FILE_BYTES;
}

export function digestOf(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** An article read from a file, before it becomes a VFile: plain data, so a worker thread can be handed one. */
export interface PreparedArticle {
  /** The file's path; for a feed item, the feed's path, `#`, and the item's page name. */
  relPath: string;
  frontMatter: FrontMatter;
  body: string;
  bodyLine: number;
  digest: string;
  mtime: string;
  encodingWarning?: boolean;
  warnings?: { reason: string; line: number | null }[];
}

export function articleFromPrepared(prepared: PreparedArticle, absPath: string = prepared.relPath): VFile {
  const { relPath, body, bodyLine } = prepared;
  const file = new VFile({ path: absPath, cwd: process.cwd() });
  if (prepared.encodingWarning) {
    file.message('is not valid UTF-8; read as Windows-1252 (Latin-1): save it as UTF-8 if characters look wrong', { ruleId: 'encoding', source: 'read' });
  }
  if (formatOf(relPath) === 'md') {
    const problem = checkMarkdownLimits(body, bodyLine);
    if (problem) throw new ReadError(relPath, problem.reason, problem.fix, problem.line);
  }
  for (const w of prepared.warnings ?? []) file.message(w.reason, { ruleId: 'front-matter', source: 'read', place: w.line ? { line: w.line, column: 1 } : undefined });
  file.value = body;
  file.data.source = { relPath, format: formatOf(relPath), frontMatter: prepared.frontMatter, bodyLine, digest: prepared.digest, mtime: prepared.mtime };
  return file;
}

export function decodeText(bytes: Uint8Array, relPath: string): { text: string; encodingWarning: boolean } {
  if (bytes.length === 0) throw new ReadError(relPath, 'is empty', 'write the article text into it, or delete it');
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) throw new ReadError(relPath, decoded.reason, decoded.fix);
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ReadError(relPath, 'holds only blank space', 'write the article text into it, or delete it');
  return { text, encodingWarning: decoded.encoding === 'windows-1252' };
}

export function definedFields<T extends object>(fields: T): T {
  for (const key of Object.keys(fields) as (keyof T)[]) if (fields[key] === undefined || fields[key] === '') delete fields[key];
  return fields;
}
