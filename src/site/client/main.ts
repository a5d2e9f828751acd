// The site's only script: enhancements on top of pages that work without it.
import './style.css';
import { enhanceSortableTables } from './sortable-tables.ts';
import { enhanceTableFilters } from './table-filter.ts';

enhanceSortableTables(document);
enhanceTableFilters(document);

const searchApp = document.getElementById('search-app');
if (searchApp) void import('./search.ts').then((m) => m.startSearch(searchApp));
