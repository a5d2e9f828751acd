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
  body: string;
}

export function* feedFiles(site: SiteData, urls: SiteUrls, siteTitle: string, built: string): Generator<FeedFile> {
  // one copy of each story, its earliest, as the digest lists it
  const stories = site.stories.size ? site.articles.filter((a) => a.story === a.id) : site.articles;
  const main = makeFeed(urls, siteTitle, 'feed.xml', '', stories.slice(0, FEED_SIZE), built);
  yield { path: 'feed.xml', body: main.atom1() };
  yield { path: 'feed.json', body: main.json1() };
  const byId = new Map(site.articles.map((a) => [a.id, a]));
  for (const kind of ['companies', 'metals', 'topics'] as const) {
    for (const e of site[kind]) {
      const articles = e.articles.slice(0, ENTITY_FEED_SIZE).map((id) => byId.get(id)!);
      const feed = makeFeed(urls, `${e.name} · ${siteTitle}`, `${kind}/${e.id}/feed.xml`, `${kind}/${e.id}/`, articles, built);
      yield { path: `${kind}/${e.id}/feed.xml`, body: feed.atom1() };
    }
  }
}
