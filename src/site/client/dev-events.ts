// What the dev server tells the open pages besides Vite's own messages.

/** A newer search index answers: a search page that loaded while it was being made loads again. */
export const SEARCH_READY_EVENT = 'metals-news-digest:search-ready';
