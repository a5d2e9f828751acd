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
    if (this.used + array.length > this.block.length) {
      this.block = this.make(Math.max(this.blockLength, array.length));
      this.used = 0;
    }
    const copy = this.block.subarray(this.used, this.used + array.length) as T;
    copy.set(array);
    this.used += array.length;
    return copy;
  }
}
