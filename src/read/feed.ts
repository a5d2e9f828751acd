// Feed files (RSS 2.0 and RDF, Atom, JSON Feed) → one article per item, parsed with feedsmith.
// Each item's key is what the feed says identifies it (guid, id, else link), so a feed saved
// again, or saved under another name with new items, gives the same items the same key.
import crypto from 'node:crypto';
import { parseFeed } from 'feedsmith';
import { htmlToMarkdown, htmlToText } from './html-to-markdown.ts';
import { dayOf, httpUrl, joinNames } from './page-metadata.ts';
import { slugify } from '../slug.ts';

export interface FeedItem {
  /** The item's identity in its feed: guid, id, else link (else its title). */
  key: string;
  /** A page name from the key alone: the same item has the same page whichever file it was saved in. */
  slug: string;
  title?: string;
  date?: string;
  byline?: string;
  source?: string;
  publisher?: string;
  /** The item's text as markdown ('' when it has none). */
  markdown: string;
}

export class FeedError extends Error {
  constructor(
    message: string,
    readonly fix: string,
    /** A file that is not a feed at all (a .json of something else): a note, not a warning. */
    readonly notFeed = false,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

type Any = Record<string, any>;

/** The root element of an RSS, Atom or RDF feed. */
const FEED_ROOT = /<(?:rss|feed|rdf:RDF)[\s>]/;

const FORMAT_NAMES: Record<string, string> = { rss: 'an RSS', atom: 'an Atom', rdf: 'an RDF', json: 'a JSON' };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
/** Atom text constructs come as {value, type}; plain strings elsewhere. */
const textOf = (v: unknown): string | undefined => str(typeof v === 'object' && v ? (v as Any).value : v);
const names = (list: unknown): string[] => (Array.isArray(list) ? list : list ? [list] : []).map((a) => (typeof a === 'string' ? a : str((a as Any)?.name))).filter((n): n is string => !!n && !/@/.test(n)).map((n) => htmlToText(n));

export function readFeed(text: string, ext: string): FeedItem[] {
  let input: unknown = text;
  if (ext === '.json') {
    try {
      input = JSON.parse(text);
    } catch (error) {
      throw new FeedError(`is not valid JSON (${(error as Error).message})`, 'save the feed again; a JSON Feed is one JSON object');
    }
    if (!input || typeof input !== 'object' || !/jsonfeed\.org\/version\//.test(String((input as Any).version))) {
      throw new FeedError('is a JSON file but not a JSON Feed (no "version": "https://jsonfeed.org/version/…")', 'JSON files in the seeds folder are read as JSON Feeds; other data files are left alone', true);
    }
  }
  let parsed: { format: string; feed: Any };
  try {
    parsed = parseFeed(input) as { format: string; feed: Any };
  } catch (error) {
    // an .xml file of something else (a sitemap, a data export) is no broken feed
    if (ext === '.xml' && !FEED_ROOT.test(text.slice(0, 4096))) throw new FeedError('is an XML file but not a feed (no <rss>, <feed> or <rdf:RDF>)', 'XML files in the seeds folder are read as feeds; other data files are left alone', true);
    throw new FeedError(`is not a feed that can be read (${(error as Error).message})`, 'save the feed again as RSS 2.0, Atom or JSON Feed; a cut-off download cannot be read');
  }
  const { format, feed } = parsed;
  const publisher = htmlToText(textOf(feed.title) ?? '') || undefined;
  const raw: Any[] = format === 'atom' ? (feed.entries ?? []) : (feed.items ?? []);
  if (raw.length === 0) throw new FeedError(`is ${FORMAT_NAMES[format] ?? 'a'} feed with no items`, 'save the feed again once it has items, or remove the file');
  return raw.map((item) => (format === 'atom' ? atomItem(item) : format === 'json' ? jsonItem(item) : rssItem(item))).map((item) => ({ ...item, publisher }));
}

function finish(fields: Omit<FeedItem, 'key' | 'slug' | 'markdown' | 'publisher'> & { id?: string; html?: string; plain?: string }): Omit<FeedItem, 'publisher'> {
  const key = fields.id ?? fields.source ?? fields.title ?? '';
  const markdown = fields.html ? htmlToMarkdown(fields.html) : (fields.plain ?? '').trim();
  return { key, slug: slugOf(key, fields.source), title: fields.title ? htmlToText(fields.title) : undefined, date: fields.date, byline: fields.byline, source: fields.source, markdown };
}

function rssItem(item: Any): Omit<FeedItem, 'publisher'> {
  const guid = str(item.guid?.value ?? item.guid);
  return finish({
    id: guid,
    title: str(item.title),
    date: dayOf(item.pubDate) ?? dayOf(item.dc?.date ?? item.dc?.dates?.[0]),
    byline: joinNames([...names(item.authors), ...names(item.dc?.creators ?? item.dc?.creator)]),
    source: httpUrl(item.link) ?? (item.guid?.isPermaLink !== false ? httpUrl(guid) : undefined),
    html: str(item.content?.encoded) ?? str(item.description),
  });
}

function atomItem(item: Any): Omit<FeedItem, 'publisher'> {
  const links: Any[] = item.links ?? [];
  const link = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
  const content = item.content ?? item.summary;
  const html = content && content.type !== 'text' ? str(content.value) : undefined;
  return finish({
    id: str(item.id),
    title: textOf(item.title),
    date: dayOf(item.published) ?? dayOf(item.updated),
    byline: joinNames(names(item.authors)),
    source: httpUrl(link?.href),
    html,
    plain: html ? undefined : textOf(content),
  });
}

function jsonItem(item: Any): Omit<FeedItem, 'publisher'> {
  return finish({
    id: str(item.id) ?? (typeof item.id === 'number' ? String(item.id) : undefined),
    title: str(item.title),
    date: dayOf(item.date_published) ?? dayOf(item.date_modified),
    byline: joinNames([...names(item.authors), ...names(item.author)]),
    source: httpUrl(item.url) ?? httpUrl(item.external_url),
    html: str(item.content_html),
    plain: str(item.content_text) ?? str(item.summary),
  });
}

/**
 * The item's page name: the last part of its address when there is one (readable), and a short
 * hash of its key (unique); both come from the item alone, never from the file it was saved in.
 */
function slugOf(key: string, source: string | undefined): string {
  const hash = crypto.createHash('sha256').update(key).digest('hex').slice(0, 8);
  let readable = '';
  try {
    const last = new URL(source ?? key).pathname.split('/').filter(Boolean).pop() ?? '';
    readable = slugify(decodeURIComponent(last).replace(/\.[a-z0-9]+$/i, ''));
  } catch {
    readable = '';
  }
  if (!/[a-z]{3}/.test(readable)) readable = 'item';
  return `${readable.slice(0, 60).replace(/-+$/, '')}-${hash}`;
}
