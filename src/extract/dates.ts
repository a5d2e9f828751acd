// Dates: calendar references normalised to "YYYY", "YYYY-MM", "YYYY-MM-DD" or "FY" + year.
// Years, fiscal years, quarters and halves are read by the patterns in src/data/date-patterns.json;
// days, months, weekdays and relative dates ("last year", "on Tuesday") by chrono-node, resolved
// against the publication date. Without one, a date that needs it keeps a null value and a note.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
// the English locale alone: the package's index loads every locale (267 modules, about 250 ms to
// import against 60-75 ms), a cost every extracting thread and every one-article rebuild paid
import * as chronoEn from 'chrono-node/en';
import type { ParsedComponents } from 'chrono-node';
import type { DateMention, Figure, Sentence, Span } from '../types.ts';
import patternData from '../data/date-patterns.json' with { type: 'json' };
import { splitSentences, sentenceAt } from './sentences.ts';
import { findFigures } from './figures.ts';
import { note } from './place.ts';

const re = (source: string, flags = 'g'): RegExp => new RegExp(source, flags);
const MONTH = patternData.monthNames;
const FISCAL = patternData.fiscalYears.map((p) => re(p));
const PERIOD_OF_YEAR = patternData.periodsOfYear.map((p) => re(p, 'gi'));
const YEAR = re(patternData.year);
const MONTH_ONLY_NEEDS_BEFORE = re(`\\b(?:${patternData.monthOnlyAfter.join('|')})\\s*$`, 'i');
const NOT_A_DATE_AFTER = re(`^\\s*(?:${patternData.notDateAfter.join('|')})`, 'i');
const CAPITALISED_MONTH = re(`\\b(?:${MONTH})\\b`, '');
const WEEKDAY = re(`\\b(${patternData.weekdays.join('|')})\\b`, '');
const RELATIVE = patternData.relative.map((r) => ({ re: re(`^(?:${r.pattern})$`, 'i'), unit: r.unit as 'year' | 'month' | 'day' | 'none' | null }));
const FUTURE_CUE = re(`\\b(?:${patternData.futureCues.join('|')})\\b[^.;]{0,30}$`, 'i');
// what a sentence must hold for chrono-node to find a date in it that is kept (see chronoDates)
const CHRONO_CUE_NAME = re(`\\b(?:${MONTH}|${patternData.weekdays.join('|')})\\b`, '');
const CHRONO_CUE_WORD = re(`\\b(?:${patternData.relativeCues.join('|')})\\b`, 'i');
const NAME_BEFORE_YEAR = re(`\\b(?!(?:${MONTH}|${patternData.yearNameExceptions.join('|')})\\b)[A-Z][A-Za-z]+\\s+$`, '');

interface Found {
  text: string;
  value: string | null;
  span: Span;
  why?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

/**
 * Every date mention in `text`, in order. `published` (YYYY-MM-DD) resolves relative dates.
 * `figures` are the text's figures (a year inside one is no date): the extract stage passes the
 * figures stage's own, so they are not read twice.
 */
export function findDates(text: string, published: string | null, sentences: Sentence[] = splitSentences(text), figures: Figure[] = findFigures(text, sentences)): DateMention[] {
  const found: Found[] = [];
  const taken = (s: Span): boolean => found.some((f) => f.span.start < s.end && s.start < f.span.end);
  const add = (f: Found): void => {
    if (!taken(f.span)) found.push(f);
  };
  const figureSpans = figures.map((f) => f.span);
  const inFigure = (at: number): boolean => figureSpans.some((s) => s.start <= at && at < s.end);

  for (const pattern of FISCAL) {
    for (const m of text.matchAll(pattern)) add({ text: m[0], value: `FY${fullYear(m.groups!.year!)}`, span: spanOf(m) });
  }
  for (const f of chronoDates(text, published, sentences)) add(f);
  for (const pattern of PERIOD_OF_YEAR) {
    // quarters and halves count as their year ("Q3 2025" is 2025); without a year they stay unresolved
    for (const m of text.matchAll(pattern)) {
      const year = m.groups?.year;
      add({ text: m[0], value: year ? String(fullYear(year.replace(/^'/, ''))) : null, span: spanOf(m), why: year ? undefined : 'a quarter or half with no year' });
    }
  }
  for (const m of text.matchAll(YEAR)) {
    const span = spanOf(m);
    if (inFigure(span.start) || NOT_A_DATE_AFTER.test(text.slice(span.end, span.end + 12))) continue;
    if (NAME_BEFORE_YEAR.test(text.slice(Math.max(0, span.start - 30), span.start)) && !isSentenceStartBefore(text, span.start)) continue;
    add({ text: m[0], value: m[0], span });
  }
  found.sort((a, b) => a.span.start - b.span.start);
  return found.map((f) => ({ text: f.text, value: f.value, sentence: sentenceAt(sentences, f.span.start)?.text ?? '', span: f.span, ...(f.why ? { why: f.why } : {}) }));
}

const spanOf = (m: RegExpMatchArray): Span => ({ start: m.index!, end: m.index! + m[0].length });

/** The capitalised word before a year starts its sentence ("Vault was formed in 2024" has none; "Summit 2026" is a name). */
function isSentenceStartBefore(text: string, at: number): boolean {
  return /(?:^|[.!?]\s+|\n)[A-Z][A-Za-z]+\s+$/.test(text.slice(Math.max(0, at - 30), at));
}

/**
 * Days, months, weekdays and relative dates, as chrono-node reads them, kept only when they name a
 * calendar date. Every date kept holds a month or weekday name or a relative cue, so chrono reads
 * only the text around one (chronoParse).
 */
function chronoDates(text: string, published: string | null, sentences: Sentence[]): Found[] {
  const ref = published ? new Date(`${published}T12:00:00Z`) : new Date('2000-06-15T12:00:00Z');
  const out: Found[] = [];
  for (const { result: r, at } of chronoParse(text, sentences, ref)) {
    // "the year to June 30, 2026" is read as a range whose end is the date
    const useEnd = r.end !== null && r.end !== undefined && !r.start.isCertain('month') && r.end.isCertain('month');
    const components = useEnd ? r.end! : r.start;
    const known = certain(components);
    const written = r.text.replace(/[\s,;:]+$/, '');
    const span = { start: at, end: at + written.length };
    const after = text.slice(span.end, span.end + 20);
    const relative = RELATIVE.find((x) => x.re.test(written));
    if (relative) {
      if (relative.unit === 'none') continue;
      if (!relative.unit) out.push({ text: written, value: null, span, why: 'a relative date too vague to pin' });
      else if (!published) out.push({ text: written, value: null, span, why: 'a relative date and no publication date' });
      else out.push({ text: written, value: format(r.start.get('year')!, r.start.get('month')!, r.start.get('day')!, relative.unit), span });
      continue;
    }
    if (known.weekday !== undefined && known.day === undefined && WEEKDAY.test(written)) {
      const before = text.slice(Math.max(0, span.start - 40), span.start);
      out.push(published ? { text: written, value: weekdayNear(published, known.weekday, FUTURE_CUE.test(before + written)), span } : { text: written, value: null, span, why: 'a weekday and no publication date' });
      continue;
    }
    if (known.month === undefined || !CAPITALISED_MONTH.test(written) || NOT_A_DATE_AFTER.test(after)) continue;
    if (known.hour !== undefined && known.day === undefined) continue;
    // "end of June" names the month: chrono's day there is not written
    const unit = known.day !== undefined && /\d/.test(written) ? 'day' : 'month';
    const monthAt = span.start + Math.max(0, written.search(CAPITALISED_MONTH));
    if (unit === 'month' && known.year === undefined && !MONTH_ONLY_NEEDS_BEFORE.test(text.slice(Math.max(0, monthAt - 25), monthAt))) continue;
    const text_ = useEnd ? written.slice(written.search(CAPITALISED_MONTH)) : written.replace(/^(?:on|in|at|by|from)\s+/i, '');
    const start = span.end - text_.length;
    const mention = { start, end: span.end };
    if (known.year === undefined && !published) {
      out.push({ text: text_, value: null, span: mention, why: 'a date with no year and no publication date' });
      continue;
    }
    const sentenceStart = Math.max(text.lastIndexOf('. ', span.start), text.lastIndexOf('\n', span.start)) + 1;
    const year = known.year ?? yearOfMonth(components.get('year')!, components.get('month')!, published!, text.slice(Math.max(0, span.start - 80), span.start) + written, text.slice(sentenceStart, span.end));
    out.push({ text: text_, value: format(year, components.get('month')!, components.get('day')!, unit), span: mention });
    // a range of days ("4-5 March 2026") names its end too
    if (!useEnd && r.end && r.end.isCertain('day') && r.end.get('day') !== r.start.get('day')) {
      out.push({ text: text_, value: format(r.end.get('year')!, r.end.get('month')!, r.end.get('day')!, 'day'), span: { start: mention.end, end: mention.end } });
    }
  }
  return out;
}

/**
 * chrono-node's parsers whose results chronoDates never keeps: times of day (a date with a time is
 * kept as the date alone), dates in digits ("3/5/2025", "2025-03-05": kept dates name their month)
 * and "within two weeks". They were half of chrono's time (BENCHMARKS.md, 2026-12-06).
 */
const NEVER_KEPT = new Set(['ENTimeExpressionParser', 'ENCasualTimeParser', 'SlashDateFormatParser', 'ENSlashMonthFormatParser', 'ISOFormatParser', 'ENTimeUnitWithinFormatParser']);
const trimmedReader = chronoEn.casual.clone();
trimmedReader.parsers = trimmedReader.parsers.filter((p) => !NEVER_KEPT.has(p.constructor.name));
/** The reader for article text: chrono's casual reader as it is should a parser's name not be found (a renamed class). */
export const textReader = trimmedReader.parsers.length === chronoEn.casual.parsers.length - NEVER_KEPT.size ? trimmedReader : chronoEn.casual;

/**
 * chrono-node's parsers that read a time of day ("10:30", "this morning") or a span from now
 * ("within 14 days"): neither names a day of its own, and with them a header's date could be lost
 * to a time read beside it ("Posted this morning, 12 May 2023") or be today's ("within 14 days
 * of 2 May 2025"). A date with a time is found by the date's parser alone.
 */
const NO_DAY_OF_THEIR_OWN = new Set(['ENTimeExpressionParser', 'ENCasualTimeParser', 'ENTimeUnitWithinFormatParser']);
const trimmedDayReader = chronoEn.casual.clone();
trimmedDayReader.parsers = trimmedDayReader.parsers.filter((p) => !NO_DAY_OF_THEIR_OWN.has(p.constructor.name));
/** The reader for a whole date in a header line or the front matter: chrono's casual reader as it is should a parser's name not be found. */
export const dayReader = trimmedDayReader.parsers.length === chronoEn.casual.parsers.length - NO_DAY_OF_THEIR_OWN.size ? trimmedDayReader : chronoEn.casual;

/**
 * chrono's results for the text around each cue, with where in `text` each starts. A date chrono
 * reads reaches at most a few words from its month, weekday or relative word ("on 4-5 March 2026",
 * "two weeks ago", "from March to June"), so it reads CUE_REACH characters either side of each cue
 * (out to whole words, within the cue's sentences), windows that meet read as one.
 */
function chronoParse(text: string, sentences: Sentence[], instant: Date): { result: chronoEn.ParsedResult; at: number }[] {
  const results: { result: chronoEn.ParsedResult; at: number }[] = [];
  const hasCue = (s: Sentence): boolean => CHRONO_CUE_NAME.test(s.text) || CHRONO_CUE_WORD.test(s.text);
  for (let i = 0; i < sentences.length; i++) {
    if (!hasCue(sentences[i]!)) continue;
    const runStart = sentences[i]!.start;
    while (i + 1 < sentences.length && hasCue(sentences[i + 1]!)) i++;
    const runEnd = sentences[i]!.end;
    for (const [start, end] of cueWindows(text, runStart, runEnd)) {
      for (const result of textReader.parse(text.slice(start, end), { instant, timezone: 0 })) results.push({ result, at: start + result.index });
    }
  }
  return results;
}

const CUE_REACH = 48;
const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 9 || code === 13 || code === 160;
const ALL_CUE_NAMES = new RegExp(CHRONO_CUE_NAME.source, 'g');
const ALL_CUE_WORDS = new RegExp(CHRONO_CUE_WORD.source, 'gi');

/** [start, end) of the text CUE_REACH characters either side of each cue in text[from, to), out to whole words, in order, windows that meet joined. */
function cueWindows(text: string, from: number, to: number): [number, number][] {
  const run = text.slice(from, to);
  const cues: [number, number][] = [];
  for (const re of [ALL_CUE_NAMES, ALL_CUE_WORDS]) for (const m of run.matchAll(re)) cues.push([from + m.index, from + m.index + m[0].length]);
  cues.sort((a, b) => a[0] - b[0]);
  const windows: [number, number][] = [];
  for (const [cueStart, cueEnd] of cues) {
    let start = Math.max(from, cueStart - CUE_REACH);
    while (start > from && !isSpace(text.charCodeAt(start - 1))) start--;
    let end = Math.min(to, cueEnd + CUE_REACH);
    while (end < to && !isSpace(text.charCodeAt(end))) end++;
    const last = windows[windows.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  }
  return windows;
}

/**
 * The year of a month written without one: the one chrono chose, but a month still to come is last
 * year's when the text says "last March", or when its clause tells of the past ("reached capacity
 * in July") and nothing in its sentence speaks of the future.
 */
function yearOfMonth(year: number, month: number, published: string, lead: string, sentence: string): number {
  const [py, pm] = published.split('-').map(Number) as [number, number];
  const ahead = year > py || (year === py && month > pm);
  if (!ahead) return year;
  if (/\blast\s+\S+$/i.test(lead)) return year - 1;
  // the clause of the month: "Talks began in February and resume in June" tells of June to come
  const clause = sentence.split(/[,;]|\b(?:and|but|while|whereas|as|although)\b/i).pop() ?? sentence;
  const future = /\b(?:will|would|shall|expects?|expected|plans?|planned|aims?|due|scheduled|set to|next|from|until|by|starting|ahead)\b/i.test(sentence);
  const past = /\b(?:reached|completed|began|started|rose|fell|was|were|had|did|posted|reported|produced|delivered|finished|opened|closed)\b/i.test(clause);
  return past && !future ? year - 1 : year;
}

type Component = 'year' | 'month' | 'day' | 'weekday' | 'hour';
/** The components chrono read from the text itself (not implied by the reference date). */
function certain(c: ParsedComponents): Partial<Record<Component, number>> {
  const out: Partial<Record<Component, number>> = {};
  for (const k of ['year', 'month', 'day', 'weekday', 'hour'] as const) if (c.isCertain(k)) out[k] = c.get(k) ?? undefined;
  return out;
}

function format(year: number, month: number, day: number, unit: 'year' | 'month' | 'day'): string {
  if (unit === 'year') return String(year);
  if (unit === 'month') return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The weekday nearest the publication date: the last one on or before it, or the next one after it when the sentence speaks of the future. */
function weekdayNear(published: string, weekday: number, future: boolean): string {
  const ref = new Date(`${published}T12:00:00Z`);
  const today = ref.getUTCDay();
  const shift = future ? (weekday - today + 7) % 7 || 7 : -((today - weekday + 7) % 7);
  const d = new Date(ref.getTime() + shift * 86_400_000);
  return format(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 'day');
}

/** A front-matter or byline date ("2025-09-18", "18 September 2025", "Sept 18, 2025", an ISO timestamp) as YYYY-MM-DD, or null. */
export function normaliseDate(s: string): string | null {
  const trimmed = s.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(trimmed);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const parsed = dayReader.parse(trimmed)[0];
  if (!parsed) return null;
  const known = certain(parsed.start);
  if (known.year === undefined || known.month === undefined || known.day === undefined) return null;
  return validDay(known.year, known.month, known.day);
}

function validDay(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return format(year, month, day, 'day');
}

/**
 * The publication date printed in the source's own header when the front matter has none:
 * a short line near the top that holds a full date ("By Jane Doe | Feb 14, 2025").
 */
export function headerDate(raw: string): string | null {
  const lines = raw.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, patternData.headerLines);
  for (const line of lines) {
    // a full date has a year in digits: a line without two digits in a row is not read by chrono
    if (line.length > 140 || /[.!?]["”]?$/.test(line) || !/\d\d/.test(line)) continue;
    const parsed = dayReader.parse(line).find((r) => r.start.isCertain('year') && r.start.isCertain('day'));
    if (parsed) return validDay(parsed.start.get('year')!, parsed.start.get('month')!, parsed.start.get('day')!);
  }
  return null;
}

export function extractDates() {
  return (_tree: Root, file: VFile): void => {
    const text = file.data.doc!.text;
    let published = file.data.publishedDate ?? null;
    if (!published) {
      published = headerDate(String(file.value ?? ''));
      if (published) note(file, `no publication date in the front matter; relative dates resolved against ${published} from the article's header`, 'dates/header-date', 0);
    }
    const x = file.data.extraction!;
    const dates = findDates(text, published, x.sentences, x.figures);
    for (const d of dates as (DateMention & { why?: string })[]) {
      if (d.why) note(file, `"${d.text}" left unresolved: ${d.why}`, 'dates/unresolved', d.span.start);
      delete d.why;
    }
    x.dates = dates;
  };
}
