// Progress of a long build on a terminal: one line rewritten in place, with a rate and an
// estimate. Silent when the output is not a terminal (CI logs, tests) and for short stages.
export class Progress {
  /** Set in the build's own thread, whose process.stderr never says it is a terminal. */
  static terminal: boolean | null = null;
  private start = performance.now();
  private lastDraw = 0;
  private drawn = false;
  private readonly tty = Progress.terminal ?? process.stderr.isTTY === true;

  /** `total` null when the count is not known ahead (pages). */
  update(stage: string, done: number, total: number | null): void {
    if (!this.tty) return;
    const now = performance.now();
    const finished = total != null && done >= total;
    if (now - this.lastDraw < 200 && !finished) return;
    this.lastDraw = now;
    const seconds = (now - this.start) / 1000;
    if (seconds < 1 && !finished) return;
    const rate = done / Math.max(seconds, 0.001);
    const left = total != null && rate > 0 ? `, ~${((total - done) / rate).toFixed(0)} s left` : '';
    process.stderr.write(`\r${stage}: ${done}${total != null ? `/${total}` : ''}, ${rate.toFixed(0)}/s${left}   `);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) process.stderr.write('\n');
    this.drawn = false;
    this.start = performance.now();
  }
}
