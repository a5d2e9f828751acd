// Every page of the site, one at a time: a generator of page slots (a path, and how to render it)
// so pages are written as they are made, a build can share them between threads, and the whole
// site is never one string in memory.
import crypto from 'node:crypto';
import { ENTITY_KINDS, type SiteData } from '../link/link.ts';
import { absoluteUrl, TemplateSet, type SiteUrls } from './templates.ts';
import { pageKey, renderVersion } from './page-key.ts';
import { dateRange, rangeLabel } from './dates.ts';
import {
  SiteIndex,
  KIND_LABELS,
  ENTITY_CUT,
  HOME_CUT,
  articleListPages,
  articleModel,
  companyModel,
  entityIndexModel,
  entityIndexPages,
  nameOrder,
  type NameOrder,
  homeModel,
  personModel,
  termModel,
  type EntityKind,
  type RecordBodies,
} from './page-models.ts';
import { FIGURES_CUT, TIMELINE_CUT, FigureOffsets, figuresKeyData, figuresModel, figuresPages, timelineKeyData, timelineModel, timelinePageName, timelinePages, TimelinePoints, timelineYears, type KeptTimeline, type TimelineYear } from './collections.ts';
import { pagesByPath, scaledCut, type CutRule, type ListPage, type PageOfList } from './list-pages.ts';
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from '../build-options.ts';
import { BoundedMemo } from '../memo.ts';
import { articleSearchRecord, entitySearchRecord, searchRecordOf, type EntitySearchData, type SearchRecord, type SearchSite } from './search-records.ts';
import { fnv1a, fnv1aOn } from '../fnv1a.ts';

export interface RenderOptions extends SiteUrls {
  templatesDir: string;
  /** Templates used over the built-in ones of the same name (the settings' `templates`). */
  userTemplatesDir?: string | null;
  title: string;
  description: string;
  /** The pages' `lang` ("en" when not given). */
  language?: string;
  /** The header's links (the built-in sections when not given). */
  navigation?: { label: string; path: string }[];
  /** The fewest items on a page of each cut list (the built-in sizes when not given). */
  pageSizes?: SiteSettings['pageSizes'];
  /** URLs of the bundled CSS and JS (from Vite's manifest, or the dev server's module URLs). */
  assets: { css: string[]; js: string[]; searchJs?: string };
  /** Content-Security-Policy of every page. */
  csp: string;
  /** Build date (YYYY-MM-DD), shown in the footer. */
  built: string;
  /** Digest of the stages that made the records (an extractor change re-renders every article). */
  dataVersion?: string;
  /** Incremental builds: whether the page last written at this site path had this input key. */
  unchanged?: (pagePath: string, key: string) => boolean;
  /**
   * A first build keys only the pages every later build looks at (the latest page of the digest,
   * of the figures and of the timeline, the entity indexes, search, 404); the rest are NOT_KEYED
   * and keyed once a change reaches them. Keying every page was 1.2 s of CPU in a cold build of
   * 4,000 articles.
   */
  firstBuild?: boolean;
}

/** A page whose previous output is still right (same inputs): the build links the old file. */
export const REUSED: unique symbol = Symbol('reused');
/** A page whose inputs changed, while the renderer only sorts pages (keysOnly): it is rendered later. */
export const STALE: unique symbol = Symbol('stale');
/** What rendering a page gives: its HTML, or, in a build that compares pages with the last one's, REUSED or STALE. */
export type Rendered = string | typeof REUSED | typeof STALE;

/** A page as a build's slot renders it. */
export interface RenderedPage {
  /** Output path relative to the site root, e.g. "companies/x/index.html". */
  path: string;
  html: Rendered;
}

/** A page with its HTML (the dev server's, and any renderer's that does not compare pages). */
export interface Page extends RenderedPage {
  html: string;
}

/** The HTML of a page rendered by a renderer that does not compare pages (no `unchanged`): it has no other outcome. */
export function htmlOf(page: Rendered): string {
  if (typeof page !== 'string') throw new Error('render: a page compared with the last build has no HTML here');
  return page;
}

/** The section a header link marks current: the first folder of its path ("digest" for the home page). */
const sectionOf = (sitePath: string) => sitePath.split('/')[0] || 'digest';

/**
 * A page whose output path is known before it is rendered: a build can share the pages out
 * between threads, and the dev server renders only the one asked for.
 */
export interface PageSlot {
  path: string;
  render: () => Rendered;
}

const slot = (path: string, render: () => Rendered): PageSlot => ({ path, render });

/**
 * Pages of lists over the whole site (the digest, figures, timeline, the A–Z indexes, search, 404):
 * any article can move them, so a build looks at them every time.
 */
export function isSiteListPage(pagePath: string): boolean {
  return pagePath === '' || pagePath === 'search/' || pagePath === '404.html' || /^(?:page|figures|timeline)\//.test(pagePath) || /^(?:companies|people|metals|topics)\/(?:page\/.*)?$/.test(pagePath);
}

/** The site path of a page's file: `articles/x/index.html` → `articles/x/`, `404.html` as it is. */
/**
 * Two 32-bit FNV-1a hashes of each id, one after the other: a list page's shape is made of them
 * (listShape). Two unchanged articles' ids would have to agree in 64 bits for a page that changed
 * to keep its shape.
 */
export function idCodes(ids: readonly string[]): Int32Array {
  const codes = new Int32Array(2 * ids.length);
  ids.forEach((id, i) => {
    codes[2 * i] = fnv1a(id);
    codes[2 * i + 1] = fnv1aOn(ID_CODE_SEED, id);
  });
  return codes;
}

/** Where the second hash of idCodes starts (any start but FNV-1a's own). */
const ID_CODE_SEED = 0x9e3779b9;
const NO_CODES = new Int32Array(0);

export const sitePathOf = (file: string) => (file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file);

/** The folder of the entity a page belongs to (`companies/x/` for `companies/x/page/…/`), or null. */
export function entityFolderOf(pagePath: string): string | null {
  return /^(?:companies|people|metals|topics)\/[^/]+\//.exec(pagePath)?.[0] ?? null;
}

/** Breadcrumbs of a list's page: the list, then an older page's name (the span of its dates). */
function crumbs(list: { label: string; path: string }, name: string | null, pagePath: string): { label: string; path: string }[] {
  return name === null ? [list] : [list, { label: name, path: pagePath }];
}

/** A list's pages, and each one's place by its path. */
interface CutPages {
  pages: ListPage[];
  byPath: Map<string, number>;
}

const cutPages = (pages: ListPage[]): CutPages => ({ pages, byPath: pagesByPath(pages) });

/**
 * The entities' lists of more than one page as a build cut them, for the next (SiteRenderer
 * lastEntityCuts): each list's base path (`companies/x/`) NUL-joined, its count of pages, each
 * page's end in the list, and each page's path NUL-joined, the lists one after another.
 */
export interface KeptEntityCuts {
  bases: string;
  counts: Uint32Array;
  ends: Uint32Array;
  paths: string;
}

function keptEntityCuts(cuts: ReadonlyMap<string, readonly ListPage[]>): KeptEntityCuts {
  const lists = [...cuts.values()];
  return {
    bases: [...cuts.keys()].join('\0'),
    counts: Uint32Array.from(lists, (pages) => pages.length),
    ends: Uint32Array.from(lists.flat(), (page) => page.to),
    paths: lists.flatMap((pages) => pages.map((page) => page.path)).join('\0'),
  };
}

/** The cuts keptEntityCuts packed, by base path; null when they do not add up (then every list is cut anew). */
export function entityCutsOf(kept: KeptEntityCuts): Map<string, ListPage[]> | null {
  const cuts = new Map<string, ListPage[]>();
  if (!kept.bases) return cuts;
  const bases = kept.bases.split('\0');
  const paths = kept.paths.split('\0');
  if (bases.length !== kept.counts.length || paths.length !== kept.ends.length) return null;
  let at = 0;
  for (let e = 0; e < bases.length; e++) {
    const pages: ListPage[] = [];
    for (let k = 0, from = 0; k < kept.counts[e]!; k++, at++) {
      if (at >= kept.ends.length) return null;
      pages.push({ from, to: kept.ends[at]!, path: paths[at]! });
      from = kept.ends[at]!;
    }
    cuts.set(bases[e]!, pages);
  }
  return at === kept.ends.length ? cuts : null;
}

/** The page of a list at a site path, or null when the list has none there. */
function pageOfPath({ pages, byPath }: CutPages, pagePath: string): PageOfList | null {
  const at = byPath.get(pagePath);
  return at === undefined ? null : { pages, at };
}

/** "14 March 2025 to 2 April 2025" with a capital for a heading: "Undated articles". */
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export class SiteRenderer {
  readonly index: SiteIndex;
  private templates: TemplateSet;
  /** The digest of the templates, render code and options: every page's key starts with it. */
  readonly renderVersion: string;
  private siteGlobals: object;
  /** Where the digest, entity pages, figures and timeline are cut into pages (list-pages.ts). */
  private readonly cuts: Record<'digest' | 'entity' | 'figures' | 'timeline', CutRule>;

  constructor(
    readonly site: SiteData,
    readonly options: RenderOptions,
    recordBodies?: RecordBodies,
  ) {
    this.index = new SiteIndex(site, recordBodies);
    this.templates = new TemplateSet([options.userTemplatesDir, options.templatesDir], options, {
      articleCard: (card, level) => {
        const heading = typeof level === 'number' ? level : 3;
        return this.templates.fragment('partials/article-card', `${card.id} ${heading}`, () => ({ a: card, level: heading }));
      },
      // the header differs between pages only by the section marked current
      siteHeader: (section) => this.templates.fragment('partials/site-header', String(section ?? ''), () => ({ section, site: this.siteGlobals })),
    });
    this.renderVersion = renderVersion(options);
    const sizes = options.pageSizes ?? DEFAULT_SITE_SETTINGS.pageSizes;
    this.cuts = {
      digest: scaledCut(HOME_CUT, sizes.digest),
      entity: scaledCut(ENTITY_CUT, sizes.entity),
      figures: scaledCut(FIGURES_CUT, sizes.figures),
      timeline: scaledCut(TIMELINE_CUT, sizes.timeline),
    };
    this.siteGlobals = {
      title: options.title,
      description: options.description,
      assets: options.assets,
      csp: options.csp,
      // canonical and og:url must be absolute: without --site-url there is no address to give
      absolute: !!options.siteUrl,
      language: options.language ?? DEFAULT_SITE_SETTINGS.language,
      nav: (options.navigation ?? DEFAULT_SITE_SETTINGS.navigation).map((item) => ({ ...item, section: sectionOf(item.path) })),
    };
    this.searchSite = { language: options.language ?? DEFAULT_SITE_SETTINGS.language, title: options.title };
  }

  /** Input keys of the pages rendered (or reused) so far: site path → key. */
  readonly pageKeys = new Map<string, string>();

  /** The related articles of each article page modelled so far (relatedIdsOf): the next build compares them. */
  readonly relatedIds = new Map<string, string>();
  /** The shape (listShape) of each older list page this renderer has looked at. */
  readonly listShapes = new Map<string, string>();

  /**
   * Only work out keys: a page whose inputs changed comes back as STALE instead of rendered, so
   * the build can count the pages to render before it shares them out between threads.
   */
  keysOnly = false;

  /**
   * The key a page had last time, when the build knows its inputs did not change (see
   * page-dependencies.ts): the page is then neither modelled nor keyed again. Undefined: look.
   */
  kept: ((pagePath: string) => string | undefined) | null = null;

  /**
   * The order the article pages come in, as places in the site's articles, when not the site's
   * own: a first build of a site whose articles make several search shards writes them shard by
   * shard (search-shards.ts articleShardOrder). The pages after them come as ever.
   */
  articleOrder: readonly number[] | null = null;

  /**
   * Renders one page's template inside the layout, or returns REUSED when the build says the
   * page it wrote last time had the same inputs (same template set, same data), STALE while only
   * sorting pages. `data` may be a function that makes it, called only when the page is rendered.
   * `keyData` makes what the key is worked out from, when part of the data follows from something
   * else in it; without it, the data is made and hashed. A page not `keyed` gets none (firstBuild).
   */
  page(template: string, pagePath: string, data: Record<string, unknown> | (() => Record<string, unknown>), keyData?: () => object, keyed = true): Rendered {
    let made = typeof data === 'function' ? null : data;
    const model = () => (made ??= (data as () => Record<string, unknown>)());
    if (this.options.unchanged && keyed) {
      const key = pageKey(this.renderVersion, template, pagePath, keyData ? keyData() : model());
      this.pageKeys.set(pagePath, key);
      if (this.options.unchanged(pagePath, key)) return REUSED;
      if (this.keysOnly) return STALE;
    }
    data = model();
    const content = this.templates.render(template, { ...data, site: this.siteGlobals });
    return this.templates.render('layout', { ...data, content, page_path: pagePath, site: this.siteGlobals });
  }

  /** Every page of the site, in a fixed order, not yet rendered. */
  *slots(): Generator<PageSlot> {
    for (const s of this.everySlot()) yield this.kept ? this.keepable(s) : s;
  }

  /** A slot that gives back REUSED, with last time's key, for a page the build says is unchanged. */
  private keepable(s: PageSlot): PageSlot {
    const pagePath = sitePathOf(s.path);
    return {
      path: s.path,
      render: () => {
        const key = this.kept?.(pagePath);
        if (key === undefined) return s.render();
        this.pageKeys.set(pagePath, key);
        return REUSED;
      },
    };
  }

  private *everySlot(): Generator<PageSlot> {
    yield* this.homeSlots();
    const { articles } = this.site;
    for (let i = 0; i < articles.length; i++) {
      const a = articles[this.articleOrder ? this.articleOrder[i]! : i]!;
      yield slot(`${a.url}index.html`, () => this.articlePage(a.id).html);
    }
    for (const kind of ENTITY_KINDS) {
      yield* this.entityIndexSlots(kind);
      for (const e of this.site[kind]) yield* this.entitySlots(kind, e.id);
    }
    yield* this.figuresSlots();
    yield* this.timelineSlots();
    yield slot('search/index.html', () => this.searchPage().html);
    yield slot('404.html', () => this.notFoundPage().html);
  }

  /**
   * An older page of the digest, of an entity's list, of the timeline or of the figures: its
   * articles, in order (on the timeline, each point's date and place in its article; on the
   * figures, which of each article's figures), and the pages it links to (`shape`), which with its
   * articles' cards, points and figures are all it shows; `codes`, each article's two hashes
   * (idCodes), by which a caller can tell whether an article it names is on the page. Null for
   * any other page. Every build looks at every older page of the site's lists (at 100,000
   * articles, 1.5 million timeline points on 7,500 pages): the articles go in as numbers, not as
   * a string of their ids (1.0 s of a one-added rebuild at 100,000).
   */
  listShape(pagePath: string): { shape: string; codes: Int32Array } | null {
    let codes: Int32Array;
    let page: PageOfList | null;
    // per article or point, what besides its id the page shows of it
    let numbers: Int32Array | null = null;
    let headings = '';
    if (pagePath.startsWith('timeline/')) {
      const { refs, years } = this.timeline;
      page = pageOfPath(this.timeline, pagePath);
      codes = NO_CODES;
      if (page && page.at > 0) {
        const { from, to } = page.pages[page.at]!;
        const digestCodes = this.digestCodes;
        codes = new Int32Array(2 * (to - from));
        numbers = new Int32Array(2 * (to - from));
        for (let i = from, n = 0; i < to; i++, n += 2) {
          const at = 2 * refs.article(i);
          codes[n] = digestCodes[at]!;
          codes[n + 1] = digestCodes[at + 1]!;
          numbers[n] = refs.keyCode(i);
          numbers[n + 1] = refs.date(i);
        }
        // the years whose first point is on it: its headings
        headings = years.filter((y) => y.path === pagePath).map((y) => y.year).join();
      }
    } else if (pagePath.startsWith('page/')) {
      page = pageOfPath(this.homePages, pagePath);
      codes = page ? this.digestCodes.slice(2 * page.pages[page.at]!.from, 2 * page.pages[page.at]!.to) : NO_CODES;
    } else if (pagePath.startsWith('figures/')) {
      // each article with figures on it, and which of its figures
      page = pageOfPath(this.figurePages, pagePath);
      codes = NO_CODES;
      if (page && page.at > 0) {
        const { from, to } = page.pages[page.at]!;
        const { starts } = this.figureOffsets;
        const digestCodes = this.digestCodes;
        const shown: number[] = [];
        const articles: number[] = [];
        for (let ai = from < to ? this.figureOffsets.articleOf(from) : starts.length; ai < starts.length && starts[ai]! < to; ai++) {
          const a = this.index.digest[ai]!;
          const first = Math.max(from, starts[ai]!) - starts[ai]!;
          const end = Math.min(to, starts[ai]! + a.figureCompanies.length) - starts[ai]!;
          if (first >= end) continue;
          articles.push(digestCodes[2 * ai]!, digestCodes[2 * ai + 1]!);
          shown.push(first, end);
        }
        codes = Int32Array.from(articles);
        numbers = Int32Array.from(shown);
      }
    } else {
      const folder = entityFolderOf(pagePath);
      if (!folder || folder === pagePath) return null;
      const [kind, id] = folder.split('/') as [EntityKind, string];
      page = pageOfPath(this.entityPages(kind, id), pagePath);
      codes = NO_CODES;
      if (page) {
        // each article's codes by its place in the site (made once), not hashed again a page
        const places = this.index.placesOf(this.entityById(kind, id)).subarray(page.pages[page.at]!.from, page.pages[page.at]!.to);
        const siteCodes = this.siteCodes;
        codes = new Int32Array(2 * places.length);
        for (let i = 0; i < places.length; i++) {
          codes[2 * i] = siteCodes[2 * places[i]!]!;
          codes[2 * i + 1] = siteCodes[2 * places[i]! + 1]!;
        }
      }
    }
    if (!page || page.at === 0) return null;
    const { pages, at } = page;
    const hash = crypto.createHash('sha256').update(codes).update('\0');
    if (numbers) hash.update(numbers);
    const shape = hash.update(`\0${headings}\0${pages[at - 1]!.path}\0${pages[at + 1]?.path ?? ''}\0${pages[0]!.path}`).digest('base64url');
    this.listShapes.set(pagePath, shape);
    return { shape, codes };
  }

  /** The ids of the articles on an older page of an entity's list, as its shape has them; null for any other page. */
  entityPageArticles(pagePath: string): readonly string[] | null {
    const folder = entityFolderOf(pagePath);
    if (!folder || folder === pagePath) return null;
    const [kind, id] = folder.split('/') as [EntityKind, string];
    const page = pageOfPath(this.entityPages(kind, id), pagePath);
    if (!page || page.at === 0) return null;
    const { from, to } = page.pages[page.at]!;
    return this.entityById(kind, id).articles.slice(from, to);
  }

  private digestCodesCache: Int32Array | null = null;
  private siteCodesCache: Int32Array | null = null;

  /** idCodes of the site's articles, by place (the digest's when it is every article). */
  private get siteCodes(): Int32Array {
    if (this.index.digest === this.site.articles) return this.digestCodes;
    return (this.siteCodesCache ??= idCodes(this.site.articles.map((a) => a.id)));
  }

  /** idCodes of the digest's articles, in its order (made once: 100,000 ids in about 10 ms). */
  private get digestCodes(): Int32Array {
    return (this.digestCodesCache ??= idCodes(this.index.digest.map((a) => a.id)));
  }

  notFoundPage(): RenderedPage {
    return { path: '404.html', html: this.page('404', '404.html', { page_title: 'Page not found', section: null }) };
  }

  private figureOffsetsCache: FigureOffsets | null = null;
  private figurePagesCache: CutPages | null = null;
  private homePagesCache: CutPages | null = null;
  /** Pages of the entities asked for lately, by `kind/id/`: a page's slot, its model and its list's shape ask in turn (900 of 1,200 asks answered in a cold build's thread at 4,000 articles). */
  private readonly entityPagesCache = new BoundedMemo<string, CutPages>(1000);
  private timelineCache: (CutPages & { refs: TimelinePoints; years: TimelineYear[] }) | null = null;

  /** Built once per renderer (one pass over the articles), shared by every figures page. */
  private get figureOffsets(): FigureOffsets {
    return (this.figureOffsetsCache ??= new FigureOffsets(this.index.digest));
  }

  private get figurePages(): CutPages {
    return (this.figurePagesCache ??= cutPages(figuresPages(this.index.digest, this.figureOffsets, this.cuts.figures)));
  }

  private get homePages(): CutPages {
    const articles = this.index.digest;
    return (this.homePagesCache ??= cutPages(articleListPages(this.index, { length: articles.length, at: (i) => articles[i]!.id }, '', this.cuts.digest, '')));
  }

  /**
   * The last build's cuts of the entities' lists, and the entities a change reached since
   * (page-dependencies.ts): a list no change reached holds the articles it held, in their order,
   * and is cut where it was, without hashing its articles again (775,000 at 100,000 articles). Set
   * by a build that knows what changed.
   */
  lastEntityCuts: { cuts: ReadonlyMap<string, readonly ListPage[]>; reached: ReadonlySet<string> } | null = null;
  /** The lists of more than one page cut so far, for the next build (keptEntityCuts). */
  private readonly entityCutsMade = new Map<string, readonly ListPage[]>();

  /** The entities' cuts as the next build takes them back (lastEntityCuts): every entity's list is cut while the slots are made. */
  keptEntityCuts(): KeptEntityCuts {
    return keptEntityCuts(this.entityCutsMade);
  }

  private entityPages(kind: EntityKind, id: string): CutPages {
    return this.entityPagesCache.get(`${kind}/${id}/`, (base) => {
      const ids = this.entityById(kind, id).articles;
      const last = this.lastEntityCuts;
      const kept = last && !last.reached.has(base) ? last.cuts.get(base) : undefined;
      const pages = kept && kept.at(-1)!.to === ids.length ? [...kept] : articleListPages(this.index, { length: ids.length, at: (i) => ids[i]! }, base, this.cuts.entity, base);
      if (pages.length > 1) this.entityCutsMade.set(base, pages);
      return cutPages(pages);
    });
  }

  /**
   * The last build's timeline points and the articles changed since (page-dependencies.ts): the
   * points are patched, not made again (a build that knows what changed sets it).
   */
  lastTimeline: { points: KeptTimeline; changed: ReadonlySet<string> } | null = null;

  /** The timeline's points as the next build takes them back (TimelinePoints.patched). */
  keptTimeline(): KeptTimeline {
    return this.timeline.refs.kept(this.index.digest);
  }

  private get timeline() {
    if (!this.timelineCache) {
      const last = this.lastTimeline;
      const refs = (last && TimelinePoints.patched(last.points, this.index.digest, last.changed)) ?? TimelinePoints.of(this.index.digest);
      const pages = timelinePages(refs, this.cuts.timeline);
      this.timelineCache = { refs, years: timelineYears(refs, pages), ...cutPages(pages) };
    }
    return this.timelineCache;
  }

  /** The figures page at a site path (`figures/`, `figures/page/2025-03-14-9f2c01ab/`), or null when there is none. */
  figuresPage(pagePath: string): RenderedPage | null {
    const page = pageOfPath(this.figurePages, pagePath);
    if (!page) return null;
    if (page.at > 0) this.listShape(pagePath);
    const data = () => {
      const model = figuresModel(this.index, this.figureOffsets, page);
      const name = page.at === 0 ? null : rangeLabel(model.range);
      return {
        ...model,
        name,
        section: 'figures',
        page_title: name === null ? 'Figures' : `Figures · ${name}`,
        page_description: model.total === null ? 'Figures of older articles, with their units, companies and source sentences.' : `Every figure of every article: ${model.total} values with their units, companies and source sentences.`,
        breadcrumbs: crumbs({ label: 'Figures', path: 'figures/' }, name && capitalised(name), pagePath),
      };
    };
    // with no extractor version to vouch for the records, the key is made from the whole model
    const keyData = this.options.dataVersion ? () => figuresKeyData(this.index, this.figureOffsets, page) : undefined;
    return { path: `${pagePath}index.html`, html: this.page('figures', pagePath, data, keyData, !this.options.firstBuild || page.at === 0) };
  }

  *figuresSlots(): Generator<PageSlot> {
    for (const { path: pagePath } of this.figurePages.pages) yield slot(`${pagePath}index.html`, () => this.figuresPage(pagePath)!.html);
  }

  /** The timeline page at a site path (`timeline/`, `timeline/2025-03-14-9f2c01ab/`), or null when there is none. */
  timelinePage(pagePath: string): RenderedPage | null {
    const { refs, pages, years } = this.timeline;
    const page = pageOfPath(this.timeline, pagePath);
    if (!page) return null;
    const { at } = page;
    const name = at === 0 ? null : timelinePageName(refs, pages, at);
    if (at > 0) this.listShape(pagePath);
    const around = {
      section: 'timeline',
      page_title: name ? `Timeline · ${name}` : 'Timeline',
      page_description: 'Dated events, plans and targets from every article, on one axis.',
      breadcrumbs: crumbs({ label: 'Timeline', path: 'timeline/' }, name, pagePath),
    };
    // with no extractor version to vouch for the records, the key is made from the whole model
    const keyData = this.options.dataVersion ? () => ({ ...timelineKeyData(this.index, refs, years, pages, at), ...around }) : undefined;
    return { path: `${pagePath}index.html`, html: this.page('timeline', pagePath, () => ({ ...timelineModel(this.index, refs, years, pages, at), ...around }), keyData, !this.options.firstBuild || at === 0) };
  }

  *timelineSlots(): Generator<PageSlot> {
    for (const { path: pagePath } of this.timeline.pages) yield slot(`${pagePath}index.html`, () => this.timelinePage(pagePath)!.html);
  }

  searchPage(): RenderedPage {
    return { path: 'search/index.html', html: this.page('search', 'search/', { page_title: 'Search', section: 'search', search_page: true, breadcrumbs: [{ label: 'Search', path: 'search/' }] }) };
  }

  /** The digest's pages: the latest at the site's root, older ones at `page/<date>-<hash>/`. */
  *homeSlots(): Generator<PageSlot> {
    for (const { path: pagePath } of this.homePages.pages) yield slot(`${pagePath}index.html`, () => this.homePage(pagePath)!.html);
  }

  /** The digest's page at a site path (`` for the latest), or null when there is none. */
  homePage(pagePath: string): RenderedPage | null {
    const page = pageOfPath(this.homePages, pagePath);
    if (!page) return null;
    const model = homeModel(this.index, page);
    const name = page.at === 0 ? null : capitalised(rangeLabel(model.range));
    if (page.at > 0) this.listShape(pagePath);
    return {
      path: `${pagePath}index.html`,
      html: this.page('home', pagePath, { ...model, name, section: 'digest', page_title: name, json_ld: page.at === 0 ? this.websiteJsonLd() : null, breadcrumbs: name === null ? [] : [{ label: name, path: pagePath }] }, undefined, !this.options.firstBuild || page.at === 0),
    };
  }

  /** The site as a schema.org WebSite whose search takes `?q=` (absolute URLs, so only with --site-url). */
  private websiteJsonLd(): object | null {
    if (!this.options.siteUrl) return null;
    return {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: this.options.title,
      description: this.options.description,
      url: absoluteUrl(this.options, ''),
      potentialAction: { '@type': 'SearchAction', target: `${absoluteUrl(this.options, 'search/')}?q={search_term_string}`, 'query-input': 'required name=search_term_string' },
    };
  }

  articlePage(id: string): RenderedPage {
    const a = this.index.articleById.get(id)!;
    const model = articleModel(this.index, a, this.options.base);
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: a.title,
      url: absoluteUrl(this.options, a.url),
      mainEntityOfPage: absoluteUrl(this.options, a.url),
      ...(a.summary ? { description: a.summary } : {}),
      ...(a.date ? { datePublished: a.date } : {}),
      ...(a.byline ? { author: { '@type': 'Person', name: a.byline } } : {}),
      ...(a.sourceUrl ? { isBasedOn: a.sourceUrl } : {}),
      about: model.companies.map((c) => ({ '@type': 'Organization', name: c.canonical, url: absoluteUrl(this.options, c.url) })),
      mentions: model.people.map((p) => ({ '@type': 'Person', name: p.name, url: absoluteUrl(this.options, p.url) })),
      ...(a.metals.length || a.topics.length ? { keywords: [...a.metals.map((m) => m.name), ...a.topics.map((t) => t.name)].join(', ') } : {}),
    };
    const data = {
      ...model,
      section: null,
      page_title: a.title,
      page_description: a.summary,
      og_type: 'article',
      published: a.date,
      json_ld: jsonLd,
      breadcrumbs: [{ label: a.title, path: a.url }],
      // the body follows from the source file: an edit that changes no extracted fact still changes the page
      source_digest: a.record.source.digest,
    };
    this.relatedIds.set(a.id, relatedIdsOf(model.related));
    const html = this.page('article', a.url, data, this.options.dataVersion ? () => articleKeyData(data) : undefined, !this.options.firstBuild);
    if (typeof html === 'string' && this.searchRecordsFromData('article')) {
      const article = { url: a.url, title: a.title, date: a.date, byline: a.byline, dateline: a.dateline, sourceUrl: a.sourceUrl, body: model.bodySegments() };
      const names = { companies: model.companies.map((c) => c.canonical), metals: model.metals.map((m) => m.name), topics: model.topics.map((t) => t.name) };
      this.onSearchRecord!(a.url, articleSearchRecord({ ...article, ...names, quotes: model.quotes }, this.searchSite));
    }
    return { path: `${a.url}index.html`, html };
  }

  /**
   * Told of the search record of each searchable page rendered, made from its data
   * (search-records.ts): the build hands them to the search index instead of reading the pages
   * back. Not told for pages of a user's own templates: their HTML decides what search finds.
   */
  onSearchRecord: ((pagePath: string, record: SearchRecord) => void) | null = null;

  /**
   * The search record of a searchable page (`articles/x/`), rendered now: made from its data, or
   * read off its HTML where a user's template makes the page. Null for a page search skips.
   */
  searchRecordAt(sitePath: string): SearchRecord | null {
    const told = this.onSearchRecord;
    let made: SearchRecord | null = null;
    this.onSearchRecord = (pagePath, record) => {
      if (pagePath === sitePath) made = record;
      told?.(pagePath, record);
    };
    try {
      const page = this.pageAt(sitePath);
      return made ?? (page && searchRecordOf(page.html, `/${sitePath}`));
    } finally {
      this.onSearchRecord = told;
    }
  }

  private readonly searchSite: SearchSite;
  private readonly builtInTemplates = new Map<string, boolean>();

  /** Whether a page of this template gets its search record from its data: told, and the templates that make it are the built-in ones. */
  private searchRecordsFromData(template: string): boolean {
    if (!this.onSearchRecord) return false;
    let builtIn = this.builtInTemplates.get(template);
    if (builtIn === undefined) this.builtInTemplates.set(template, (builtIn = this.templates.builtIn([template, ...SEARCHED_TEMPLATES])));
    return builtIn;
  }

  private nameOrders = new Map<EntityKind, NameOrder>();

  private nameOrder(kind: EntityKind): NameOrder {
    let order = this.nameOrders.get(kind);
    if (!order) this.nameOrders.set(kind, (order = nameOrder(this.index, kind)));
    return order;
  }

  /** Page n of an entity kind's A–Z index; null past the last page. */
  entityIndexPage(kind: EntityKind, n = 1): RenderedPage | null {
    const order = this.nameOrder(kind);
    if (n < 1 || n > entityIndexPages(order)) return null;
    const pagePath = n === 1 ? `${kind}/` : `${kind}/page/${n}/`;
    const model = entityIndexModel(this.index, kind, order, n);
    const label = KIND_LABELS[kind].plural;
    return {
      path: `${pagePath}index.html`,
      html: this.page('entity-index', pagePath, { ...model, section: kind, page_title: n === 1 ? label : `${label} · page ${n}`, breadcrumbs: [{ label, path: `${kind}/` }, ...(n > 1 ? [{ label: `Page ${n}`, path: pagePath }] : [])] }),
    };
  }

  *entityIndexSlots(kind: EntityKind): Generator<PageSlot> {
    const pages = entityIndexPages(this.nameOrder(kind));
    for (let n = 1; n <= pages; n++) yield slot(n === 1 ? `${kind}/index.html` : `${kind}/page/${n}/index.html`, () => this.entityIndexPage(kind, n)!.html);
  }

  /** Every page of an entity kind's A–Z index, with its HTML (a renderer that does not compare pages). */
  *entityIndexPages(kind: EntityKind): Generator<Page> {
    for (const s of this.entityIndexSlots(kind)) yield { path: s.path, html: htmlOf(s.render()) };
  }

  /** An entity's latest page and, when it has many articles, its older ones (`page/<date>-<hash>/`). */
  *entitySlots(kind: EntityKind, id: string): Generator<PageSlot> {
    const { pages } = this.entityPages(kind, id);
    for (let at = 0; at < pages.length; at++) yield slot(`${pages[at]!.path}index.html`, () => this.entityPage(kind, id, { pages, at }));
  }

  private entityPage(kind: EntityKind, id: string, page: PageOfList): Rendered {
    const entity = this.entityById(kind, id);
    const base = `${kind}/${id}/`;
    const pagePath = page.pages[page.at]!.path;
    const { template, model, jsonLd } = this.entityModel(kind, id, page);
    const count = entity.articles.length;
    const latest = page.at === 0;
    const { from, to } = page.pages[page.at]!;
    const name = latest ? null : rangeLabel(dateRange([...this.index.articlesOf(entity, from, to)]));
    if (!latest) this.listShape(pagePath);
    const data = {
      ...model,
      name,
      label: KIND_LABELS[kind].singular,
      section: kind,
      page_title: name === null ? entity.name : `${entity.name} · ${name}`,
      // the count only where it is shown: an older page's inputs must not change with each new article
      page_description: latest ? `${KIND_LABELS[kind].singular}: ${entity.name}, in ${count} article${count === 1 ? '' : 's'}` : `Older articles about ${entity.name}`,
      json_ld: latest ? jsonLd : null,
      feed_path: kind === 'people' ? null : `${base}feed.xml`,
      breadcrumbs: [{ label: KIND_LABELS[kind].plural, path: `${kind}/` }, ...crumbs({ label: entity.name, path: base }, name && capitalised(name), pagePath)],
    };
    const html = this.page(latest ? template : 'entity-older', pagePath, data, undefined, !this.options.firstBuild);
    if (latest && typeof html === 'string' && this.searchRecordsFromData(template)) this.onSearchRecord!(pagePath, entitySearchRecord(entitySearchData(kind, pagePath, entity.name, data), this.searchSite));
    return html;
  }

  /**
   * The page at a site path ("companies/x/", "page/2/"), rendered on demand: the dev server
   * answers a request without rendering the whole site. Null when there is no such page.
   */
  pageAt(sitePath: string): Page | null {
    const page = this.renderedAt(sitePath);
    return page && { path: page.path, html: htmlOf(page.html) };
  }

  private renderedAt(sitePath: string): RenderedPage | null {
    const p = sitePath.replace(/^\/+/, '').replace(/index\.html$/, '');
    const segments = p.split('/').filter(Boolean);
    if (p === 'search/') return this.searchPage();
    if (p === '404.html') return this.notFoundPage();
    if (segments.length === 0 || segments[0] === 'page') return this.homePage(p);
    const [head, id, ...rest] = segments;
    if (head === 'timeline') return this.timelinePage(p);
    if (head === 'figures') return this.figuresPage(p);
    if (head === 'articles' && id && rest.length === 0) return this.index.articleById.has(id) ? this.articlePage(id) : null;
    if (head === 'companies' || head === 'people' || head === 'metals' || head === 'topics') {
      if (!id) return this.entityIndexPage(head);
      // the index's own pages: `companies/page/2/` (an entity called "page" lives at companies/page/)
      if (id === 'page' && rest.length === 1 && /^\d+$/.test(rest[0]!)) return this.entityIndexPage(head, Number(rest[0]));
      const map = { companies: this.index.companyById, people: this.index.personById, metals: this.index.metalById, topics: this.index.topicById }[head];
      if (!map.has(id)) return null;
      const page = pageOfPath(this.entityPages(head, id), p);
      return page ? { path: `${p}index.html`, html: this.entityPage(head, id, page) } : null;
    }
    return null;
  }

  private entityById(kind: EntityKind, id: string) {
    const map = { companies: this.index.companyById, people: this.index.personById, metals: this.index.metalById, topics: this.index.topicById }[kind];
    const e = map.get(id);
    if (!e) throw new Error(`render: no ${kind} entity "${id}"`);
    return e;
  }

  private entityModel(kind: EntityKind, id: string, n: PageOfList): { template: string; model: object; jsonLd: object | null } {
    if (kind === 'companies') {
      const c = this.index.companyById.get(id)!;
      return {
        template: 'company',
        model: companyModel(this.index, c, n),
        jsonLd: { '@context': 'https://schema.org', '@type': 'Organization', name: c.name, url: absoluteUrl(this.options, `companies/${c.id}/`), ...(c.aliases.length ? { alternateName: c.aliases } : {}) },
      };
    }
    if (kind === 'people') {
      const p = this.index.personById.get(id)!;
      const job = p.roles.find((r) => r.role);
      return {
        template: 'person',
        model: personModel(this.index, p, n),
        jsonLd: { '@context': 'https://schema.org', '@type': 'Person', name: p.name, url: absoluteUrl(this.options, `people/${p.id}/`), ...(job?.role ? { jobTitle: job.role } : {}), ...(job?.company ? { worksFor: { '@type': 'Organization', name: job.company } } : {}) },
      };
    }
    const t = (kind === 'metals' ? this.index.metalById : this.index.topicById).get(id)!;
    return { template: 'term', model: termModel(this.index, kind, t, n), jsonLd: null };
  }
}

/** An article page's related articles, as one string of their ids in order. */
export const relatedIdsOf = (related: readonly { id: string }[]): string => related.map((r) => r.id).join('\n');

/**
 * An article page's data for its key, without the facts that follow from the source file and the
 * extractor (the source's digest and the extractor's version are in the key): its figures, dates
 * and quotes, each with its sentence. Without them, working out every key of a 4,000-article site
 * took 1.0 s instead of 3.1 (one profile each). What the link stage adds (ids, canonical names,
 * related articles, speakers' pages) stays.
 */
function articleKeyData(data: ReturnType<typeof articleModel> & { source_digest: string }): object {
  // (the article's packed facts leave themselves out of JSON)
  return { ...data, article: { ...data.article, quotes: undefined }, figures: undefined, dates: undefined };
}

/** Besides a page's own template, those its search record follows (search-records.ts builds it as they show it): the layout, and every partial (an ignored part's filters and meta count too). */
const SEARCHED_TEMPLATES = ['layout', 'partials/'];

/** What an entity's latest page shows that its search record takes, from the page's data. */
function entitySearchData(kind: EntityKind, pagePath: string, name: string, data: Record<string, unknown>): EntitySearchData {
  const page = { url: pagePath, name, pageTitle: String(data.page_title) };
  if (kind === 'companies') {
    const { entity, otherNames, people } = data as unknown as ReturnType<typeof companyModel> & { latest: true };
    return { ...page, kind, formerNames: entity.formerNames, otherNames, people };
  }
  if (kind === 'people') return { ...page, kind, roles: (data as unknown as ReturnType<typeof personModel> & { latest: true }).roles };
  return { ...page, kind, label: String(data.label) };
}
