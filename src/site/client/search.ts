// The search page: reads ?q= (and filters) from the URL, queries Pagefind's static index as the
// reader types, and keeps the URL in step so a search can be shared or reloaded.
/// <reference types="vite/client" />
import { SEARCH_READY_EVENT } from './dev-events.ts';

interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string; date?: string; companies?: string };
}
interface PagefindResults {
  results: { id: string; data(): Promise<PagefindResult> }[];
}
interface Pagefind {
  options(o: object): Promise<void>;
  mergeIndex(basePath: string, o?: object): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(q: string | null, o?: object): Promise<PagefindResults>;
  debouncedSearch(q: string | null, o: object, ms: number): Promise<PagefindResults | null>;
}

/**
 * Results shown at first, and added by each "Show more": each costs the reader one fragment (about
 * 0.9 kB gzipped), so a first query fetches ten, not all it shows later.
 */
const RESULTS_PER_STEP = 10;

/** In the dev server, how often a page waiting for the search index asks whether it is ready. */
const READY_ASKED_EVERY_MS = 1_000;

export async function startSearch(app: HTMLElement): Promise<void> {
  const form = app.querySelector<HTMLFormElement>('form')!;
  const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const status = app.querySelector<HTMLElement>('.search-status')!;
  const list = app.querySelector<HTMLOListElement>('.search-results')!;
  const more = app.querySelector<HTMLButtonElement>('.search-more')!;
  const selects = [...form.querySelectorAll<HTMLSelectElement>('select')];
  const root = app.dataset.pagefind!;
  status.textContent = 'Loading the search index…';
  let pagefind: Pagefind;
  let updating = false;
  /** Entries of the base shards that are out of date: a newer one is in the recent shard, or the page is gone. */
  let hidden = new Set<string>();
  // Pagefind's script, the same in every shard's bundle, is also at the index's root: fetched
  // beside the shard list rather than after it (a failure is reported below, if the index is there)
  const script = import(/* @vite-ignore */ `${root}pagefind.js`) as Promise<Pagefind>;
  script.catch(() => undefined);
  try {
    // the index comes in shards (search-shards.ts), each a Pagefind bundle: the first is loaded,
    // the others merged into it; entries a newer shard supersedes are listed as hidden
    const response = await fetch(`${root}shards.json`);
    if (!response.ok) throw new Error(`${response.status}`);
    const list = (await response.json()) as { shards: { name: string; hidden?: string[] }[]; updating?: boolean };
    hidden = new Set(list.shards.flatMap((s) => s.hidden ?? []));
    // the dev server makes its index in the background after a change
    updating = list.updating === true;
    if (updating) {
      import.meta.hot?.on(SEARCH_READY_EVENT, () => location.reload());
      // the event is lost when the index was ready before this page's connection opened: ask again now and then
      const askAgain = async () => {
        const now = await fetch(`${root}shards.json`).then((r) => r.json() as Promise<{ updating?: boolean }>, () => null);
        if (now && now.updating !== true) location.reload();
        else setTimeout(askAgain, READY_ASKED_EVERY_MS);
      };
      setTimeout(askAgain, READY_ASKED_EVERY_MS);
    }
    const bundles = list.shards.map((s) => `${root}${s.name}/`);
    if (bundles.length === 0 && updating) {
      status.textContent = 'The search index is being made; try again in a moment.';
      return;
    }
    if (bundles.length === 0) {
      status.textContent = 'There is nothing to search yet: the site has no articles.';
      return;
    }
    pagefind = await script;
    // on the main thread: the worker would download a second copy of Pagefind's script (43 kB)
    await pagefind.options({ basePath: bundles[0], noWorker: true });
    await Promise.all(bundles.slice(1).map((bundle) => pagefind.mergeIndex(bundle)));
  } catch {
    status.textContent = 'The search index is not available here (it is written by `npm run build`).';
    return;
  }
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  // the filters' values are a fifth of what a first query downloads: loaded when the reader opens
  // the filters, or at once when the address names one
  const details = form.querySelector<HTMLDetailsElement>('details.search-filters')!;
  let filtersLoaded: Promise<void> | null = null;
  const loadFilters = () =>
    (filtersLoaded ??= pagefind.filters().then((filters) => {
      for (const select of selects) {
        for (const value of Object.keys(filters[select.name] ?? {}).sort()) select.add(new Option(value, value));
        select.value = params.get(select.name) ?? '';
      }
    }));
  if (selects.some((s) => params.get(s.name))) {
    details.open = true;
    await loadFilters();
  }
  details.addEventListener('toggle', () => {
    if (details.open) void loadFilters();
  });
  details.hidden = false;

  let runs = 0;
  /** The current query's results; the list shows the first of them. */
  let results: { id: string; data(): Promise<PagefindResult> }[] = [];
  const describe = () => {
    const shown = list.children.length;
    status.textContent = `${results.length} result${results.length === 1 ? '' : 's'}${results.length > shown ? `, the first ${shown} shown` : ''}.${updating ? ' The index is being brought up to date: results may be a moment old.' : ''}`;
    more.hidden = results.length <= shown;
  };
  /** `typed`: the reader is typing, so the search waits for a pause (not for a query the address gives). */
  const run = async (typed: boolean) => {
    const mine = ++runs;
    more.hidden = true;
    const q = input.value.trim();
    const chosen = Object.fromEntries(selects.filter((s) => s.value).map((s) => [s.name, s.value]));
    const url = new URL(location.href);
    url.search = new URLSearchParams({ ...(q ? { q } : {}), ...chosen }).toString();
    history.replaceState(null, '', url);
    if (!q && Object.keys(chosen).length === 0) {
      results = [];
      list.replaceChildren();
      status.textContent = 'Type to search.';
      return;
    }
    const search = typed ? await pagefind.debouncedSearch(q || null, { filters: chosen }, 150) : await pagefind.search(q || null, { filters: chosen });
    if (!search) return; // superseded by a newer keystroke
    const found = await withEveryWord(pagefind, q, search.results.filter((r) => !hidden.has(r.id)));
    const shown = await Promise.all(found.slice(0, RESULTS_PER_STEP).map((r) => r.data()));
    if (mine !== runs) return;
    results = found;
    list.replaceChildren(...shown.map(resultItem));
    describe();
  };
  more.addEventListener('click', async () => {
    const mine = runs;
    const from = list.children.length;
    const next = await Promise.all(results.slice(from, from + RESULTS_PER_STEP).map((r) => r.data()));
    // a newer query, or a second click, has changed the list meanwhile
    if (mine !== runs || list.children.length !== from) return;
    const items = next.map(resultItem);
    list.append(...items);
    describe();
    // the reader goes on from the first result added, as from the top of a new page
    items[0]?.querySelector('a')?.focus();
  });
  input.addEventListener('input', () => run(true));
  for (const s of selects) s.addEventListener('change', () => run(false));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run(false);
  });
  await run(false);
}

/**
 * The results that hold every word of the query some shard knows. Pagefind leaves out a word its
 * index lacks, so a shard without "smelter" would answer "zinc smelter" with every zinc page; a
 * word no shard knows is left out, as one index would.
 */
export async function withEveryWord<R extends { id: string }>(pagefind: Pick<Pagefind, 'search'>, q: string, results: R[]): Promise<R[]> {
  const words = [...new Set(q.split(/\s+/).filter(Boolean))];
  if (words.length < 2 || /^\s*".+"\s*$/.test(q)) return results;
  const holding: Set<string>[] = [];
  for (const word of words) {
    const found = (await pagefind.search(word)).results;
    if (found.length > 0) holding.push(new Set(found.map((r) => r.id)));
  }
  return results.filter((r) => holding.every((ids) => ids.has(r.id)));
}

function resultItem(r: PagefindResult): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'article-card';
  const h = document.createElement('h2');
  const a = document.createElement('a');
  a.href = r.url;
  a.textContent = r.meta.title ?? r.url;
  h.append(a);
  // when and about whom, as the article's own header says
  const about = [r.meta.date, r.meta.companies].filter(Boolean).join(' · ');
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.textContent = about;
  const p = document.createElement('p');
  p.className = 'summary';
  // Pagefind's excerpt is our own page text with <mark> around hits: keep only the marks
  const template = document.createElement('template');
  template.innerHTML = r.excerpt;
  for (const node of template.content.childNodes) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      p.append(mark);
    } else p.append(node.textContent ?? '');
  }
  li.append(h, ...(about ? [meta] : []), p);
  return li;
}
