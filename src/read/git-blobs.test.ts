import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { cleanBlobsUnder, gitBlobOf } from './git-blobs.ts';
import { git, hasGit } from '../../tests/helpers/git.ts';
import { tempFolders } from '../../tests/helpers/temp-folders.ts';

/** A folder of its own. */
const folder = tempFolders('git-blobs-');

describe.skipIf(!hasGit)('cleanBlobsUnder', () => {
  it("gives git's blob of each file it has as it is, and none for a file edited, touched, new or not looked at", () => {
    const repo = folder();
    const seeds = path.join(repo, 'seeds');
    fs.mkdirSync(path.join(seeds, 'wire'), { recursive: true });
    const files = { 'a.md': 'Copper rose.\n', 'wire/b.md': 'Tin fell.\n', 'c.md': 'Zinc held.\n', 'd.md': 'Nickel slid.\n', 'e.md': 'Lead rose.\n' };
    for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(seeds, name), body);
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'seeds');
    fs.writeFileSync(path.join(seeds, 'c.md'), 'Zinc fell.\n');
    // assume-unchanged: git does not look at it, so cannot vouch for it
    git(repo, 'update-index', '--assume-unchanged', 'seeds/d.md');
    fs.writeFileSync(path.join(seeds, 'd.md'), 'Nickel rose.\n');
    // a new time, the index not told: git names it until it looks again
    const later = new Date(Date.now() + 120_000);
    fs.utimesSync(path.join(seeds, 'e.md'), later, later);
    fs.writeFileSync(path.join(seeds, 'new.md'), 'Gold rose.\n');
    const blobs = cleanBlobsUnder(seeds)!;
    expect([...blobs.keys()].sort()).toEqual(['a.md', 'wire/b.md']);
    expect(blobs.get('a.md')).toBe(gitBlobOf(fs.readFileSync(path.join(seeds, 'a.md'))));
    expect(blobs.get('wire/b.md')).toBe(git(repo, 'hash-object', 'seeds/wire/b.md').trim());
    // git looks again (as a checkout leaves its index): the touched file is vouched for
    git(repo, 'update-index', '-q', '--refresh');
    expect(cleanBlobsUnder(seeds)!.has('e.md')).toBe(true);
  });

  it('says nothing of a folder outside a work tree', () => {
    const dir = folder();
    const before = process.env.GIT_CEILING_DIRECTORIES;
    process.env.GIT_CEILING_DIRECTORIES = path.dirname(dir);
    try {
      expect(cleanBlobsUnder(dir)).toBeNull();
    } finally {
      if (before === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
      else process.env.GIT_CEILING_DIRECTORIES = before;
    }
  });
});
