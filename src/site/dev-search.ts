// The search index of `npm run dev`: made in the background, from the pages as the dev server
// renders them, when a search page asks for it after a rebuild (a dev server nobody searches makes
// none), and served from memory as one shard. While a newer index is being made the last one
// answers, and shards.json says it is updating (the search page says its results may be a moment
// old). An article page's record is made again only when its source or its linked names changed.
import * as pagefind from 'pagefind';
import type { SiteRenderer } from '../render/render-site.ts';
import type { SearchRecord } from '../render/search-records.ts';
import { SEARCH_FOLDER, SEARCH_SCRIPT, SEARCHABLE_PAGE, SHARDS_FILE } from './search-shards.ts';

const SHARD = 'dev';
/** Pages rendered between turns of the event loop: a request waits for at most a few of them. */
const PAGES_PER_TURN = 4;

const TYPES: Record<string, string> = { js: 'text/javascript', wasm: 'application/wasm', json: 'application/json', css: 'text/css' };

export class DevSearch {
  /** The index's files by site path (`pagefind/dev/pagefind.js`); empty until the first is made. */
  private files = new Map<string, Uint8Array>();
  private pages = 0;
  private made = false;
  private generation = 0;
  private updating = false;
  /** The site the index should be of, when it is not made yet. */
  private stale: SiteRenderer | null = null;
  /** Article pages' records by site path, with what they were made from. */
  private articleRecords = new Map<string, { key: string; record: SearchRecord | null }>();

  /** `onReady`: called when a new index answers (the dev server tells the open search pages). */
  constructor(
    private readonly log: (line: string) => void,
    private readonly onReady: () => void,
  ) {}

  /** The site changed: the index is of `renderer`'s site from now on; a run still going for an older site stops. */
  refresh(renderer: SiteRenderer): void {
    this.generation++;
    this.stale = renderer;
    this.updating = this.made;
  }

  private start(renderer: SiteRenderer): void {
    const generation = this.generation;
    this.stale = null;
    this.updating = true;
    this.make(renderer, generation).catch((error: unknown) => {
      if (generation === this.generation) this.updating = false;
      this.log(`dev: the search index was not made: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /**
   * Whether the site changed while an index of it was being made: then the index of the newer site
   * is made at once, since a search page is waiting for one (it asked, and waits to be told).
   */
  private superseded(generation: number): boolean {
    if (generation === this.generation) return false;
    if (this.stale) this.start(this.stale);
    return true;
  }

  /** A file of the search index at a site path (`pagefind/…`), or null. Asking for the shard list starts a stale index's making. */
  file(sitePath: string): { body: string | Uint8Array; type: string } | null {
    if (sitePath === `${SEARCH_FOLDER}/${SHARDS_FILE}`) {
      if (this.stale) this.start(this.stale);
      const shards = this.made ? [{ name: SHARD, pages: this.pages }] : [];
      return { body: JSON.stringify({ shards, updating: this.updating }), type: 'application/json' };
    }
    const body = this.files.get(sitePath);
    if (!body) return null;
    return { body, type: TYPES[sitePath.slice(sitePath.lastIndexOf('.') + 1)] ?? 'application/octet-stream' };
  }

  private async make(renderer: SiteRenderer, generation: number): Promise<void> {
    const records: SearchRecord[] = [];
    const articleRecords = new Map<string, { key: string; record: SearchRecord | null }>();
    const articleByPath = new Map(renderer.site.articles.map((a) => [`${a.url}index.html`, a]));
    let sinceTurn = 0;
    // the request that asked goes first
    await new Promise(setImmediate);
    for (const slot of renderer.slots()) {
      if (!SEARCHABLE_PAGE.test(slot.path)) continue;
      const url = `/${slot.path.slice(0, -'index.html'.length)}`;
      const a = articleByPath.get(slot.path);
      // what an article page's searchable part shows: its own text and its entities' names
      const key = a ? JSON.stringify([a.record.source.digest, a.title, a.companies.map((c) => c.name), a.metals.map((m) => m.name), a.topics.map((t) => t.name)]) : null;
      const known = key === null ? undefined : this.articleRecords.get(slot.path);
      let record: SearchRecord | null;
      if (known && known.key === key) record = known.record;
      else {
        record = renderer.searchRecordAt(url.slice(1));
        if (++sinceTurn === PAGES_PER_TURN) {
          sinceTurn = 0;
          await new Promise(setImmediate);
          if (this.superseded(generation)) return;
        }
      }
      if (key !== null) articleRecords.set(slot.path, { key, record });
      if (record) records.push(record);
    }
    this.articleRecords = articleRecords;
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(errors.join('; '));
    try {
      for (const record of records) {
        const added = await index.addCustomRecord(record);
        if (added.errors.length) throw new Error(added.errors.join('; '));
        if (this.superseded(generation)) return;
      }
      const { files, errors: failed } = await index.getFiles();
      if (failed.length) throw new Error(failed.join('; '));
      if (this.superseded(generation)) return;
      this.files = new Map(files.map((f) => [`${SEARCH_FOLDER}/${SHARD}/${f.path}`, f.content]));
      const script = this.files.get(`${SEARCH_FOLDER}/${SHARD}/${SEARCH_SCRIPT}`);
      if (script) this.files.set(`${SEARCH_FOLDER}/${SEARCH_SCRIPT}`, script);
      this.pages = records.length;
      this.made = true;
      this.updating = false;
      this.onReady();
    } finally {
      await index.deleteIndex();
    }
  }
}
