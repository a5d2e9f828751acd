// Writing data/records.json from its pieces (link/records.ts recordsJsonChunks): new JSON, and
// unchanged articles' JSON copied as bytes from the last build's file. A rebuild's pieces can be
// handed to another thread as a plan (a few typed arrays and strings, not an object a piece: at
// 100,000 articles 10 ms to clone against 110), which copies them while the build's thread renders.
import { closeSync, mkdirSync, openSync, readSync, writevSync } from 'node:fs';
import path from 'node:path';
import type { KeptJson } from '../link/records.ts';

/** A copy of an article's JSON from the last records.json that is not that article's. */
export class NotKeptError extends Error {
  name = 'NotKeptError';
}

/** How much of the last records.json is read at once. */
const RECORDS_WINDOW = 1 << 20;

/**
 * Writes a file from pieces, a megabyte or so at a time: the whole never sits in memory. A kept
 * piece is read from `keptFrom` a window at a time (pieces come in the order that file has them,
 * so the windows follow one another). Returns its size in bytes.
 */
export function writeChunks(file: string, chunks: Iterable<string | KeptJson>, keptFrom?: string): number {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  let source: number | undefined;
  try {
    source = keptFrom ? openSync(keptFrom, 'r') : undefined;
    let buffered: Uint8Array[] = [];
    let size = 0;
    let written = 0;
    // strings one after another are joined before they are encoded: a comma a piece was 40 ms at 4,000 articles
    let text = '';
    const encodeText = () => {
      const bytes = Buffer.from(text);
      buffered.push(bytes);
      size += bytes.length;
      text = '';
    };
    let window = Buffer.alloc(0);
    let windowStart = 0;
    for (const chunk of chunks) {
      if (typeof chunk === 'string') {
        text += chunk;
        if (text.length >= 1 << 16) encodeText();
      } else {
        if (text) encodeText();
        if (chunk.from < windowStart || chunk.from + chunk.length > windowStart + window.length) {
          // a new buffer each window: the slices handed out of the last one are still to be written
          window = Buffer.allocUnsafe(Math.max(chunk.length, RECORDS_WINDOW));
          window = window.subarray(0, readSync(source!, window, 0, window.length, chunk.from));
          windowStart = chunk.from;
        }
        const bytes = window.subarray(chunk.from - windowStart, chunk.from - windowStart + chunk.length);
        const starts = Buffer.from(chunk.starts);
        if (bytes.length !== chunk.length || !bytes.subarray(0, starts.length).equals(starts)) throw new NotKeptError(`${file}: the last records.json is not as described`);
        buffered.push(bytes);
        size += bytes.length;
      }
      // a megabyte's pieces in one call, as they are: copying them into one buffer first was 0.4 s
      // of writing records.json at 100,000 articles
      if (size >= 1 << 20) {
        // (libuv writes all of them, in as many system calls as it takes)
        written += writevSync(fd, buffered);
        buffered = [];
        size = 0;
      }
    }
    if (text) encodeText();
    return written + writevSync(fd, buffered);
  } finally {
    if (source !== undefined) closeSync(source);
    closeSync(fd);
  }
}

/** records.json's pieces as plain data another thread can be sent: written there by writePlanned. */
export interface RecordsJsonPlan {
  file: string;
  keptFrom: string;
  /** For each piece in order: 0, the next of `texts`; 1, the next kept piece. */
  order: Uint8Array;
  texts: string[];
  /** Each kept piece's place in `keptFrom`: from, length. */
  kept: Float64Array;
  /** Each kept piece's first bytes (KeptJson.starts), one a line (JSON has no raw line break). */
  starts: string;
}

/** The plan of writing `chunks` to `file`, kept pieces from `keptFrom`; runs of strings are joined. */
export function planOf(file: string, keptFrom: string, chunks: Iterable<string | KeptJson>): RecordsJsonPlan {
  const order: number[] = [];
  const texts: string[] = [];
  const kept: number[] = [];
  const starts: string[] = [];
  let text = '';
  for (const chunk of chunks) {
    if (typeof chunk === 'string') {
      text += chunk;
      continue;
    }
    if (text) {
      order.push(0);
      texts.push(text);
      text = '';
    }
    order.push(1);
    kept.push(chunk.from, chunk.length);
    starts.push(chunk.starts);
  }
  if (text) {
    order.push(0);
    texts.push(text);
  }
  return { file, keptFrom, order: Uint8Array.from(order), texts, kept: Float64Array.from(kept), starts: starts.join('\n') };
}

/** The pieces of a plan, as planOf was given them (runs of strings joined). */
export function* chunksOf(plan: RecordsJsonPlan): Generator<string | KeptJson> {
  const starts = plan.starts.split('\n');
  let text = 0;
  let kept = 0;
  for (const piece of plan.order) {
    if (piece === 0) yield plan.texts[text++]!;
    else {
      yield { from: plan.kept[2 * kept]!, length: plan.kept[2 * kept + 1]!, starts: starts[kept]! };
      kept++;
    }
  }
}

/** Writes a plan's file: its size in bytes, or null when it could not (the builder then writes it anew). */
export function writePlanned(plan: RecordsJsonPlan): number | null {
  try {
    return writeChunks(plan.file, chunksOf(plan), plan.keptFrom);
  } catch {
    return null;
  }
}
