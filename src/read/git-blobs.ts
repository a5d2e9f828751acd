// What git knows of a seeds folder's files: a fresh checkout (every CI build) gives every file a new
// modification time, and a build that trusts size and time alone then reads and hashes every file
// to learn that none changed (100,000 articles: about 2 s more a build). Git's index holds each tracked
// file's blob id, and `git diff-files` names the files whose contents may differ from it (git's own
// stat check, with size, times, inode and its racy-clean rule, at least as strict as ours): a file
// it does not name has the index's blob, and a file whose blob is the one its record was made from
// has that record's contents. Without git, or outside a work tree, nothing is known this way.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';

/**
 * From this many known files found with a new size or time on, git is asked which are as it has
 * them (a checkout gives every file a new time); fewer are read, which costs less than asking
 * (git answers in about 10 ms at 4,000 files, 0.25 s at 100,000).
 */
export const TOUCHED_BEFORE_GIT = 256;

/** File times are coarse on some file systems (FAT: 2 s): a file written this close before git looked may still have changed after. */
const TIME_MARGIN_MS = 2_000;

/**
 * Whether a file last modified at `mtimeMs` was written before git looked at the folder (at
 * `askedAt`, Date.now() just before cleanBlobsUnder): only then may its size and time stand for the
 * blob git gave, in later builds. One written since may hold other bytes than git saw.
 */
export function writtenBefore(mtimeMs: number, askedAt: number): boolean {
  return mtimeMs < askedAt - TIME_MARGIN_MS;
}

/** Git's id of a file's contents as it would store them unfiltered: SHA-1 of `blob <size>\0` and the bytes. */
export function gitBlobOf(bytes: Uint8Array): string {
  return crypto.createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Git's output, or null when git is missing, fails, or takes too long (then nothing is known from it). */
function git(dir: string, args: string[]): Buffer | null {
  const run = spawnSync('git', ['-C', dir, ...args], { maxBuffer: 1 << 30, timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return run.status === 0 && run.stdout ? run.stdout : null;
}

/** Where an entry of `git ls-files -s -v` has its blob id: after its tag and mode. */
const BLOB_AT = 'H 100644 '.length;

/**
 * The blob ids of the files under `dir` whose contents git says are its index's, by path from `dir`
 * (`/`-separated); null when git cannot say. Left out: files git marks assume-unchanged or
 * skip-worktree (it does not look at them), files in a merge conflict, links and submodules, and
 * every file `git diff-files` names (changed, or only touched since git last looked: read as usual).
 */
export function cleanBlobsUnder(dir: string): Map<string, string> | null {
  // `-v`: a lower-case tag for assume-unchanged; `-s`: mode, blob, stage; paths from `dir`, NUL-ended
  const listed = git(dir, ['ls-files', '-s', '-v', '-z', '--', '.']);
  const touched = listed && git(dir, ['diff-files', '--name-only', '--relative', '-z', '--', '.']);
  if (!listed || !touched) return null;
  const changed = new Set(touched.toString('utf8').split('\0'));
  const blobs = new Map<string, string>();
  for (const entry of listed.toString('utf8').split('\0')) {
    // "H 100644 <40 hex> 0\tpath/from/dir.md", read by place: a regular expression an entry took
    // three times as long (100,000 files: 103-124 against 34 ms); a SHA-256 id's 64 do not fit
    if (!entry.startsWith(' 0\t', BLOB_AT + 40) || !(entry.startsWith('H 100644 ') || entry.startsWith('H 100755 '))) continue;
    const relPath = entry.slice(BLOB_AT + 43);
    if (relPath && !changed.has(relPath)) blobs.set(relPath, entry.slice(BLOB_AT, BLOB_AT + 40));
  }
  return blobs;
}
