// The settings' word lists (vite.config.ts, `words`) travel in a file named by an environment
// variable: the command line sets it before any stage loads, and the extraction threads inherit
// it, so every thread merges the same lists (word-lists.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WordLists } from '../settings.ts';

export const WORD_LISTS_ENV = 'METALS_NEWS_DIGEST_WORD_LISTS';

/** Makes `lists` the ones this process, and the threads it starts, merge over the built-in lists. */
export function useWordLists(lists: WordLists): void {
  if (!Object.values(lists).some((list) => list !== undefined)) {
    delete process.env[WORD_LISTS_ENV];
    return;
  }
  const json = JSON.stringify(lists);
  const file = path.join(os.tmpdir(), `metals-news-digest-words-${digestOf(json)}.json`);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(`${file}.${process.pid}`, json);
    fs.renameSync(`${file}.${process.pid}`, file);
  }
  process.env[WORD_LISTS_ENV] = file;
}

/** The settings' word lists as JSON ("{}" when there are none). */
export function settingsWordListsJson(): string {
  const file = process.env[WORD_LISTS_ENV];
  return file ? fs.readFileSync(file, 'utf8') : '{}';
}

/** Changes with the settings' word lists: the extractor's version and the site's inputs include it. */
export const wordListsDigest = (): string => digestOf(settingsWordListsJson());

const digestOf = (json: string) => crypto.createHash('sha256').update(json).digest('hex').slice(0, 16);
