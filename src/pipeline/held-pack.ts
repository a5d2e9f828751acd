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
  private window = Buffer.alloc(0);
  private windowStart = 0;
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

  /** The bytes at a place (good until the next read), or undefined when the pack does not hold that much. */
  read([offset, length]: PackPlace): Buffer | undefined {
    if (offset + length > this.written) return undefined;
    if (offset < this.windowStart || offset + length > this.windowStart + this.window.length) {
      this.fd ??= fs.openSync(this.file, 'r');
      if (this.window.length < Math.max(WINDOW, length)) this.window = Buffer.allocUnsafe(Math.max(WINDOW, length));
      const got = fs.readSync(this.fd, this.window, 0, this.window.length, offset);
      this.windowStart = offset;
      if (got < length) {
        this.windowStart = 0;
        this.window = this.window.subarray(0, 0);
        return undefined;
      }
      this.window = this.window.subarray(0, got);
    }
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
   * resolves to their places in it. Parts of records gone and parts out of order are left behind.
   */
  async compact(places: PackPlace[]): Promise<PackPlace[]> {
    await this.flush();
    const tmp = `${this.file}.${process.pid}.tmp`;
    const handle = await fsp.open(tmp, 'w');
    const moved: PackPlace[] = [];
    try {
      let out: Buffer[] = [];
      let outBytes = 0;
      let at = 0;
      for (const place of places) {
        const bytes = this.read(place);
        if (!bytes) throw new Error(`${this.file}: no part at ${place[0]}`);
        out.push(Buffer.from(bytes));
        outBytes += bytes.length;
        moved.push([at, bytes.length]);
        at += bytes.length;
        if (outBytes >= WRITE_AT) {
          await handle.write(Buffer.concat(out, outBytes));
          out = [];
          outBytes = 0;
        }
      }
      await handle.write(Buffer.concat(out, outBytes));
    } finally {
      await handle.close();
    }
    this.close();
    await fsp.rename(tmp, this.file);
    this.end = this.written = moved.length ? moved[moved.length - 1]![0] + moved[moved.length - 1]![1] : 0;
    this.placesHold = true;
    return moved;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
    this.window = Buffer.alloc(0);
    this.windowStart = 0;
  }
}
