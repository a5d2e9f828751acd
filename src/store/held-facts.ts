// An article's figures and dates as the site holds them: packed into one buffer, outside the
// JavaScript heap (UTF-8 JSON), and unpacked when a page reads them (factsOf). As objects they were
// half of a held record (5.6 of 10.9 KiB an article, measured at 4,000 synthetic articles), and at
// 100,000 articles a heap that full had V8 collecting for about a third of the render's time. Most
// articles' facts are read a handful of times a build (the timeline, the figures list,
// records.json, their entities' pages, their own page), so unpacking them each time costs less
// than holding them.
import type { DateMention, Figure, PackedFacts as Packed, Positioned } from '../types.ts';
import { timelineKey } from '../extract/timeline-key.ts';
import { BoundedMemo } from '../memo.ts';
import { SharedBlocks } from './shared-blocks.ts';

type HeldFigure = Positioned<Figure>;
type HeldDate = Positioned<DateMention>;

/**
 * Every field, in the order records.json prints it (a figure's optional fields are absent, not
 * undefined, when it has none). A packed fact is a row: a mask of the fields it has, then their
 * values. `sentence` is packed as an index into the article's sentences: several facts often share
 * one.
 */
const FIGURE_FIELDS = ['text', 'value', 'min', 'max', 'unit', 'measure', 'direction', 'sentence', 'start', 'end', 'convertsFigure'] as const satisfies readonly (keyof HeldFigure)[];
const DATE_FIELDS = ['text', 'value', 'sentence', 'start', 'end'] as const satisfies readonly (keyof HeldDate)[];
/** The fields that hold numbers: where JSON cannot hold one as it is, it is packed as its string. */
const FIGURE_NUMBERS: ReadonlySet<string> = new Set(['value', 'min', 'max', 'start', 'end', 'convertsFigure']);
const DATE_NUMBERS: ReadonlySet<string> = new Set(['start', 'end']);
/** JSON writes null for a number that is not finite, and 0 for -0. */
const asJsonNumber = (value: unknown) => (typeof value !== 'number' ? value : Object.is(value, -0) ? '-0' : Number.isFinite(value) ? value : String(value));

// a field added to Figure or DateMention and not to the lists above fails to type-check here
const everyFigureField: Exclude<keyof HeldFigure, (typeof FIGURE_FIELDS)[number]> extends never ? true : never = true;
const everyDateField: Exclude<keyof HeldDate, (typeof DATE_FIELDS)[number]> extends never ? true : never = true;
void everyFigureField;
void everyDateField;

export interface Facts {
  readonly figures: HeldFigure[];
  readonly dates: HeldDate[];
}

/**
 * An article's figures and dates, packed (packedFacts): what a held record and its linked article
 * hold in place of the lists, read through factsOf. Left out of JSON: records.json prints the lists,
 * and a page's key takes the record's digest instead.
 */
export class PackedFacts implements Packed {
  constructor(readonly bytes: Uint8Array) {}

  toJSON(): undefined {
    return undefined;
  }
}

/** A record's facts after a trip to another thread: v8.serialize keeps the bytes, not the class. */
export function revivedFacts(facts: { bytes: Uint8Array }): PackedFacts {
  return facts instanceof PackedFacts ? facts : new PackedFacts(facts.bytes);
}

/** Facts' bytes, many articles' to a block (a Buffer: its toString decodes them fastest, see text). */
export const factsBlocks = new SharedBlocks<Uint8Array>((length) => Buffer.allocUnsafe(length), 256 * 1024);

/**
 * Facts packed from their lists (packedFacts), as a held record holds them: a copy of the bytes
 * (read back from a cache file, they are a view of a buffer that the next read reuses).
 */
export function factsFrom(packed: Uint8Array): PackedFacts {
  return new PackedFacts(factsBlocks.copy(packed));
}

/** An article's figures and dates, unpacked (the lists are frozen: nothing may change them). */
export function factsOf(holder: { facts: PackedFacts }): Facts {
  return unpacked(holder.facts);
}

/**
 * The packed form of `figures` and `dates` (JSON text, as UTF-8): made where the record is made
 * (an extraction thread), stored in the record's cache file as bytes, and copied as they are by the
 * record read back (factsFrom), so a build that reads 100,000 records packs none of them and
 * decodes no text (as a string, each read made a string and encoded it again: 0.6 s at 100,000).
 */
export function packedFacts(figures: HeldFigure[], dates: HeldDate[]): Uint8Array {
  const sentences: string[] = [];
  const sentenceIndex = new Map<string, number>();
  const row = (fact: object, fields: readonly string[]) => {
    const out: unknown[] = [0];
    let mask = 0;
    fields.forEach((field, bit) => {
      let value = (fact as Record<string, unknown>)[field];
      if (value === undefined) return;
      mask |= 1 << bit;
      if (field === 'sentence') {
        let at = sentenceIndex.get(value as string);
        if (at === undefined) sentenceIndex.set(value as string, (at = sentences.push(value as string) - 1));
        value = at;
      }
      out.push(asJsonNumber(value));
    });
    out[0] = mask;
    return out;
  };
  // a line each (JSON holds no newline): the dates' timeline points (timelineLine, read by
  // forEachTimelinePoint); the counts of dates and figures, then for each date the first figure
  // stated in its sentence (-1: none); each date's row; each figure's; each sentence. A timeline
  // entry parses the lines it shows alone (dateAndFigureOf)
  const dateRows = dates.map((d) => JSON.stringify(row(d, DATE_FIELDS)));
  const figureRows = figures.map((f) => JSON.stringify(row(f, FIGURE_FIELDS)));
  const figureOfDate = dates.map((d) => figures.findIndex((f) => f.sentence === d.sentence));
  const lines = [timelineLine(dates), [dates.length, figures.length, ...figureOfDate].join(','), ...dateRows, ...figureRows, ...sentences.map((sentence) => JSON.stringify(sentence))];
  return Buffer.from(lines.join('\n'));
}

/**
 * The article's points on the timeline, `key:date,key:date`: each date's sortable key and its place
 * among the article's dates; a date with no year has none, and the same date in the same sentence
 * is one point.
 */
function timelineLine(dates: HeldDate[]): string {
  const seen = new Set<string>();
  const points: string[] = [];
  dates.forEach((d, i) => {
    const key = timelineKey(d.value);
    if (!key || seen.has(`${key}\0${d.sentence}`)) return;
    seen.add(`${key}\0${d.sentence}`);
    points.push(`${key}:${i}`);
  });
  return points.join(',');
}

/**
 * The article's points on the timeline (timelineLine), in the order of its dates, without
 * unpacking its facts: each point's key as its number (timelineCode) and its date's place, read
 * from the line's bytes. The timeline reads every article's each build (at 100,000 articles,
 * parsing the dates and keying them took 1.2 s; the line's keys as strings, 0.27 s more than
 * its numbers).
 */
export function forEachTimelinePoint(holder: { facts: PackedFacts }, each: (code: number, date: number) => void): void {
  const packed = holder.facts.bytes;
  const end = packed.indexOf(NEWLINE);
  // each point: YYYY, -MM and -DD or not, ":", its date's place, then "," or the line's end
  for (let at = 0; at < end; at++) {
    // a year alone is month 99 (timelineCode); four lets, not an array a point to take apart
    let year = 0;
    let month = 99;
    let day = 0;
    let part = 0;
    for (; packed[at] !== COLON; at++) {
      const byte = packed[at]!;
      if (byte === HYPHEN) {
        part++;
        if (part === 1) month = 0;
      } else if (part === 0) year = year * 10 + byte - ZERO;
      else if (part === 1) month = month * 10 + byte - ZERO;
      else day = day * 10 + byte - ZERO;
    }
    let date = 0;
    for (at++; at < end && packed[at] !== COMMA; at++) date = date * 10 + packed[at]! - ZERO;
    each(year * 10_000 + month * 100 + day, date);
  }
}

const [NEWLINE, COLON, HYPHEN, COMMA, ZERO] = [10, 58, 45, 44, 48];

/**
 * Facts unpacked lately: a page reads an article's figures several times (a timeline page, each
 * of its points: 66,000 of 70,000 asks answered in a cold build's thread at 4,000 articles). The
 * lists are frozen, since a change would not be kept; the facts in them are not (freezing each
 * took 40% of the time to unpack them), and nothing may change one either.
 */
const recent = new BoundedMemo<PackedFacts, Facts>(4096);

function unpacked(packedFacts: PackedFacts): Facts {
  return recent.get(packedFacts, unpack);
}

function unpack(packedFacts: PackedFacts): Facts {
  // JSON, not v8.serialize: an article unpacks in 27 µs against 88 (measured at 4,000), which
  // counts at 100,000 (the timeline's pages alone read 1.5 million points' facts)
  const packed = packedFacts.bytes;
  const lines = linesOf(packedFacts);
  const { dates: nDates, figures: nFigures } = lines;
  // each run of rows at once: a JSON array of them, the newlines between them its commas
  const run = <T>(first: number, count: number): T[] => (count ? (JSON.parse(`[${text(packed, lines.start(first), lines.end(first + count - 1)).replaceAll('\n', ',')}]`) as T[]) : []);
  const sentences = run<string>(FIRST_ROW + nDates + nFigures, lines.count - FIRST_ROW - nDates - nFigures);
  const sentenceOf = (i: number) => sentences[i]!;
  return Object.freeze({
    figures: Object.freeze(run<unknown[]>(FIRST_ROW + nDates, nFigures).map((r) => fact(r, FIGURE_FIELDS, FIGURE_NUMBERS, sentenceOf))) as HeldFigure[],
    dates: Object.freeze(run<unknown[]>(FIRST_ROW, nDates).map((r) => fact(r, DATE_FIELDS, DATE_NUMBERS, sentenceOf))) as HeldDate[],
  });
}

/** The line of the first date's row: the timeline's line and the counts' come before. */
const FIRST_ROW = 2;

/** Where each line of packed facts starts, and what the counts' line says. */
class FactLines {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly starts: Int32Array,
    readonly dates: number,
    readonly figures: number,
    /** For each date, the first figure stated in its sentence (-1: none). */
    readonly figureOfDate: Int32Array,
  ) {}

  get count(): number {
    return this.starts.length;
  }

  start(line: number): number {
    return this.starts[line]!;
  }

  /** Where the line ends (its newline, or the bytes' end). */
  end(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.bytes.length;
  }

  /** The line as JSON, parsed. */
  parse(line: number): unknown {
    return JSON.parse(text(this.bytes, this.start(line), this.end(line)));
  }
}

function linesOf(packedFacts: PackedFacts): FactLines {
  const packed = packedFacts.bytes;
  const starts = [0];
  for (let at = packed.indexOf(NEWLINE); at >= 0; at = packed.indexOf(NEWLINE, at + 1)) starts.push(at + 1);
  const counts = text(packed, starts[1]!, starts.length > 2 ? starts[2]! - 1 : packed.length).split(',').map(Number);
  return new FactLines(packed, Int32Array.from(starts), counts[0]!, counts[1]!, Int32Array.from(counts.slice(2)));
}

/**
 * Where the lines of facts read lately for a timeline entry start: a timeline page's points are
 * often a few of one article's (at 100,000 articles, 40 of every 100 points a page were of an
 * article it had already).
 */
const recentLines = new BoundedMemo<PackedFacts, FactLines>(256);

/**
 * Date `dateIndex` of an article and the first figure stated in its sentence, as a timeline entry
 * shows them, without unpacking the article's facts whole (nor remembering them) when they are not
 * remembered already: the date's row, the figure's and their sentence are parsed alone. The
 * timeline's points come in date order, from articles no bounded memo of whole facts holds at
 * 100,000 (1.5 million points): unpacking each whole there was 25 s of a cold build, parsing every
 * row and sentence of each point's article 12-18 s.
 */
export function dateAndFigureOf(holder: { facts: PackedFacts }, dateIndex: number): { date: HeldDate; figure: HeldFigure | undefined } {
  const known = recent.peek(holder.facts);
  if (known) {
    const date = known.dates[dateIndex]!;
    return { date, figure: known.figures.find((f) => f.sentence === date.sentence) };
  }
  const lines = recentLines.get(holder.facts, linesOf);
  const figureAt = lines.figureOfDate[dateIndex]!;
  // the date's and the figure's are one sentence: parsed once
  let parsed: [number, string] | undefined;
  const sentenceOf = (i: number) => (parsed?.[0] === i ? parsed : (parsed = [i, lines.parse(FIRST_ROW + lines.dates + lines.figures + i) as string]))[1];
  const date = fact<HeldDate>(lines.parse(FIRST_ROW + dateIndex) as unknown[], DATE_FIELDS, DATE_NUMBERS, sentenceOf);
  return { date, figure: figureAt < 0 ? undefined : fact(lines.parse(FIRST_ROW + lines.dates + figureAt) as unknown[], FIGURE_FIELDS, FIGURE_NUMBERS, sentenceOf) };
}

/** A fact from its row, its sentence from the article's sentences (by its index among them). */
function fact<T>(row: unknown[], fields: readonly string[], numbers: ReadonlySet<string>, sentenceOf: (index: number) => string): T {
  const out: Record<string, unknown> = {};
  const mask = row[0] as number;
  let at = 1;
  for (let bit = 0; bit < fields.length; bit++) {
    if (!(mask & (1 << bit))) continue;
    const field = fields[bit]!;
    const value = row[at++];
    // a string in a number's field is a number JSON could not hold (asJsonNumber)
    out[field] = field === 'sentence' ? sentenceOf(value as number) : typeof value === 'string' && numbers.has(field) ? Number(value) : value;
  }
  return out as T;
}

const decoder = new TextDecoder();

/** UTF-8 text of a part of the bytes (a Buffer here, a plain Uint8Array after a trip to another thread). */
function text(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.isBuffer(bytes) ? bytes.toString('utf8', from, to) : decoder.decode(bytes.subarray(from, to));
}
