// Typed arrays a held record keeps (its facts' bytes, its signature, its lists of places), copied
// into blocks shared by many records. Read back from bytes, each is a view of them: it would keep
// them alive (a worker's message: a batch's records) or change with the next read into the same
// buffer; and a buffer of its own each would be an ArrayBuffer each besides (Node's shared 8 KiB
// pool made a new one every few articles: 0.5 s of reading 100,000 held records).

type Typed = Uint8Array | Int32Array | Uint32Array;

export class SharedBlocks<T extends Typed> {
  private block: T;
  private used = 0;
  private readonly empty: T;

  constructor(
    private readonly make: (length: number) => T,
    private readonly blockLength: number,
  ) {
    this.block = make(blockLength);
    this.empty = make(0);
  }

  /** A copy of `array` in the current block (a new block when it does not fit). */
  copy(array: T): T {
    if (!array.length) return this.empty;
    const copy = this.take(array.length);
    copy.set(array);
    return copy;
  }

  /**
   * A copy of `n` little-endian 32-bit elements at `byteOffset` of `view`'s bytes, read one at a
   * time: no view of them is made first (reading 100,000 held parts back took 3.0 s with a view of
   * each of their arrays made and copied, 2.6 s with this).
   */
  copyWords(view: DataView, byteOffset: number, n: number): T {
    if (!n) return this.empty;
    const copy = this.take(n);
    for (let i = 0; i < n; i++) copy[i] = view.getInt32(byteOffset + 4 * i, true);
    return copy;
  }

  /** Room for `length` elements in the current block (a new block when they do not fit). */
  private take(length: number): T {
    if (this.used + length > this.block.length) {
      this.block = this.make(Math.max(this.blockLength, length));
      this.used = 0;
    }
    const room = this.block.subarray(this.used, this.used + length) as T;
    this.used += length;
    return room;
  }
}
