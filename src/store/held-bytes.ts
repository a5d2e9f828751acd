// The bytes of a held part (StoredHeld) in a record's file and in the held pack: its plain fields
// as JSON, then its facts and typed arrays as they are. Read back, JSON.parse made the plain fields
// in about half the time v8.deserialize took (100,000 held parts: 0.8-1.0 s against 1.8-2.0 s),
// and every record's objects of one kind come out alike (V8 gives them one shape).
//
// Layout: a header of seven little-endian u32 (the JSON's length in bytes, then the facts' in
// bytes, then the element counts of the signature, figure owners, figure metals, date companies
// and date offsets), the JSON (UTF-8), the facts, then the five arrays' elements (4 bytes each).
import type { HeldRecord } from '../types.ts';

/** A held record as its cache file stores it: figures and dates packed (held-facts.ts), no text. */
export interface StoredHeld extends Omit<HeldRecord, 'facts'> {
  facts: Uint8Array;
}

const ARRAYS = ['signature', 'figureOwners', 'figureMetals', 'dateCompanies', 'dateOffsets'] as const;
const HEADER = 4 * (2 + ARRAYS.length);

type PlainFields = Omit<StoredHeld, 'facts' | (typeof ARRAYS)[number]>;

export function encodeHeld(stored: StoredHeld): Uint8Array {
  const { facts, signature, figureOwners, figureMetals, dateCompanies, dateOffsets, ...plain } = stored;
  const json = Buffer.from(JSON.stringify(plain satisfies PlainFields));
  const arrays = [signature, figureOwners, figureMetals, dateCompanies, dateOffsets];
  const bytes = Buffer.alloc(HEADER + json.length + facts.length + 4 * arrays.reduce((sum, a) => sum + a.length, 0));
  bytes.writeUInt32LE(json.length, 0);
  bytes.writeUInt32LE(facts.length, 4);
  arrays.forEach((a, i) => bytes.writeUInt32LE(a.length, 8 + 4 * i));
  let at = HEADER;
  at += json.copy(bytes, at);
  bytes.set(facts, at);
  at += facts.length;
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return bytes;
}

/**
 * Makes one of a held part's typed arrays from its `n` elements (4 bytes each, little-endian) at
 * `byteOffset` of `bytes`; `view` is a DataView of them.
 */
export type ArrayFrom = (kind: 'signature' | 'places', bytes: Uint8Array, view: DataView, byteOffset: number, n: number) => Uint32Array | Int32Array;
/** Makes the facts from their bytes, `length` of them at `byteOffset`. */
export type FactsFrom = (bytes: Uint8Array, byteOffset: number, length: number) => Uint8Array;

/** A view where the elements start at a multiple of 4, else a copy. */
const viewOrCopy: ArrayFrom = (kind, bytes, _view, from, n) => {
  const make = (buffer: ArrayBufferLike, offset: number) => (kind === 'signature' ? new Uint32Array(buffer, offset, n) : new Int32Array(buffer, offset, n));
  // a copy by the Uint8Array constructor: a Buffer's slice() is a view, not a copy
  return (bytes.byteOffset + from) % 4 === 0 ? make(bytes.buffer, bytes.byteOffset + from) : make(new Uint8Array(bytes.subarray(from, from + 4 * n)).buffer, 0);
};

/**
 * A held part from its bytes. Its facts and typed arrays are views of those bytes where they can
 * be (a typed array's bytes must start at a multiple of 4), unless `arrayFrom` and `factsFrom`
 * make them otherwise (held-record.ts heldFromBytes copies them straight into shared blocks).
 * Throws on bytes that are not a held part.
 */
export function decodeHeld(bytes: Uint8Array, arrayFrom: ArrayFrom = viewOrCopy, factsFrom: FactsFrom = (b, at, length) => b.subarray(at, at + length)): StoredHeld {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(0, true);
  const factsLength = view.getUint32(4, true);
  const signatureCount = view.getUint32(8, true);
  let total = HEADER + jsonLength + factsLength;
  for (let i = 0; i < ARRAYS.length; i++) total += 4 * view.getUint32(8 + 4 * i, true);
  if (total !== bytes.length) throw new Error('not a held part: its lengths do not add up');
  let at = HEADER;
  const held = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + at, jsonLength).toString('utf8')) as StoredHeld;
  at += jsonLength;
  held.facts = factsFrom(bytes, at, factsLength);
  at += factsLength;
  held.signature = arrayFrom('signature', bytes, view, at, signatureCount) as Uint32Array;
  at += 4 * signatureCount;
  /** The next list of places. */
  const next = (i: number): Int32Array => {
    const n = view.getUint32(8 + 4 * i, true);
    const array = arrayFrom('places', bytes, view, at, n) as Int32Array;
    at += 4 * n;
    return array;
  };
  held.figureOwners = next(1);
  held.figureMetals = next(2);
  held.dateCompanies = next(3);
  held.dateOffsets = next(4);
  return held;
}
