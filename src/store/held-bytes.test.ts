// A held part's bytes: read back as they were made, wherever in a buffer they lie.
import { describe, expect, it } from 'vitest';
import { articleFromBytes } from '../read/read-article.ts';
import { processArticle } from '../pipeline/process-article.ts';
import { compactHeld, heldFromBytes, storedHeld } from './held-record.ts';
import { factsOf } from './held-facts.ts';
import { decodeHeld, encodeHeld } from './held-bytes.ts';

const text = `Glencore said on 3 February 2026 that copper output at its Kamoto mine in the Democratic Republic of Congo rose 12% to 250,000 tonnes, and that it plans to lift cobalt output to 40,000 tonnes by 2027.
"Demand for both metals is strong," chief executive Gary Nagle said. Lynas Rare Earths and MP Materials were also named.
`;

describe('held bytes', () => {
  const stored = storedHeld(processArticle(articleFromBytes(new TextEncoder().encode(text), 'glencore.txt')));

  it('read back as made, at any offset in a buffer (a pack or a batch holds parts one after another)', () => {
    expect(stored.figureOwners.length).toBeGreaterThan(0);
    expect(stored.dateOffsets.length).toBeGreaterThan(0);
    const bytes = encodeHeld(stored);
    // in a Buffer as the pack's reads give them (a Buffer's slice is a view), and in a plain array
    for (const [offset, buffer] of [0, 1, 2, 3, 4].flatMap((offset) => [Buffer.alloc(offset + bytes.length), new Uint8Array(offset + bytes.length)].map((b) => [offset, b] as const))) {
      buffer.set(bytes, offset);
      const back = decodeHeld(buffer.subarray(offset));
      expect({ ...back, facts: [...back.facts] }).toEqual({ ...stored, facts: [...stored.facts] });
      expect(back.figureOwners).toBeInstanceOf(Int32Array);
      expect(back.signature).toBeInstanceOf(Uint32Array);
    }
  });

  it('held as the site keeps it, copied out of the bytes: reading over them later changes nothing', () => {
    const bytes = encodeHeld(stored);
    const expected = compactHeld(decodeHeld(bytes));
    for (const offset of [0, 1, 2, 3]) {
      const buffer = Buffer.alloc(offset + bytes.length);
      buffer.set(bytes, offset);
      const held = heldFromBytes(buffer.subarray(offset));
      // the next record read into the same buffer
      buffer.fill(7);
      expect({ ...held, facts: factsOf(held) }).toEqual({ ...expected, facts: factsOf(expected) });
      for (const array of [held.signature, held.figureOwners, held.figureMetals, held.dateCompanies, held.dateOffsets, held.facts.bytes]) expect(array.buffer).not.toBe(buffer.buffer);
    }
  });

  it('refuses bytes whose lengths do not add up (a damaged or foreign file), rather than read past them', () => {
    const bytes = encodeHeld(stored);
    expect(() => decodeHeld(bytes.subarray(0, bytes.length - 3))).toThrow(/lengths do not add up/);
    expect(() => decodeHeld(new Uint8Array(40))).toThrow();
  });
});
