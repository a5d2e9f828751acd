// A saved web page (.html, .htm) → a VFile like a markdown article with front matter: the article
// Readability finds, as markdown, under front matter taken from the page's metadata. Loaded only
// when the seeds hold a page (see readArticleFile).
import type { VFile } from 'vfile';
import { PageError, readHtmlPage, type HtmlArticle } from './html-page.ts';
import { articleFromPrepared, decodeText, definedFields, digestOf, ReadError } from './read-article.ts';

export function articleFromPage(bytes: Uint8Array, relPath: string, absPath: string = relPath, mtime: Date = new Date(0)): VFile {
  const { text, encodingWarning } = decodeText(bytes, relPath);
  let page: HtmlArticle;
  try {
    page = readHtmlPage(text);
  } catch (error) {
    if (error instanceof PageError) throw new ReadError(relPath, error.message, error.fix);
    throw error;
  }
  const frontMatter = definedFields({ ...page.metadata });
  return articleFromPrepared({ relPath, frontMatter, body: page.markdown, bodyLine: 1, digest: digestOf(bytes), mtime: mtime.toISOString(), encodingWarning }, absPath);
}
