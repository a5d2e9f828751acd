// What a saved web page says about its article, in the order sites are most careful with: JSON-LD
// (schema.org NewsArticle and kin), then Open Graph and `article:` meta, then plain meta tags,
// `<time datetime>` and the canonical link. Read from the page as saved: nothing is fetched or run.

export interface PageMetadata {
  title?: string;
  /** YYYY-MM-DD as the page writes it (its own time zone), or undefined. */
  date?: string;
  byline?: string;
  /** The canonical address of the article. */
  source?: string;
  publisher?: string;
}

const ARTICLE_TYPES = /^(?:NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|PressRelease|Report|TechArticle|OpinionNewsArticle|LiveBlogPosting|WebPage)$/;

type Json = Record<string, unknown>;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The day of publication as the page or feed writes it (in its own time zone, not moved to UTC):
 * an ISO stamp, an RFC 822 date (RSS `pubDate`), else any date the JavaScript Date reads.
 */
export function dayOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  const iso = /^\s*(\d{4}-\d{2}-\d{2})(?:[T\s]|$)/.exec(value);
  if (iso) return iso[1];
  const rfc822 = /^\s*(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\b/.exec(value);
  const month = rfc822 ? MONTHS.indexOf(rfc822[2]!.toLowerCase()) : -1;
  if (rfc822 && month >= 0) return `${rfc822[3]}-${String(month + 1).padStart(2, '0')}-${rfc822[1]!.padStart(2, '0')}`;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return undefined;
  // a date without a zone ("June 8, 2026") is read as local midnight: its local day is the day written
  return `${parsed.getFullYear()}-${String(parsed.getMonth() + 1).padStart(2, '0')}-${String(parsed.getDate()).padStart(2, '0')}`;
}

/** Query parameters that track a click rather than name a page. */
const TRACKING = /^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|ref|src)$/i;

/** Only absolute http(s) addresses, without their fragment or tracking parameters. */
export function httpUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    const url = new URL(value.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
    return url.href;
  } catch {
    return undefined;
  }
}

/** "Jane Doe" from a name, a {name}, or a list of either; addresses (`article:author` is often one) are no names. */
function namesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(namesOf);
  // an organisation as author (a wire agency, "Staff") is no byline
  if (value && typeof value === 'object' && /Organization$/.test(String((value as Json)['@type'] ?? ''))) return [];
  const name = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as Json).name : undefined;
  if (typeof name !== 'string') return [];
  const clean = name.replace(/\s+/g, ' ').trim();
  return clean && !/^[a-z]+:\/\/|^www\.|@/i.test(clean) ? [clean] : [];
}

/** An organisation's (or anything's) name. */
function nameOf(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const name = typeof first === 'string' ? first : first && typeof first === 'object' ? (first as Json).name : undefined;
  return typeof name === 'string' && name.trim() ? name.replace(/\s+/g, ' ').trim() : undefined;
}

export function joinNames(names: string[]): string | undefined {
  const unique = [...new Set(names)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

function typesOf(node: Json): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** Every JSON-LD object of the page, @graph lists opened; a block that is not JSON is passed over. */
function jsonLdNodes(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Json);
      if ('@graph' in (v as Json)) visit((v as Json)['@graph']);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // a broken block says nothing
    }
  }
  return out;
}

function fromJsonLd(doc: Document, base?: string): PageMetadata {
  const nodes = jsonLdNodes(doc);
  // the article itself: a news type before a plain WebPage
  const articles = nodes.filter((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t)));
  const article = articles.find((n) => !typesOf(n).includes('WebPage')) ?? articles[0];
  if (!article) return {};
  const mainEntity = article.mainEntityOfPage;
  const url = typeof mainEntity === 'string' ? mainEntity : mainEntity && typeof mainEntity === 'object' ? (mainEntity as Json)['@id'] ?? (mainEntity as Json).url : undefined;
  const publisher = nameOf(article.publisher) ?? nameOf(nodes.find((n) => typesOf(n).includes('WebSite')));
  return {
    title: typeof article.headline === 'string' ? article.headline.trim() : typeof article.name === 'string' ? article.name.trim() : undefined,
    date: dayOf(article.datePublished) ?? dayOf(article.dateCreated),
    byline: joinNames(namesOf(article.author)),
    source: httpUrl(article.url, base) ?? httpUrl(url, base),
    publisher,
  };
}

function meta(doc: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

function fromMeta(doc: Document, base?: string): PageMetadata {
  const timeEl = doc.querySelector('article time[datetime], time[pubdate][datetime], time[datetime]');
  const authorLink = doc.querySelector('a[rel~="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]');
  return {
    title: meta(doc, 'og:title', 'twitter:title') ?? doc.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() ?? undefined,
    date: dayOf(meta(doc, 'article:published_time', 'og:article:published_time', 'datePublished', 'date', 'dc.date', 'DC.date.issued', 'pubdate', 'publish-date', 'sailthru.date', 'parsely-pub-date')) ?? dayOf(timeEl?.getAttribute('datetime')),
    byline: joinNames(namesOf(meta(doc, 'author', 'article:author', 'dc.creator', 'DC.creator', 'parsely-author', 'sailthru.author') ?? authorLink?.textContent ?? undefined)),
    source: httpUrl(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'), base) ?? httpUrl(meta(doc, 'og:url'), base),
    publisher: meta(doc, 'og:site_name', 'application-name', 'publisher'),
  };
}

/** The page's metadata: each field from the most careful place that has it. */
export function pageMetadata(doc: Document, base?: string): PageMetadata {
  const ld = fromJsonLd(doc, base);
  const tags = fromMeta(doc, base);
  // a canonical link names the page itself, where JSON-LD may name a parent or an AMP copy
  const canonical = httpUrl(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'), base);
  return {
    title: ld.title || tags.title,
    date: ld.date ?? tags.date,
    byline: ld.byline ?? tags.byline,
    source: canonical ?? ld.source ?? tags.source ?? httpUrl(base),
    publisher: ld.publisher ?? tags.publisher,
  };
}
