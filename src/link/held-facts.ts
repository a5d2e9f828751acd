// An article's figures and dates as the site holds them: packed into one buffer, outside the
// JavaScript heap (UTF-8 JSON), and unpacked when a page reads them. As objects they were half of a held record
// (5.6 of 10.9 KiB an article, measured at 4,000 synthetic articles), and at 100,000 articles a heap
// that full had V8 collecting for about a third of the render's time. Most articles' facts are
// read a handful of times a build (the timeline, the figures list, records.json, their entities'
// pages, their own page), so unpacking them each time costs less than holding them.
import type { HeldRecord } from '../types.ts';

type HeldFigure = HeldRecord['figures'][number];
type HeldDate = HeldRecord['dates'][number];

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

const PACKED = Symbol('packed facts');

type Packable = { figures: HeldFigure[]; dates: HeldDate[]; [PACKED]?: Buffer };

/**
 * The packed form of `figures` and `dates` (JSON text): made where the record is made (an
 * extraction thread), stored in the record's cache file, and attached to the held record that is
 * read back (attachFacts), so a build that reads 100,000 records packs none of them.
 */
export function packedFacts(figures: HeldFigure[], dates: HeldDate[]): string {
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
  // dates first, on a line of their own: the timeline reads them alone (timelineDates)
  const dateRows = dates.map((d) => row(d, DATE_FIELDS));
  return `${JSON.stringify(dateRows)}\n${JSON.stringify([sentences, figures.map((f) => row(f, FIGURE_FIELDS))])}`;
}

/**
 * Each date's value and which of the article's sentences it is in (equal for two dates of one
 * sentence), without unpacking the facts: the timeline reads every article's dates each build
 * (at 100,000 articles, unpacking them all took seconds).
 */
export function timelineDates(held: Pick<HeldRecord, 'dates'>): [value: string | null, sentence: number | string][] {
  const packed = (held as unknown as Packable)[PACKED];
  if (!packed) return held.dates.map((d) => [d.value, d.sentence]);
  const rows = JSON.parse(packed.toString('utf8', 0, packed.indexOf(10))) as unknown[][];
  return rows.map((r) => {
    const d = fact<HeldDate & { sentence: number }>(r, DATE_FIELDS, DATE_NUMBERS, null);
    return [d.value, d.sentence];
  });
}

/**
 * Gives `target` (a held record being made, without figures and dates) the facts packed in
 * `packed` (packedFacts), read through getters of those names.
 */
export function attachFacts(target: object, packed: string): void {
  // in Node's shared pool: a buffer of its own per article would be an ArrayBuffer each besides
  (target as Packable)[PACKED] = Buffer.from(packed, 'utf8');
  Object.defineProperties(target, FACT_GETTERS);
}

/**
 * Gives `target` the figures and dates of `held`: the same packed buffer and getters when the held
 * record is packed, else its arrays (a record sent to the render thread arrives with plain arrays:
 * v8.serialize takes the getters' values). Call it where the properties belong in the object's order.
 */
export function shareFacts(target: object, held: HeldRecord): void {
  const packed = (held as unknown as Packable)[PACKED];
  if (!packed) {
    Object.assign(target, { figures: held.figures, dates: held.dates });
    return;
  }
  (target as Packable)[PACKED] = packed;
  Object.defineProperties(target, FACT_GETTERS);
}

// one pair of getters for every record: a getter of its own per record would be a closure each
const FACT_GETTERS: PropertyDescriptorMap = {
  figures: {
    get(this: Packable) {
      return unpacked(this[PACKED]!).figures;
    },
    enumerable: true,
    configurable: true,
  },
  dates: {
    get(this: Packable) {
      return unpacked(this[PACKED]!).dates;
    },
    enumerable: true,
    configurable: true,
  },
};

/**
 * Facts unpacked lately: a page reads an article's figures several times (a timeline page, each
 * of its points). Bounded, so that memory stays flat. The lists are frozen, since a change would
 * not be kept; the facts in them are not (freezing each took 40% of the time to unpack them), and
 * nothing may change one either.
 */
const recent = new Map<Buffer, Facts>();
const RECENT_MAX = 4096;

function unpacked(packed: Buffer): Facts {
  let facts = recent.get(packed);
  if (!facts) {
    // JSON, not v8.serialize: an article unpacks in 27 µs against 88 (measured at 4,000), which
    // counts at 100,000 (the timeline's pages alone unpack 150,000 times)
    const lineEnd = packed.indexOf(10);
    const dates = JSON.parse(packed.toString('utf8', 0, lineEnd)) as unknown[][];
    const [sentences, figures] = JSON.parse(packed.toString('utf8', lineEnd + 1)) as [string[], unknown[][]];
    facts = Object.freeze({
      figures: Object.freeze(figures.map((r) => fact(r, FIGURE_FIELDS, FIGURE_NUMBERS, sentences))) as HeldFigure[],
      dates: Object.freeze(dates.map((r) => fact(r, DATE_FIELDS, DATE_NUMBERS, sentences))) as HeldDate[],
    });
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(packed, facts);
  }
  return facts;
}

/** A fact from its row; with `sentences` null, a sentence stays its index. */
function fact<T>(row: unknown[], fields: readonly string[], numbers: ReadonlySet<string>, sentences: string[] | null): T {
  const out: Record<string, unknown> = {};
  const mask = row[0] as number;
  let at = 1;
  for (let bit = 0; bit < fields.length; bit++) {
    if (!(mask & (1 << bit))) continue;
    const field = fields[bit]!;
    const value = row[at++];
    // a string in a number's field is a number JSON could not hold (asJsonNumber)
    out[field] = field === 'sentence' ? (sentences ? sentences[value as number] : value) : typeof value === 'string' && numbers.has(field) ? Number(value) : value;
  }
  return out as T;
}
