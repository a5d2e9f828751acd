// The record cache's index file (index.bin): what the last build saw of each seed file (its size,
// time, digest and git blob) and where its record's held part lies in the held pack. Written column
// by column: the numbers as one array of doubles, the strings as one NUL-separated text. Read back
// it is one typed array and one split; the index as v8.serialize wrote it (one object an entry,
// still read for a cache saved before 2026-12-07) took 310-325 ms to deserialise at 100,000 files,
// this 120-150, and a rebuild reads it twice (the seeds check and the build's thread).
import v8 from 'node:v8';
import type { PackPlace } from './held-pack.ts';

/** What the index holds of a seed file. */
export interface FileStat {
  size: number;
  mtimeMs: number;
  digest: string;
  /** Where the record's held part lies in the held pack (held-pack.ts), when it is there. */
  packed?: PackPlace;
  /** The size of the record's file: a part is taken from the pack only while its file is there, whole. */
  recordBytes?: number;
  /** Git's blob id of the bytes the digest was made from (git-blobs.ts): known again after a checkout without a read. */
  blob?: string;
}

/** The file's first bytes: `MNDI` and the layout's number. A v8-serialised index starts with 0xFF. */
const MAGIC = 0x49444e4d;
const LAYOUT = 1;
/** Magic, layout, entries, then the numbers (8-byte aligned). */
const HEADER_BYTES = 16;
/** Numbers an entry: size, time, the pack's offset and length, the record file's size (-1: none). */
const NUMBERS = 5;
/** Between the strings: no path, digest or blob holds it. */
const SEPARATOR = '\0';

/**
 * The index's bytes, written straight into one buffer sized first: no joined text of the strings
 * and no copies of it (15-19 MB each at 100,000 files) at the end of a build, where its memory peaks.
 */
export function encodeIndex(entries: ReadonlyMap<string, FileStat>): Buffer {
  let stringBytes = 0;
  for (const [relPath, stat] of entries) stringBytes += Buffer.byteLength(relPath) + Buffer.byteLength(stat.digest) + (stat.blob ? Buffer.byteLength(stat.blob) : 0) + 3 * SEPARATOR.length;
  const numbersEnd = HEADER_BYTES + 8 * NUMBERS * entries.size;
  // not from Buffer's shared pool, so at offset 0: the numbers' view needs a multiple of 8
  const bytes = Buffer.alloc(numbersEnd + Math.max(0, stringBytes - SEPARATOR.length));
  bytes.writeUInt32LE(MAGIC, 0);
  bytes.writeUInt32LE(LAYOUT, 4);
  bytes.writeUInt32LE(entries.size, 8);
  const numbers = new Float64Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, NUMBERS * entries.size);
  let i = 0;
  let at = numbersEnd;
  for (const [relPath, stat] of entries) {
    const n = NUMBERS * i++;
    numbers[n] = stat.size;
    numbers[n + 1] = stat.mtimeMs;
    numbers[n + 2] = stat.packed?.[0] ?? -1;
    numbers[n + 3] = stat.packed?.[1] ?? -1;
    numbers[n + 4] = stat.recordBytes ?? -1;
    // path, digest and blob ('' for none), each after a separator but the very first
    if (n > 0) at += bytes.write(SEPARATOR, at, 'utf8');
    at += bytes.write(relPath, at, 'utf8');
    at += bytes.write(SEPARATOR, at, 'utf8');
    at += bytes.write(stat.digest, at, 'utf8');
    at += bytes.write(SEPARATOR, at, 'utf8');
    if (stat.blob) at += bytes.write(stat.blob, at, 'utf8');
  }
  return bytes;
}

/** The index's entries by path. Throws on bytes that are neither layout (the cache then starts empty). */
export function decodeIndex(bytes: Buffer): Map<string, FileStat> {
  if (bytes.length < HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) return new Map(v8.deserialize(bytes) as [string, FileStat][]);
  if (bytes.readUInt32LE(4) !== LAYOUT) throw new Error('an index of another layout');
  const count = bytes.readUInt32LE(8);
  if (count === 0) return new Map();
  const numbersEnd = HEADER_BYTES + 8 * NUMBERS * count;
  if (numbersEnd > bytes.length) throw new Error('the index is cut short');
  // copied out: a Float64Array needs an offset that is a multiple of 8, which a read buffer need not have
  const numbers = new Float64Array(bytes.buffer.slice(bytes.byteOffset + HEADER_BYTES, bytes.byteOffset + numbersEnd));
  const strings = bytes.toString('utf8', numbersEnd).split(SEPARATOR);
  if (strings.length !== 3 * count) throw new Error('the index is cut short');
  const stats = new Map<string, FileStat>();
  for (let i = 0; i < count; i++) {
    const at = NUMBERS * i;
    const stat: FileStat = { size: numbers[at]!, mtimeMs: numbers[at + 1]!, digest: strings[3 * i + 1]! };
    const blob = strings[3 * i + 2]!;
    if (blob) stat.blob = blob;
    if (numbers[at + 2]! >= 0) stat.packed = [numbers[at + 2]!, numbers[at + 3]!];
    if (numbers[at + 4]! >= 0) stat.recordBytes = numbers[at + 4]!;
    stats.set(strings[3 * i]!, stat);
  }
  return stats;
}
