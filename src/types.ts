// The shapes that flow through the pipeline, stage by stage:
//   read   → file.data.source      (SourceInfo)
//   clean  → file.data.doc         (CleanDoc)
//   extract→ file.data.extraction  (Extraction)
//   link   → Records (records.schema.json) + site-wide entities
//   render → pages
import type { Root } from 'mdast';

export type SourceFormat = 'txt' | 'md';

/** Front matter after validation: every field optional, every value a plain string. */
export interface FrontMatter {
  title?: string;
  date?: string;
  byline?: string;
  source?: string;
  tags?: string[];
  slug?: string;
  /** Who published it (a saved page's site name, a feed's title). */
  publisher?: string;
}

/** What the read stage knows about one input file. */
export interface SourceInfo {
  /** Path relative to the seeds folder, forward slashes. */
  relPath: string;
  format: SourceFormat;
  frontMatter: FrontMatter;
  /** 1-based line of the original file where the body (after front matter) starts. */
  bodyLine: number;
  /** Content digest of the raw bytes (decides what to redo). */
  digest: string;
  /** Modification time of the file, ISO (fallback for nothing; kept for feeds' `updated`). */
  mtime: string;
}

/** A character range in CleanDoc.text. */
export interface Span {
  start: number;
  end: number;
}

/** The clean stage's result: the article body without boilerplate, as mdast and as plain text. */
export interface CleanDoc {
  /** Headline found in the source itself (first line of a .txt, first h1 of a .md), or null. */
  headline: string | null;
  byline: string | null;
  /** Wire dateline moved out of the lead, e.g. "SYDNEY, March 3 (Reuters)". */
  dateline: string | null;
  /** Cleaned body: paragraphs, headings (depth 2), lists, blockquotes. */
  body: Root;
  /** Plain text of the body: blocks separated by one blank line. All extraction offsets point here. */
  text: string;
  /** Lines that were removed, with the rule that removed them (shown by --verbose). */
  removed: RemovedLine[];
  /** For each block of `text`, in order: its start offset and the 1-based line of the source file it came from. */
  blockStarts: { offset: number; line: number }[];
}

export interface RemovedLine {
  line: number | null;
  text: string;
  rule: string;
}

export interface Sentence extends Span {
  text: string;
}

export interface CompanyMention {
  /** The longest form of the name this article uses, legal suffix and ticker stripped. */
  name: string;
  /** Other forms used in this article (short forms, former names). */
  aliases: string[];
  mentions: number;
  ticker?: string;
  /** Where each surface form occurs (for linking mentions in the text). */
  spans: Span[];
}

export interface PersonMention {
  name: string;
  role: string | null;
  company: string | null;
  spans: Span[];
}

export interface TermMention {
  /** Slug-friendly canonical name, e.g. "copper", "rare earths". */
  name: string;
  spans: Span[];
}

export interface Figure {
  text: string;
  value: number | null;
  min?: number;
  max?: number;
  unit: string;
  measure?: string;
  /** What the text says the figure is: rise, fall, target, forecast or guidance. */
  direction?: string;
  sentence: string;
  span: Span;
  /** Index of another figure in the same article this one converts (e.g. "$1.7bn (Y251.9bn)"). */
  convertsFigure?: number;
}

export interface DateMention {
  text: string;
  value: string | null;
  sentence: string;
  span: Span;
}

export interface Quote {
  speaker: string | null;
  text: string;
  span: Span;
}

export interface Extraction {
  sentences: Sentence[];
  companies: CompanyMention[];
  people: PersonMention[];
  metals: TermMention[];
  places: string[];
  topics: TermMention[];
  figures: Figure[];
  dates: DateMention[];
  quotes: Quote[];
  summary: string;
}

/** A fully processed article, before linking: what the cache stores per input file. */
export interface ArticleRecord {
  source: SourceInfo;
  title: string;
  /** YYYY-MM-DD or null. */
  date: string | null;
  byline: string | null;
  dateline: string | null;
  sourceUrl: string | null;
  tags: string[];
  /** The cleaned body, its text, and the body as HTML with its runs of text apart (clean/body-segments.ts: made after extraction, which plugins may change the tree for). */
  doc: CleanDoc & { segments: BodySegments };
  extraction: Extraction;
  /** Messages the file raised (already formatted for the terminal). */
  messages: BuildMessage[];
}

/**
 * The cleaned body as sanitised HTML (clean/body-segments.ts): the HTML between the runs of text
 * that an article page may mark (outside links and code), and those runs as text, not escaped.
 */
export interface BodySegments {
  /** One more than the runs: the HTML before the first, between each two, and after the last. */
  html: string[];
  text: string[];
}

/**
 * What an article page's body reads of the whole record (render/page-models.ts): its HTML and
 * text, and the mentions marked in it. A record's cache file keeps it as a section of its own,
 * read in about a fifth of the time of the whole record (21 against 105 µs an article).
 */
export interface RecordBody {
  source: SourceInfo;
  doc: Pick<ArticleRecord['doc'], 'segments' | 'text'>;
  extraction: Pick<Extraction, 'companies' | 'people' | 'metals'>;
}

export interface BuildMessage {
  file: string;
  line: number | null;
  column: number | null;
  reason: string;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
}

/** An article's figures and dates packed into bytes (held-facts.ts makes and reads them). */
export interface PackedFacts {
  readonly bytes: Uint8Array;
  toJSON(): undefined;
}

declare module 'vfile' {
  interface DataMap {
    source: SourceInfo;
    doc: CleanDoc;
    extraction: Partial<Extraction> & { sentences?: Sentence[] };
    /** Publication date (YYYY-MM-DD) used as the reference for relative dates. */
    publishedDate: string | null;
  }
}

/**
 * What the link and render stages hold of an article in memory: the record without what only its
 * own page shows (the body tree, sentences, the positions of mentions). The sentence context the
 * site-wide pages need is worked out once from the whole record. A whole record stays attached
 * only where there is no cache folder to read it back from.
 */
export interface HeldRecord extends Pick<ArticleRecord, 'source' | 'title' | 'date' | 'byline' | 'dateline' | 'sourceUrl' | 'tags' | 'messages'> {
  summary: string;
  companies: Omit<CompanyMention, 'spans'>[];
  people: Omit<PersonMention, 'spans'>[];
  metals: string[];
  topics: string[];
  places: string[];
  /** Figures and dates, packed: read them through factsOf (held-facts.ts), as records.json has them (start and end in place of a span). */
  facts: PackedFacts;
  /** Quotes as records.json has them. */
  quotes: Positioned<Quote>[];
  /** For each figure: where in `companies` is the company named in its sentence, nearest before it first; -1 for none (the link stage gives the figure that company's id). */
  figureOwners: Int32Array;
  /** For each figure, where in `metals` are the metals named in its sentence, then -1 (figureMetalNames, held-record.ts). */
  figureMetals: Int32Array;
  /** For each date, where in `companies` are the companies named in its sentence, then -1 (datesNaming, held-record.ts). */
  dateCompanies: Int32Array;
  /** For each date: where it starts in its sentence (-1: not found). */
  dateOffsets: Int32Array;
  /** The MinHash signature of the article's text, for finding copies of one story (story-signature.ts). */
  signature: Uint32Array;
  /** Who published it: the front matter's `publisher`, else the host of its source URL; null when neither says. */
  publisher: string | null;
  full?: ArticleRecord;
}

/** A fact with its span's start and end as its own fields. */
export type Positioned<T extends { span: Span }> = Omit<T, 'span'> & Span;

/**
 * What link/stories.ts storyLeads found, for a later run over the same articles and more: each article's path
 * and digest, and the copies of each story of more than one (by key: path, NUL, digest). Adding articles can only join
 * stories, so a run whose articles hold every one of these needs to compare only the new ones. The record cache keeps it beside the records.
 */
export interface KnownStories {
  /** The articles' paths, and at the same place each one's digest: no key string made for each article. */
  paths: string[];
  digests: string[];
  copies: string[][];
}

/** One page as Pagefind indexes it (what its addCustomRecord takes). */
export interface SearchRecord {
  /** From the site's root, e.g. `/articles/some-slug/`: the search page puts the base path in front. */
  url: string;
  /** The text searched and cut into excerpts; may hold Pagefind's weight markers (render/search-records.ts). */
  content: string;
  /** ISO 639-1; one index per language. */
  language: string;
  /** `title` is what a result shows. */
  meta: Record<string, string>;
  /** e.g. { company: ['Lynas Rare Earths'], metal: ['rare earths'] } */
  filters: Record<string, string[]>;
}
