// Hard-links every file of one folder into another (copying where the file system cannot link):
// an unchanged file costs no bytes and no write.
import fs from 'node:fs/promises';
import path from 'node:path';

export async function linkTree(from: string, to: string): Promise<void> {
  await fs.mkdir(to, { recursive: true });
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) await linkTree(source, target);
    else await linkFile(source, target);
  }
}

export async function linkFile(source: string, target: string): Promise<void> {
  try {
    await fs.link(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await fs.rm(target, { force: true });
      await fs.link(source, target);
    } else if (code === 'EXDEV' || code === 'EPERM' || code === 'EMLINK') await fs.copyFile(source, target);
    else throw error;
  }
}
