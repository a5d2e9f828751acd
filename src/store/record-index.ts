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

export function encodeIndex(entries: readonly [string, FileStat][]): Buffer {
  const numbers = new Float64Array(NUMBERS * entries.length);
  const strings: string[] = [];
  entries.forEach(([relPath, stat], i) => {
    const at = NUMBERS * i;
    numbers[at] = stat.size;
    numbers[at + 1] = stat.mtimeMs;
    numbers[at + 2] = stat.packed?.[0] ?? -1;
    numbers[at + 3] = stat.packed?.[1] ?? -1;
    numbers[at + 4] = stat.recordBytes ?? -1;
    strings.push(relPath, stat.digest, stat.blob ?? '');
  });
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(LAYOUT, 4);
  header.writeUInt32LE(entries.length, 8);
  return Buffer.concat([header, Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength), Buffer.from(strings.join(SEPARATOR), 'utf8')]);
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
