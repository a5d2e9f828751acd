// Reads one input file into a VFile: bytes decoded, front matter parsed and validated, the body as
// the file's value. Problems that make the file unusable throw a ReadError naming the file and line.
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { VFile } from 'vfile';
import { decodeBytes } from './decode.ts';
import { FrontMatterError, parseFrontMatter } from './front-matter.ts';
import { checkMarkdownLimits, MAX_FILE_BYTES } from './limits.ts';
import type { SourceFormat } from '../types.ts';

export { MAX_FILE_BYTES };

export class ReadError extends Error {
  constructor(
    readonly relPath: string,
    readonly reason: string,
    readonly fix: string,
    readonly line: number | null = null,
  ) {
    super(`${relPath}${line ? `:${line}` : ''}: ${reason}`);
    this.name = 'ReadError';
  }
}

export function formatOf(relPath: string): SourceFormat {
  const ext = path.extname(relPath).toLowerCase();
  return ext === '.md' || ext === '.markdown' ? 'md' : 'txt';
}

export function digestOf(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/**
 * Reads with the synchronous calls: an article is small and the work after it is synchronous
 * anyway, while the promise API costs several thread-pool round trips per file (0.9 ms against
 * 0.03 ms per article).
 */
export async function readArticleFile(absPath: string, relPath: string): Promise<VFile> {
  const stat = fs.statSync(absPath);
  if (stat.size > MAX_FILE_BYTES) {
    throw new ReadError(relPath, `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for one article (MAX_FILE_BYTES)`, 'split it into articles, or remove what is not article text');
  }
  const bytes = fs.readFileSync(absPath);
  return articleFromBytes(bytes, relPath, absPath, stat.mtime);
}

export function articleFromBytes(bytes: Uint8Array, relPath: string, absPath: string = relPath, mtime: Date = new Date(0)): VFile {
  if (bytes.length === 0) throw new ReadError(relPath, 'is empty', 'write the article text into it, or delete it');
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) throw new ReadError(relPath, decoded.reason, decoded.fix);
  const file = new VFile({ path: absPath, cwd: process.cwd() });
  if (decoded.encoding === 'windows-1252') {
    file.message('is not valid UTF-8; read as Windows-1252 (Latin-1): save it as UTF-8 if characters look wrong', { ruleId: 'encoding', source: 'read' });
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ReadError(relPath, 'holds only blank space', 'write the article text into it, or delete it');
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
  if (formatOf(relPath) === 'md') {
    const problem = checkMarkdownLimits(fm.body, fm.bodyLine);
    if (problem) throw new ReadError(relPath, problem.reason, problem.fix, problem.line);
  }
  for (const w of fm.warnings) file.message(w.reason, { ruleId: 'front-matter', source: 'read', place: w.line ? { line: w.line, column: 1 } : undefined });
  file.value = fm.body;
  file.data.source = {
    relPath,
    format: formatOf(relPath),
    frontMatter: fm.data,
    bodyLine: fm.bodyLine,
    digest: digestOf(bytes),
    mtime: mtime.toISOString(),
  };
  return file;
}
