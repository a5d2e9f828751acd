// The extract stage: unified transformers over the cleaned body, each with one job, each writing
// its typed result to file.data.extraction. Order matters only where a stage reads another's
// result (people need companies; quotes need people; figures and dates need sentences).
import { unified } from 'unified';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Extraction } from '../types.ts';
import { extractSentences } from './sentence-stage.ts';
import { extractCompanies } from './companies.ts';
import { extractPeople } from './people.ts';
import { extractQuotes } from './quotes.ts';
import { extractMetals } from './metals.ts';
import { extractPlaces } from './places.ts';
import { extractFigures } from './figures.ts';
import { extractDates } from './dates.ts';
import { extractTopics } from './topics.ts';
import { extractSummary } from './summary.ts';

const extractor = unified()
  .use(extractSentences)
  .use(extractCompanies)
  .use(extractPeople)
  .use(extractQuotes)
  .use(extractMetals)
  .use(extractPlaces)
  .use(extractFigures)
  .use(extractDates)
  .use(extractTopics)
  .use(extractSummary)
  .freeze();

/** Runs every extractor on a cleaned file (file.data.doc must be set) and returns the complete result. */
export function extractArticle(file: VFile): Extraction {
  const doc = file.data.doc;
  if (!doc) throw new Error('extractArticle: the clean stage has not run on this file');
  file.data.extraction = {};
  extractor.runSync(doc.body as Root, file);
  const x = file.data.extraction;
  return {
    sentences: x.sentences ?? [],
    companies: x.companies ?? [],
    people: x.people ?? [],
    metals: x.metals ?? [],
    places: x.places ?? [],
    topics: x.topics ?? [],
    figures: x.figures ?? [],
    dates: x.dates ?? [],
    quotes: x.quotes ?? [],
    summary: x.summary ?? '',
  };
}
