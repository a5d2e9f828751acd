// The held parts of the cached records, one after another in one file of the records' folder: a
// build reads every article's held part, and read from their own files (among the whole records,
// several GB at 100,000 articles) that is 100,000 opens and small reads scattered over the disk,
// where the pack is one file read in order, a megabyte at a time. The record files still decide:
// a part read here is used only when it names its record (record-cache.ts checks), so a pack that
// another process wrote to at the same time, or replaced, costs reads, never a wrong record.
import fs from 'node:fs';
import fsp from 'node:fs/promises';

/** Where a held part lies in the pack: its first byte and its length. */
export type PackPlace = [offset: number, length: number];

/** How much is read at once: in pack order, the next parts a build asks for are in it already. */
const WINDOW = 1 << 20;
/** Appended parts wait in memory until there are this many bytes of them, then go in one write. */
const WRITE_AT = 4 << 20;

export class HeldPack {
  private fd: number | null = null;
  private buffer = Buffer.alloc(0);
  private window = Buffer.alloc(0);
  private windowStart = 0;
  /** Parts the current window served: 2 (as if a window served them) to start with. */
  private windowHits = 2;
  /** Where the next appended part lands. */
  private end: number;
  /** Where the file ended when it was opened or last written by this process. */
  private written: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private writing: Promise<void> = Promise.resolve();
  /** False once a write found the file longer than this process left it: the places it gave are not to be kept. */
  private placesHold = true;

  constructor(readonly file: string) {
    this.end = this.written = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  }

  /**
   * The bytes at a place (good until the next read), or undefined when the pack does not hold that
   * much. A window read serves the parts after it; after a window that served one part only (parts
   * asked for out of the pack's order), the next read is of that part alone, until parts are asked
   * for in order again.
   */
  read([offset, length]: PackPlace): Buffer | undefined {
    if (offset + length > this.written) return undefined;
    if (offset < this.windowStart || offset + length > this.windowStart + this.window.length) {
      this.fd ??= fs.openSync(this.file, 'r');
      const inOrder = this.windowHits > 1 || offset === this.windowStart + this.window.length;
      const size = inOrder ? Math.max(WINDOW, length) : length;
      if (this.buffer.length < Math.max(WINDOW, length)) this.buffer = Buffer.allocUnsafe(Math.max(WINDOW, length));
      const got = fs.readSync(this.fd, this.buffer, 0, size, offset);
      this.window = this.buffer.subarray(0, got);
      this.windowStart = offset;
      this.windowHits = 0;
      if (got < length) {
        this.windowStart = 0;
        this.window = this.window.subarray(0, 0);
        return undefined;
      }
    }
    this.windowHits++;
    return this.window.subarray(offset - this.windowStart, offset - this.windowStart + length);
  }

  /** Appends a copy of `bytes`; resolves at once to the place it will have. */
  append(bytes: Uint8Array): PackPlace {
    const place: PackPlace = [this.end, bytes.length];
    this.end += bytes.length;
    this.pending.push(Buffer.from(bytes));
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_AT) this.writePending();
    return place;
  }

  private writePending(): void {
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.writing = this.writing.then(async () => {
      const handle = await fsp.open(this.file, 'a');
      try {
        // another process appended since: this one's places point at its bytes
        if ((await handle.stat()).size !== this.written) this.placesHold = false;
        await handle.write(chunk);
        this.written = (await handle.stat()).size;
      } finally {
        await handle.close();
      }
    });
  }

  /** Writes what waits; resolves to whether every place this process gave is where it said. */
  async flush(): Promise<boolean> {
    if (this.pendingBytes) this.writePending();
    await this.writing;
    return this.placesHold;
  }

  /** The pack's size, appended parts included. */
  get size(): number {
    return this.end;
  }

  /**
   * Writes a new pack holding the parts at `places`, in their order, in place of this one;
   * resolves to their places in it. Parts of records gone are left behind. The old pack is read
   * in its own order (a window at a time) and each part written where it goes in the new one.
   */
  async compact(places: PackPlace[]): Promise<PackPlace[]> {
    await this.flush();
    const moved: PackPlace[] = [];
    let at = 0;
    for (const [, length] of places) {
      moved.push([at, length]);
      at += length;
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    // synchronous writes, one a part: 100,000 awaited ones cost seconds
    const out = fs.openSync(tmp, 'w');
    try {
      const byOffset = places.map((_, i) => i).sort((x, y) => places[x]![0] - places[y]![0]);
      this.windowHits = 2;
      for (const i of byOffset) {
        const bytes = this.read(places[i]!);
        if (!bytes) throw new Error(`${this.file}: no part at ${places[i]![0]}`);
        fs.writeSync(out, bytes, 0, bytes.length, moved[i]![0]);
      }
    } catch (error) {
      fs.closeSync(out);
      await fsp.rm(tmp, { force: true });
      throw error;
    }
    fs.closeSync(out);
    this.close();
    await fsp.rename(tmp, this.file);
    this.end = this.written = at;
    this.placesHold = true;
    return moved;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    this.window = Buffer.alloc(0);
    this.windowStart = 0;
    this.windowHits = 2;
  }
}
