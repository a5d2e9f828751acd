// Fetches one web page for `add`: http(s) only, at most 5 redirects, 10 seconds for the whole
// answer, 5 MB, and an HTML content type. Each way it can fail is one FetchError with a plain reason.
import { decodePage } from '../read/read-page.ts';
import { ReadError } from '../read/read-article.ts';

export interface FetchLimits {
  maxRedirects: number;
  timeoutMs: number;
  maxBytes: number;
}

export const FETCH_LIMITS: FetchLimits = { maxRedirects: 5, timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024 };

export class FetchError extends Error {
  name = 'FetchError';
}

export interface FetchedPage {
  /** Where the page was found, after redirects. */
  url: string;
  html: string;
}

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;

export async function fetchPage(address: string, limits: FetchLimits = FETCH_LIMITS): Promise<FetchedPage> {
  let url = parseHttpUrl(address);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(url, { redirect: 'manual', signal, headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1', 'user-agent': 'metals-news-digest (add)' } });
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel();
        if (redirects >= limits.maxRedirects) throw new FetchError(`redirected more than ${limits.maxRedirects} times`);
        url = parseHttpUrl(new URL(response.headers.get('location')!, url).href, 'redirected to');
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchError(`answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
      }
      const type = response.headers.get('content-type') ?? '';
      if (!HTML_TYPES.test(type)) {
        await response.body?.cancel();
        throw new FetchError(`is ${type.split(';')[0]!.trim() || 'of no stated type'}, not an HTML page`);
      }
      const bytes = await readLimited(response, limits.maxBytes);
      return { url: url.href, html: decodeHtml(bytes, type, url.href) };
    }
  } catch (error) {
    if (error instanceof FetchError) throw error;
    if (signal.aborted) throw new FetchError(`did not answer in full within ${limits.timeoutMs / 1000} s`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchError(`could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message})`);
  }
}

function parseHttpUrl(address: string, what = 'is'): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FetchError(`${what} not an address (give a full http:// or https:// URL)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`${what} a ${url.protocol} address; only http:// and https:// pages are fetched`);
  return url;
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new FetchError(`is larger than ${maxBytes / 1024 / 1024} MB`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The charset the server names, else as a saved page is read (decodePage). */
function decodeHtml(bytes: Uint8Array, contentType: string, url: string): string {
  const charset = /charset=["']?([\w:.-]+)/i.exec(contentType)?.[1];
  try {
    return decodePage(bytes, url, charset && !/^utf-?8$/i.test(charset) ? charset : undefined).text;
  } catch (error) {
    if (error instanceof ReadError) throw new FetchError(error.reason);
    throw error;
  }
}
