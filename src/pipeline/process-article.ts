// One article through read → clean → extract, without looking at any other article.
// The result (ArticleRecord) is what the cache keeps and what the link stage takes.
import type { VFile } from 'vfile';
import type { Processor } from 'unified';
import type { Root } from 'mdast';
import { cleanArticle } from '../clean/clean.ts';
import { bodySegments } from '../clean/body-segments.ts';
import { extractArticle } from '../extract/extract.ts';
import { headerDate, normaliseDate } from '../extract/dates.ts';
import { titleFromLead } from '../extract/title-from-lead.ts';
import type { ArticleRecord, BuildMessage } from '../types.ts';

/** `plugins`: the settings' unified plugins, run on the cleaned tree before extraction (synchronous ones). */
export function processArticle(file: VFile, plugins: Processor<Root, Root, Root> | null = null): ArticleRecord {
  // a message is an Error, and an Error records the stack where it was made: no message shows it,
  // nor does a skipped file's (skip.ts), and recording it was 3% of an article's extraction
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return processWithoutStacks(file, plugins);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function processWithoutStacks(file: VFile, plugins: Processor<Root, Root, Root> | null): ArticleRecord {
  const source = file.data.source!;
  const fm = source.frontMatter;
  const raw = String(file.value);
  const doc = cleanArticle(file, plugins);
  // what cleaning took out, for a reader checking with --verbose that no real content went
  for (const r of doc.removed) {
    const shown = r.text.length > 70 ? `${r.text.slice(0, 70)}…` : r.text;
    file.info(`removed "${shown}" (${r.rule})`, { ruleId: `clean/${r.rule}`, source: 'clean', place: r.line ? { line: r.line, column: 1 } : undefined });
  }
  // the front matter's date, else one printed in the header lines ("By X | Feb 14, 2025")
  const date = fm.date ? normaliseDate(fm.date) : headerDate(raw);
  if (fm.date && !date) {
    file.message(`front matter date "${fm.date}" is not a date; the article is shown as undated`, { ruleId: 'front-matter-date', source: 'read', place: { line: 2, column: 1 } });
  }
  file.data.publishedDate = date;
  const extraction = extractArticle(file);
  const title = fm.title ?? doc.headline ?? titleFromLead(extraction.sentences[0]?.text ?? doc.text);
  stripPositions(doc.body);
  return {
    source,
    title,
    date,
    byline: fm.byline ?? doc.byline,
    dateline: doc.dateline,
    sourceUrl: safeUrl(fm.source),
    tags: fm.tags ?? [],
    doc: { ...doc, segments: bodySegments(doc.body) },
    extraction,
    messages: messagesOf(file),
  };
}

/**
 * Source positions are only needed while messages are made; dropping them keeps a record a third
 * of the size in the cache, in worker messages and in memory.
 */
function stripPositions(node: { position?: unknown; children?: unknown[] }): void {
  delete node.position;
  if (node.children) for (const child of node.children) stripPositions(child as typeof node);
}

/** Only http(s) links to the original are kept: `javascript:` and `data:` never reach a page. */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function messagesOf(file: VFile): BuildMessage[] {
  const relPath = file.data.source?.relPath ?? file.path;
  return file.messages.map((m) => ({
    file: relPath,
    line: m.line ?? null,
    column: m.column ?? null,
    reason: m.reason,
    ruleId: m.ruleId ?? m.source ?? 'note',
    severity: m.fatal ? 'error' : m.fatal === false ? 'warning' : 'info',
  }));
}
