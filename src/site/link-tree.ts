// Hard-links every file of one folder into another (copying where the file system cannot link):
// an unchanged file costs no bytes and no write. Synchronous calls, one at a time: each async
// call is a trip through Node's thread pool, and parallel file calls cost more per file here.
import fs from 'node:fs';
import path from 'node:path';

/** Resolves to the files linked, as paths from `to`. */
export async function linkTree(from: string, to: string): Promise<string[]> {
  const linked: string[] = [];
  linkTreeSync(from, to, '', linked);
  return linked;
}

function linkTreeSync(from: string, to: string, prefix: string, linked: string[]): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) linkTreeSync(source, target, `${prefix}${entry.name}/`, linked);
    else {
      linkFileSync(source, target);
      linked.push(`${prefix}${entry.name}`);
    }
  }
}

export function linkFileSync(source: string, target: string): void {
  try {
    fs.linkSync(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      fs.rmSync(target, { force: true });
      fs.linkSync(source, target);
    } else if (code === 'EXDEV' || code === 'EPERM' || code === 'EMLINK') fs.copyFileSync(source, target);
    else throw error;
  }
}

/** Whether two paths name one file (a hard link of it counts). */
export function sameFile(a: string, b: string): boolean {
  const [x, y] = [fs.statSync(a, { throwIfNoEntry: false }), fs.statSync(b, { throwIfNoEntry: false })];
  return !!x && !!y && x.ino === y.ino && x.dev === y.dev;
}
