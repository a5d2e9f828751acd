// A saved web page (.html, .htm) → a VFile like a markdown article with front matter: the article
// Readability finds, as markdown, under front matter taken from the page's metadata. Loaded only
// when the seeds hold a page (see readArticleFile).
import type { VFile } from 'vfile';
import { PageError, readHtmlPage, type HtmlArticle } from './html-page.ts';
import { articleFromPrepared, decodeText, definedFields, digestOf, ReadError } from './prepared-article.ts';

/** `<meta charset>` or `<meta http-equiv="content-type" content="…; charset=…">`, in the page's first bytes. */
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i;

/**
 * A page's text: UTF-8 when its bytes are UTF-8, else the charset the server (`charset`) or the page
 * itself declares (Shift_JIS, GB18030, ISO-8859-2…), else Windows-1252 with a warning, as for text files.
 */
export function decodePage(bytes: Uint8Array, relPath: string, charset?: string): { text: string; encodingWarning: boolean } {
  const decoded = decodeText(bytes, relPath);
  if (!decoded.encodingWarning) return decoded;
  const label = charset ?? META_CHARSET.exec(Buffer.from(bytes.subarray(0, 4096)).toString('latin1'))?.[1];
  if (label) {
    try {
      return { text: new TextDecoder(label).decode(bytes), encodingWarning: false };
    } catch {
      // a label no decoder knows: read as Windows-1252
    }
  }
  return decoded;
}

export function articleFromPage(bytes: Uint8Array, relPath: string, absPath: string = relPath, mtime: Date = new Date(0)): VFile {
  const { text, encodingWarning } = decodePage(bytes, relPath);
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
