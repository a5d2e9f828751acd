// A saved web page → its article as markdown, with the page's metadata. linkedom builds the DOM
// (no scripts run, nothing is fetched: it is a tree, not a browser); furniture leaves the tree;
// Readability (Firefox's Reader View) finds the article in what remains.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { htmlToMarkdown } from './html-to-markdown.ts';
import { isFurniture, isNeverText, removeAsFurniture } from './page-furniture.ts';
import { pageMetadata, type PageMetadata } from './page-metadata.ts';
import { MAX_FILE_BYTES, MAX_HTML_ELEMENTS, MAX_HTML_NESTING } from './limits.ts';

/** Fewer words than this in what Readability finds, and the page has no article (an index, a login page). */
export const MIN_ARTICLE_WORDS = 40;

export interface HtmlArticle {
  metadata: PageMetadata;
  /** The article as markdown, without its headline. */
  markdown: string;
}

/** A page that gives no article: none found in it, or one too large or too deep to look at. */
export class PageError extends Error {
  name = 'PageError';
  constructor(
    message: string,
    readonly fix = 'save the page that shows the article itself (not an index, a search or a login page), or save its text as .md',
  ) {
    super(message);
  }
}

/** `base`: the page's address when it is known (a fetched page), for relative links in its metadata. */
export function readHtmlPage(html: string, base?: string): HtmlArticle {
  const { document } = parseHTML(html);
  const metadata = pageMetadata(document, base);
  removeFurniture(document);
  checkPageLimits(document);
  const found = new Readability(document, { charThreshold: 200, maxElemsToParse: MAX_HTML_ELEMENTS }).parse();
  const markdown = found?.content ? htmlToMarkdown(found.content) : '';
  const words = markdown.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  if (words < MIN_ARTICLE_WORDS) {
    throw new PageError(words === 0 ? 'has no article text (only page furniture: menus, links, notices)' : `has no article: the longest text in it is ${words} words, under ${MIN_ARTICLE_WORDS}`);
  }
  return {
    metadata: { ...metadata, title: metadata.title ?? found?.title?.trim() ?? undefined, byline: metadata.byline ?? found?.byline?.trim() ?? undefined, publisher: metadata.publisher ?? found?.siteName ?? undefined },
    markdown: dropLeadingLabels(dropRepeatedHeadline(markdown, metadata.title ?? found?.title ?? '')),
  };
}

/** Limits that keep one hostile page from stalling the build (see limits.ts). */
function checkPageLimits(document: Document): void {
  let elements = 0;
  let deepest = 0;
  const stack: [Element, number][] = document.documentElement ? [[document.documentElement, 1]] : [];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    elements++;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_HTML_NESTING) throw new PageError(`nests HTML elements more than ${MAX_HTML_NESTING} levels deep`, 'save the article text as .md instead');
    for (const child of el.children) stack.push([child, depth + 1]);
  }
  if (elements > MAX_HTML_ELEMENTS) throw new PageError(`has ${elements} HTML elements, over the limit of ${MAX_HTML_ELEMENTS}`, 'save the article text as .md instead');
  const text = document.body?.textContent?.length ?? 0;
  if (text > MAX_FILE_BYTES) throw new PageError(`holds ${(text / 1024 / 1024).toFixed(1)} MB of text, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit for one article`, 'split it into articles, or save the article text as .md');
}

/** Furniture elements of the page leave before Readability looks: it keeps some that sit inside the article's container. */
function removeFurniture(document: Document): void {
  const all = [...document.querySelectorAll('*')];
  for (const el of all) if (isNeverText(el.localName)) el.remove();
  const pageText = document.body?.textContent?.length ?? 0;
  for (const el of all) {
    if (!el.isConnected) continue;
    const facts = { tag: el.localName, className: el.getAttribute('class'), id: el.getAttribute('id'), role: el.getAttribute('role'), hidden: el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' };
    if (isFurniture(facts) && removeAsFurniture(el.textContent?.length ?? 0, pageText)) el.remove();
  }
}

/** Words at most in a label over an article ("News Release", "Exclusive", a section name, a date). */
const LABEL_WORDS = 4;

/**
 * Short lines before the article's first sentence are the page's labels (kicker, section, date),
 * not its text; a wire dateline on a line of its own ("SYDNEY (Reuters) -") ends with a dash and stays.
 */
function dropLeadingLabels(markdown: string): string {
  const blocks = markdown.split(/\n{2,}/);
  let i = 0;
  while (i < blocks.length - 1 && !blocks[i]!.startsWith('#') && blocks[i]!.trim().split(/\s+/).length <= LABEL_WORDS && !/[.!?:"”\-–—]$/.test(blocks[i]!.trim())) i++;
  return blocks.slice(i).join('\n\n');
}

/** The headline is front matter: a first heading that repeats it leaves the body. */
function dropRepeatedHeadline(markdown: string, title: string): string {
  const first = /^#{1,6} (.*)\n*/.exec(markdown);
  const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return first && title && words(first[1]!) === words(title) ? markdown.slice(first[0].length) : markdown;
}
