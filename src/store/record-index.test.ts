import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { decodeIndex, encodeIndex, type FileStat } from './record-index.ts';

const entries: [string, FileStat][] = [
  ['2026/jx-advanced-metals.md', { size: 2077, mtimeMs: 1796622915773.488, digest: 'ee84ed5fb0028fc6e7e992f3c50e3bcc', blob: 'd7fd914b9fdea19512cf9150983a680961bfeed6', packed: [0, 4812], recordBytes: 13292 }],
  ['feeds/mining.xml#item-1', { size: 9, mtimeMs: 0, digest: 'ab' }],
  ['Zürich rösti.md', { size: 1, mtimeMs: 1.5, digest: 'cd', packed: [4812, 17], recordBytes: 40 }],
];

describe('the record index file', () => {
  it('gives back every entry as it was written, whatever fields it has', () => {
    expect([...decodeIndex(encodeIndex(new Map(entries)))]).toEqual(entries);
    expect(decodeIndex(encodeIndex(new Map())).size).toBe(0);
    expect([...decodeIndex(encodeIndex(new Map([['only.md', { size: 3, mtimeMs: 2, digest: 'ef' }]])))]).toEqual([['only.md', { size: 3, mtimeMs: 2, digest: 'ef' }]]);
  });

  it('reads the numbers wherever the bytes lie in their buffer', () => {
    const bytes = encodeIndex(new Map(entries));
    const shifted = Buffer.concat([Buffer.from([1, 2, 3]), bytes]).subarray(3);
    expect([...decodeIndex(shifted)]).toEqual(entries);
  });

  it('still reads an index written by v8.serialize, and refuses one cut short', () => {
    expect([...decodeIndex(v8.serialize(entries))]).toEqual(entries);
    const bytes = encodeIndex(new Map(entries));
    expect(() => decodeIndex(bytes.subarray(0, bytes.length - 60))).toThrow();
    expect(() => decodeIndex(bytes.subarray(0, 40))).toThrow();
  });
});
