// Atom and JSON feeds of the digest, and an Atom feed per company, metal and topic (the `feed`
// package writes the XML). Feeds list the newest articles only, so their cost stays flat.
import { Feed } from 'feed';
import type { LinkedArticle, SiteData } from '../link/link.ts';
import type { SiteUrls } from './templates.ts';
import { LOCAL_ORIGIN } from '../build-options.ts';

export const FEED_SIZE = 50;
export const ENTITY_FEED_SIZE = 20;

export function absolute(urls: SiteUrls, rel: string): string {
  return new URL(rel, urls.siteUrl ?? `${LOCAL_ORIGIN}${urls.base}`).href;
}

/**
 * `absolute` for many paths (a sitemap's): a plain path (segments of letters, digits, `-`, `_` and
 * inner dots: no dot segment, nothing to escape) is joined to its base's folder, which is what
 * resolving it gives; any other is resolved. A URL parsed a page was 130 ms of a rebuild of
 * 100,000 articles.
 */
export function absoluteOf(urls: SiteUrls): (rel: string) => string {
  const base = urls.siteUrl ?? `${LOCAL_ORIGIN}${urls.base}`;
  const folder = new URL('.', base).href;
  return (rel) => (rel !== '' && PLAIN_PATH.test(rel) ? folder + rel : new URL(rel, base).href);
}

const PLAIN_PATH = /^(?:[a-z0-9][\w-]*(?:\.[\w-]+)*\/)*(?:[a-z0-9][\w-]*(?:\.[\w-]+)*)?$/i;

export function makeFeed(urls: SiteUrls, title: string, selfPath: string, pagePath: string, articles: LinkedArticle[], built: string): Feed {
  const feed = new Feed({
    title,
    id: absolute(urls, pagePath),
    link: absolute(urls, pagePath),
    feedLinks: { atom: absolute(urls, selfPath), json: absolute(urls, selfPath.replace(/\.xml$/, '.json')) },
    copyright: 'Articles belong to their publishers',
    updated: new Date(`${articles.find((a) => a.date)?.date ?? built}T00:00:00Z`),
    generator: 'Metals News Digest',
  });
  for (const a of articles) {
    feed.addItem({
      title: a.title,
      id: absolute(urls, a.url),
      link: absolute(urls, a.url),
      description: a.summary,
      date: new Date(`${a.date ?? built}T00:00:00Z`),
      ...(a.byline ? { author: [{ name: a.byline }] } : {}),
      category: [...a.metals.map((m) => ({ name: m.name })), ...a.topics.map((t) => ({ name: t.name }))],
    });
  }
  return feed;
}

export interface FeedFile {
  path: string;
  /** An entity's feed: its folder (`companies/x/`), whose pages change when the feed does. Null for the digest's feeds. */
  entity: string | null;
  /** The ids of the articles an entity's feed lists (empty for the digest's). */
  articleIds: string[];
  /** Whether the build's date is in it (an article without a date, or none with one): such a feed is made anew each build. */
  showsBuildDate: boolean;
  /** Made when asked for: a rebuild links the feeds that did not change, and the dev server makes the one requested. */
  body: () => string;
}

export function* feedFiles(site: SiteData, urls: SiteUrls, siteTitle: string, built: string): Generator<FeedFile> {
  // one copy of each story, its earliest, as the digest lists it
  const stories = site.stories.size ? site.articles.filter((a) => a.story === a.id) : site.articles;
  const latest = stories.slice(0, FEED_SIZE);
  let main: Feed | undefined;
  const mainFeed = () => (main ??= makeFeed(urls, siteTitle, 'feed.xml', '', latest, built));
  yield { path: 'feed.xml', entity: null, articleIds: [], showsBuildDate: true, body: () => mainFeed().atom1() };
  yield { path: 'feed.json', entity: null, articleIds: [], showsBuildDate: true, body: () => mainFeed().json1() };
  const byId = new Map(site.articles.map((a) => [a.id, a]));
  for (const kind of ['companies', 'metals', 'topics'] as const) {
    for (const e of site[kind]) {
      const articleIds = e.articles.slice(0, ENTITY_FEED_SIZE);
      const articles = articleIds.map((id) => byId.get(id)!);
      const folder = `${kind}/${e.id}/`;
      const body = () => makeFeed(urls, `${e.name} · ${siteTitle}`, `${folder}feed.xml`, folder, articles, built).atom1();
      yield { path: `${folder}feed.xml`, entity: folder, articleIds, showsBuildDate: articles.some((a) => !a.date), body };
    }
  }
}
