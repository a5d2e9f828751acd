// What a build leaves running after it returns: a copy of its site made as the next build's spare,
// in a process of its own (src/site/output-folder.ts). The bench lets it end, untimed, before the
// next measurement or the removal of the cache: as a user who adds an article a few seconds
// later finds it ended, and so that it takes no core from what is timed next.
import fs from 'node:fs';
import path from 'node:path';

/** A copy's file untouched for this long belongs to a copy that stopped (as the generator counts it). */
const STOPPED_MS = 5_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Whether a work folder in the cache folder holds the file of a copy being made. */
function copyRuns(cacheDir: string): boolean {
  const outputs = path.join(cacheDir, 'outputs');
  const entries = (dir: string) => fs.readdirSync(dir, { withFileTypes: true });
  try {
    return entries(outputs).some((work) => work.isDirectory() && entries(path.join(outputs, work.name)).some((f) => f.name.startsWith('copying-') && Date.now() - (fs.statSync(path.join(outputs, work.name, f.name), { throwIfNoEntry: false })?.mtimeMs ?? 0) <= STOPPED_MS));
  } catch {
    // no work folders, or one removed meanwhile
    return false;
  }
}

/** Waits, for at most a minute, until no copy of a site is being made in the cache folder. */
export function copiesEnded(cacheDir: string): void {
  for (let waited = 0; copyRuns(cacheDir) && waited < 60_000; waited += 50) Atomics.wait(pause, 0, 0, 50);
}
