// The site's only script: enhancements on top of pages that work without it.
import './style.css';
import { enhanceSortableTables } from './sortable-tables.ts';

enhanceSortableTables(document);
