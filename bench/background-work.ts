// What a build leaves running after it returns: a copy of its site made as the next build's spare,
// in a process of its own (src/site/output-folder.ts). The bench lets it end, untimed, before the
// next measurement or the removal of the cache: as a user who adds an article a few seconds
// later finds it ended, and so that it takes no core from what is timed next.
import fs from 'node:fs';
import path from 'node:path';
import { copiesIn } from '../src/site/output-folder.ts';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Whether a work folder in the cache folder holds a copy being made. */
function copyRuns(cacheDir: string): boolean {
  const outputs = path.join(cacheDir, 'outputs');
  try {
    return fs.readdirSync(outputs, { withFileTypes: true }).some((work) => work.isDirectory() && copiesIn(path.join(outputs, work.name)).running.length > 0);
  } catch {
    // no work folders, or one removed meanwhile
    return false;
  }
}

/** Waits, for at most a minute, until no copy of a site is being made in the cache folder. */
export function copiesEnded(cacheDir: string): void {
  for (let waited = 0; copyRuns(cacheDir) && waited < 60_000; waited += 50) Atomics.wait(pause, 0, 0, 50);
}
