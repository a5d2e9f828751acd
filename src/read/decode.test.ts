import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode.ts';

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeBytes(bytes('Zürich copper')).ok && decodeBytes(bytes('Zürich copper'))).toMatchObject({ text: 'Zürich copper', encoding: 'utf-8' });
    const withBom = decodeBytes(bytes([0xef, 0xbb, 0xbf], 'Nickel'));
    expect(withBom).toMatchObject({ ok: true, text: 'Nickel' });
  });

  it('reads UTF-16 with a BOM, both byte orders', () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from('Zinc €', 'utf16le')]);
    expect(decodeBytes(le)).toMatchObject({ ok: true, text: 'Zinc €', encoding: 'utf-16le' });
    const be = Buffer.from('Zinc', 'utf16le').swap16();
    expect(decodeBytes(new Uint8Array([0xfe, 0xff, ...be]))).toMatchObject({ ok: true, text: 'Zinc', encoding: 'utf-16be' });
  });

  it('falls back to Windows-1252 for text that is not UTF-8', () => {
    // "café – 5€" in Windows-1252
    const result = decodeBytes(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x35, 0x80]));
    expect(result).toMatchObject({ ok: true, text: 'café – 5€', encoding: 'windows-1252' });
  });

  it('refuses binary files', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(decodeBytes(png)).toMatchObject({ ok: false });
  });
});
