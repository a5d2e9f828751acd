// A saved web page → its article as markdown, with the page's metadata. linkedom builds the DOM
// (no scripts run, nothing is fetched: it is a tree, not a browser); furniture leaves the tree;
// Readability (Firefox's Reader View) finds the article in what remains.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { htmlToMarkdown } from './html-to-markdown.ts';
import { isFurniture } from './page-furniture.ts';
import { pageMetadata, type PageMetadata } from './page-metadata.ts';

/** Fewer words than this in what Readability finds, and the page has no article (an index, a login page). */
export const MIN_ARTICLE_WORDS = 40;

export interface HtmlArticle {
  metadata: PageMetadata;
  /** The article as markdown, without its headline. */
  markdown: string;
}

export class NoArticleError extends Error {
  name = 'NoArticleError';
}

/** `base`: the page's address when it is known (a fetched page), for relative links in its metadata. */
export function readHtmlPage(html: string, base?: string): HtmlArticle {
  const { document } = parseHTML(html);
  const metadata = pageMetadata(document, base);
  removeFurniture(document);
  const found = new Readability(document, { charThreshold: 200 }).parse();
  const markdown = found?.content ? htmlToMarkdown(found.content) : '';
  const words = markdown.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  if (words < MIN_ARTICLE_WORDS) {
    throw new NoArticleError(words === 0 ? 'has no article text (only page furniture: menus, links, notices)' : `has no article: the longest text in it is ${words} words, under ${MIN_ARTICLE_WORDS}`);
  }
  return {
    metadata: { ...metadata, title: metadata.title ?? found?.title?.trim() ?? undefined, byline: metadata.byline ?? found?.byline?.trim() ?? undefined, publisher: metadata.publisher ?? found?.siteName ?? undefined },
    markdown: dropRepeatedHeadline(markdown, metadata.title ?? found?.title ?? ''),
  };
}

/** Furniture elements of the page leave before Readability looks: it keeps some that sit inside the article's container. */
function removeFurniture(document: Document): void {
  for (const el of [...document.querySelectorAll('*')]) {
    if (!el.isConnected) continue;
    if (isFurniture({ tag: el.localName, className: el.getAttribute('class'), id: el.getAttribute('id'), role: el.getAttribute('role'), hidden: el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' })) el.remove();
  }
}

/** The headline is front matter: a first heading that repeats it leaves the body. */
function dropRepeatedHeadline(markdown: string, title: string): string {
  const first = /^#{1,6} (.*)\n*/.exec(markdown);
  const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return first && title && words(first[1]!) === words(title) ? markdown.slice(first[0].length) : markdown;
}
