// An article's figures and dates as the site holds them: packed into one buffer, outside the
// JavaScript heap, and unpacked when a page reads them. As objects they were half of a held record
// (5.6 of 10.9 KiB an article, measured at 4,000 synthetic articles), and at 100,000 articles a heap
// that full had V8 collecting for about a third of the render's time. Most articles' facts are
// read a handful of times a build (the timeline, the figures list, records.json, their entities'
// pages, their own page), so unpacking them each time costs less than holding them.
import v8 from 'node:v8';
import type { HeldRecord } from '../types.ts';

type HeldFigure = HeldRecord['figures'][number];
type HeldDate = HeldRecord['dates'][number];

/**
 * Every field, in the order records.json prints it (a figure's optional fields are absent, not
 * undefined, when it has none). `sentence` is packed as an index into the article's sentences:
 * several facts often share one.
 */
const FIGURE_FIELDS = ['text', 'value', 'min', 'max', 'unit', 'measure', 'sentence', 'start', 'end', 'convertsFigure'] as const satisfies readonly (keyof HeldFigure)[];
const DATE_FIELDS = ['text', 'value', 'sentence', 'start', 'end'] as const satisfies readonly (keyof HeldDate)[];

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

type Packable = { figures: HeldFigure[]; dates: HeldDate[]; [PACKED]?: Uint8Array };

/**
 * Gives `target` (a held record being made, without figures and dates yet) the packed form of
 * `figures` and `dates`, read through getters of those names.
 */
export function packFacts(target: object, figures: HeldFigure[], dates: HeldDate[]): void {
  const sentences: string[] = [];
  const sentenceIndex = new Map<string, number>();
  const row = (fact: object, fields: readonly string[]) =>
    fields.map((field) => {
      const value = (fact as Record<string, unknown>)[field];
      if (field !== 'sentence') return value;
      let at = sentenceIndex.get(value as string);
      if (at === undefined) sentenceIndex.set(value as string, (at = sentences.push(value as string) - 1));
      return at;
    });
  const packed = v8.serialize([sentences, figures.map((f) => row(f, FIGURE_FIELDS)), dates.map((d) => row(d, DATE_FIELDS))]);
  // a copy in Node's shared pool: the serialiser's buffer is an allocation of its own per article,
  // grown by doubling, and an ArrayBuffer each besides
  (target as Packable)[PACKED] = Buffer.from(packed);
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
 * of its points). Bounded, so that memory stays flat; frozen, since a change would not be kept.
 */
const recent = new Map<Uint8Array, Facts>();
const RECENT_MAX = 4096;

function unpacked(packed: Uint8Array): Facts {
  let facts = recent.get(packed);
  if (!facts) {
    const [sentences, figures, dates] = v8.deserialize(packed) as [string[], unknown[][], unknown[][]];
    facts = Object.freeze({
      figures: Object.freeze(figures.map((r) => fact(r, FIGURE_FIELDS, sentences))) as HeldFigure[],
      dates: Object.freeze(dates.map((r) => fact(r, DATE_FIELDS, sentences))) as HeldDate[],
    });
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(packed, facts);
  }
  return facts;
}

function fact<T>(row: unknown[], fields: readonly string[], sentences: string[]): T {
  const out: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    const value = row[i];
    if (value !== undefined) out[field] = field === 'sentence' ? sentences[value as number] : value;
  });
  return Object.freeze(out) as T;
}
