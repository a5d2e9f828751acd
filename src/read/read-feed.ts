// A feed file → its items, each ready to become an article (PreparedArticle), and the items that
// cannot. An item's path is the feed's, `#`, and its page name; its digest is that of its own
// fields, so an item unchanged in a feed saved again keeps its record. Loaded only when the seeds
// hold a feed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { FeedError, readFeed, type FeedItem } from './feed.ts';
import { MAX_FEED_BYTES } from './limits.ts';
import { decodeText, definedFields, extOf, ReadError, type PreparedArticle } from './prepared-article.ts';
import type { FrontMatter } from '../types.ts';

/** A feed item that could not become an article. */
export interface ItemProblem {
  relPath: string;
  reason: string;
  fix: string;
}

export function readFeedFile(absPath: string, relPath: string): { items: PreparedArticle[]; problems: ItemProblem[] } {
  const stat = fs.statSync(absPath);
  if (stat.size > MAX_FEED_BYTES) {
    throw new ReadError(relPath, `is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_FEED_BYTES / 1024 / 1024} MB limit for a feed (MAX_FEED_BYTES)`, 'save a shorter feed, or split it');
  }
  const { text, encodingWarning } = decodeText(fs.readFileSync(absPath), relPath);
  let items: FeedItem[];
  try {
    items = readFeed(text, extOf(relPath));
  } catch (error) {
    if (error instanceof FeedError) throw new ReadError(relPath, error.message, error.fix, null, error.notFeed);
    throw error;
  }
  const prepared: PreparedArticle[] = [];
  const problems: ItemProblem[] = [];
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    const itemPath = `${relPath}#${item.slug}`;
    const named = item.title ? `"${item.title.slice(0, 60)}"` : `${i + 1}`;
    if (seen.has(item.slug)) {
      problems.push({ relPath: itemPath, reason: `item ${named} repeats an earlier item of the feed (the same guid, id or link)`, fix: 'the first copy is read' });
      continue;
    }
    seen.add(item.slug);
    if (!item.markdown.trim()) {
      problems.push({ relPath: itemPath, reason: `item ${named} has no text (no content, summary or description)`, fix: 'save the article itself as .html or .md, or with `npm run add -- URL`' });
      continue;
    }
    const { key: _key, slug, markdown, ...fields } = item;
    const frontMatter = definedFields({ ...fields, slug } as FrontMatter);
    const digest = crypto.createHash('sha256').update(JSON.stringify([frontMatter, markdown])).digest('hex').slice(0, 32);
    prepared.push({ relPath: itemPath, frontMatter, body: markdown, bodyLine: 1, digest, mtime: stat.mtime.toISOString(), encodingWarning });
  }
  return { items: prepared, problems };
}
