// What ties an entry of the cache (a seeds folder's records, an output folder's page keys and work
// folder) to its folder: a digest of the folder's path from the cache folder. A project moved or
// copied with its cache, or a CI cache restored into another checkout folder, keeps its records,
// page keys and spare; a cache folder elsewhere (--cache-dir) keys its folders as firmly as before.
// Until 2026-12-07 the digest was of the folder's absolute path (legacyCacheKeyOf): what a cache
// holds under such a key is taken over or removed once by the module that owns it.
import crypto from 'node:crypto';
import path from 'node:path';

const digestOf = (text: string) => crypto.createHash('sha256').update(text).digest('hex').slice(0, 12);

/** The key of `folder` in the cache folder `cacheDir`: the same on every system for the same layout. */
export function cacheKeyOf(folder: string, cacheDir: string): string {
  return digestOf(path.relative(path.resolve(cacheDir), path.resolve(folder)).split(path.sep).join('/'));
}

/** The key `folder` had before 2026-12-07, of its absolute path. */
export function legacyCacheKeyOf(folder: string): string {
  return digestOf(path.resolve(folder));
}
