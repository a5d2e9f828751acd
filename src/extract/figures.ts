// Figures: amounts with a unit — money (ISO 4217 code), tonnes, ounces, pounds, percentages,
// prices per unit — fully scaled ("$1.7bn" is 1700000000). A number with no unit is a count or a
// year and is not a figure. Ranges ("12-17%", "between 5% and 8%") become one figure with min and
// max; an amount in brackets right after another ("$1.7bn (Y251.9bn)") converts it.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Figure, Sentence } from '../types.ts';
import currencyData from '../data/currencies.json' with { type: 'json' };
import scaleData from '../data/scales.json' with { type: 'json' };
import unitData from '../data/units.json' with { type: 'json' };
import { splitSentences, sentenceAt } from './sentences.ts';
import { figureMeasure } from './figure-measure.ts';

/** A word list entry: written in lower case it matches any case; with capitals only as written. */
interface Word<T> {
  word: string;
  value: T;
  anyCase: boolean;
  startsWithLetter: boolean;
  endsWithLetter: boolean;
}

/**
 * A word list, longest entry first, with its entries also grouped by their first character (lower
 * case) and by their last: a lookup at a position tries only the few entries that can match there.
 */
interface WordList<T> {
  byFirst: Map<string, Word<T>[]>;
  byLast: Map<string, Word<T>[]>;
}

const isLetter = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);

function wordList<T>(entries: [string, T][]): WordList<T> {
  const words = entries
    .map(([word, value]) => ({ word, value, anyCase: word === word.toLowerCase(), startsWithLetter: isLetter(word[0]), endsWithLetter: isLetter(word.at(-1)) }))
    .sort((a, b) => b.word.length - a.word.length);
  const group = (key: (w: Word<T>) => string): Map<string, Word<T>[]> => {
    const map = new Map<string, Word<T>[]>();
    for (const w of words) map.set(key(w), [...(map.get(key(w)) ?? []), w]);
    return map;
  };
  return { byFirst: group((w) => w.word[0]!.toLowerCase()), byLast: group((w) => w.word.at(-1)!) };
}

/** The longest entry of `list` written at `pos` and not running on into a letter. */
function wordAt<T>(text: string, pos: number, list: WordList<T>): Word<T> | undefined {
  const first = text[pos];
  const candidates = first === undefined ? undefined : list.byFirst.get(first.toLowerCase());
  if (!candidates) return undefined;
  for (const entry of candidates) {
    const same = text.startsWith(entry.word, pos) || (entry.anyCase && text.slice(pos, pos + entry.word.length).toLowerCase() === entry.word);
    if (!same) continue;
    if (entry.endsWithLetter && isLetter(text[pos + entry.word.length])) continue;
    return entry;
  }
  return undefined;
}

/** The longest entry of `list` that ends exactly at `pos` and does not continue a word before it. */
function wordBefore<T>(text: string, pos: number, list: WordList<T>): Word<T> | undefined {
  const last = pos > 0 ? text[pos - 1] : undefined;
  const candidates = last === undefined ? undefined : list.byLast.get(last);
  if (!candidates) return undefined;
  for (const entry of candidates) {
    const from = pos - entry.word.length;
    if (from < 0 || !text.startsWith(entry.word, from)) continue;
    if (entry.startsWithLetter && isLetter(text[from - 1])) continue;
    return entry;
  }
  return undefined;
}

const PREFIXES = wordList(currencyData.currencies.flatMap((c) => c.prefixes.map((p): [string, string] => [p, c.code])));
const SUFFIXES = wordList(currencyData.currencies.flatMap((c) => c.suffixes.map((s): [string, string] => [s, c.code])));
const SUBUNIT_ENTRIES = currencyData.subunits.flatMap((u) => u.suffixes.map((s): [string, { currency: string; factor: number }] => [s, { currency: u.currency, factor: u.factor }]));
const SUBUNITS = wordList(SUBUNIT_ENTRIES);
/** Subunits that may stand apart from the number ("342 pence"); a one-letter mark ("118p") counts only against it. */
const SPACED_SUBUNITS = wordList(SUBUNIT_ENTRIES.filter(([word]) => word.length > 1));
const SCALES = wordList(scaleData.scales.flatMap((s) => s.words.map((w): [string, number] => [w, s.factor])));
const MONEY_ONLY_SCALES = new Set(scaleData.moneyOnly);
const UNITS = wordList(unitData.units.flatMap((u) => u.words.map((w): [string, { unit: string; factor: number }] => [w, { unit: u.unit, factor: u.factor }])));
const MODIFIERS = wordList(unitData.modifiers.map((m): [string, true] => [m, true]));
const PERCENT = wordList(unitData.percent.words.map((w): [string, string] => [w, unitData.percent.unit]));
const BASIS_POINTS = wordList(unitData.basisPoints.words.map((w): [string, string] => [w, unitData.basisPoints.unit]));
const PER_JOINERS = wordList(unitData.perUnit.joiners.map((j): [string, true] => [j, true]));
const PER_UNITS = wordList(unitData.perUnit.words.flatMap((p) => p.words.map((w): [string, string] => [w, p.measure])));

const NUMBER_WORDS = new Map(Object.entries(scaleData.numberWords).filter((e): e is [string, number] => typeof e[1] === 'number'));
const NUMBER_WORD_RE = new RegExp(`(?<![A-Za-z])(?:${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join('|')})(?= )`, 'gi');
const NUMBER_RE = /(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])/g;

/** One amount as read from the text, before ranges and conversions are joined. */
interface Amount {
  start: number;
  end: number;
  /** The number as written, and with sign, scale and unit factor applied (null: no unit found). */
  number: number;
  value: number | null;
  unit: string | null;
  scale: number;
  unitFactor: number;
  perUnit?: string;
  hasScale: boolean;
  bare: boolean;
}

const skipSpaces = (text: string, pos: number, max = 1): number => {
  let p = pos;
  while (p - pos < max && (text[p] === ' ' || text[p] === '\u00a0')) p++;
  return p;
};

/** Reads the amount around the number at [numStart, numEnd), or null when it belongs to a code or name. */
function readAmount(text: string, numStart: number, numEnd: number, spelled?: number): Amount | null {
  const raw = spelled ?? Number(text.slice(numStart, numEnd).replace(/,/g, ''));
  let start = numStart;
  let currency: string | null = null;
  // currency before the number: "$", "A$", "Y", "RMB 112.4"
  const tight = wordBefore(text, numStart, PREFIXES);
  const spaced = text[numStart - 1] === ' ' ? wordBefore(text, numStart - 1, PREFIXES) : undefined;
  if (tight) {
    currency = tight.value;
    start = numStart - tight.word.length;
  } else if (spaced && !/^[A-Za-z]$/.test(spaced.word)) {
    // a code or symbol may stand apart ("RMB 112.4", "Rs 500"); a lone letter ("Y") may not
    currency = spaced.value;
    start = numStart - 1 - spaced.word.length;
  } else if (isLetter(text[numStart - 1]) || (text[numStart - 1] === '-' && isLetter(text[numStart - 2]))) {
    return null; // "FY2025", "Q3", "COVID-19": part of a word or code
  }
  // a sign in front: "-$43.50/t", "minus 5%" (a dash after a digit is a range, not a sign)
  let sign = 1;
  const beforeSign = text.slice(Math.max(0, start - 6), start);
  if (/(?:^|[\s(])[-−–]$/.test(beforeSign) || (start === 1 && /^[-−]/.test(text))) {
    sign = -1;
    start -= 1;
  } else if (/(?:^|\s)minus\s$/i.test(text.slice(Math.max(0, start - 7), start))) {
    sign = -1;
    start -= 6;
  }

  let pos = numEnd;
  let unit: string | null = currency;
  let scale = 1;
  let unitFactor = 1;
  let hasScale = false;
  let perUnit: string | undefined;

  // a unit that carries its own scale ("85kt", "2.3Mt", "390koz") or a scale ("bn", "million")
  const scaledUnit = wordAt(text, skipSpaces(text, pos), UNITS);
  if (scaledUnit && scaledUnit.value.factor !== 1 && !currency) {
    unit = scaledUnit.value.unit;
    unitFactor = scaledUnit.value.factor;
    pos = skipSpaces(text, pos) + scaledUnit.word.length;
  } else {
    const found = scaleAt(text, pos);
    if (found) {
      const moneyOnly = MONEY_ONLY_SCALES.has(found.scale.word.toLowerCase());
      if (!moneyOnly || currency || startsUnit(text, found.end)) {
        scale = found.scale.value;
        hasScale = true;
        pos = found.end;
      }
    }
    if (!currency) {
      const p = skipModifiers(text, skipSpaces(text, pos));
      const percent = wordAt(text, skipSpaces(text, pos), PERCENT);
      const basis = wordAt(text, skipSpaces(text, pos), BASIS_POINTS);
      const suffix = wordAt(text, skipSpaces(text, pos), SUFFIXES);
      const subunit = wordAt(text, pos, SUBUNITS) ?? (text[pos] === ' ' ? wordAt(text, pos + 1, SPACED_SUBUNITS) : undefined);
      const physical = wordAt(text, p, UNITS);
      if (percent) {
        unit = percent.value;
        pos = skipSpaces(text, pos) + percent.word.length;
      } else if (basis) {
        unit = basis.value;
        pos = skipSpaces(text, pos) + basis.word.length;
      } else if (suffix && !/^pounds?$/.test(suffix.word)) {
        unit = suffix.value;
        pos = skipSpaces(text, pos) + suffix.word.length;
      } else if (subunit) {
        unit = subunit.value.currency;
        unitFactor = subunit.value.factor;
        pos = (text[pos] === ' ' ? pos + 1 : pos) + subunit.word.length;
      } else if (physical && (physical.word.length > 1 || /[\s/,.;:)]|$/.test(text[p + 1] ?? ''))) {
        unit = physical.value.unit;
        unitFactor = physical.value.factor;
        pos = p + physical.word.length;
      }
    }
  }
  // a price per unit: "$1,050 a tonne", "$25/t", "2.5c/lb"
  if (unit && isMoney(unit)) {
    const per = perUnitAt(text, pos);
    if (per) {
      perUnit = per.measure;
      pos = per.end;
    }
  }
  // drill intercepts write metres as "m": "19.0m @ 4.6g/t Au from 412.0m", "300m down plunge"
  if (!unit && isDrillMetres(text, numStart, pos)) {
    unit = 'm';
    pos += 1;
  }
  const value = unit ? roundTo(sign * raw * scale * unitFactor) : null;
  return { start, end: pos, number: sign * raw, value, unit, scale, unitFactor, perUnit, hasScale, bare: unit === null };
}

/** "a tonne", "/t", "per dry metric tonne unit" after a price: what the price is per, and where that ends. */
function perUnitAt(text: string, pos: number): { measure: string; end: number } | undefined {
  const joinerAt = text[pos] === '/' ? pos : skipSpaces(text, pos);
  const joiner = text[joinerAt] === '/' ? { word: '/' } : wordAt(text, joinerAt, PER_JOINERS);
  if (!joiner) return undefined;
  // "per dry metric tonne unit" is a unit of its own; "per wet tonne" is a tonne
  const at = skipSpaces(text, joinerAt + joiner.word.length);
  const whole = wordAt(text, at, PER_UNITS);
  const unitAt = whole ? at : skipModifiers(text, at);
  const per = whole ?? wordAt(text, unitAt, PER_UNITS);
  return per && { measure: per.value, end: unitAt + per.word.length };
}

const DRILL = unitData.drillMetres;
const METRES_AFTER = new RegExp(DRILL.after, 'i');
const METRES_FROM = new RegExp(DRILL.fromBefore, 'i');
const GRADE_NEAR = new RegExp(DRILL.gradeNear, 'i');

/** "m" right after a number is metres in a drill intercept (money's "m" has its currency): before "@", "from" a depth, "down plunge". */
function isDrillMetres(text: string, numStart: number, pos: number): boolean {
  if (text[pos] !== 'm' || isLetter(text[pos + 1])) return false;
  const after = text.slice(pos + 1, pos + 40);
  if (METRES_AFTER.test(after)) return true;
  return METRES_FROM.test(text.slice(Math.max(0, numStart - 12), numStart)) && GRADE_NEAR.test(text.slice(Math.max(0, numStart - 80), numStart));
}

/** A scale word ("bn", "million") right after the number or one space after it (a one-letter scale only right after it). */
function scaleAt(text: string, pos: number): { scale: Word<number>; end: number } | undefined {
  const tight = wordAt(text, pos, SCALES);
  if (tight) return { scale: tight, end: pos + tight.word.length };
  const spaced = text[pos] === ' ' ? wordAt(text, pos + 1, SCALES) : undefined;
  return spaced && spaced.word.length > 1 ? { scale: spaced, end: pos + 1 + spaced.word.length } : undefined;
}

const MONEY_CODES = new Set(currencyData.currencies.map((c) => c.code));
const isMoney = (unit: string): boolean => MONEY_CODES.has(unit);

function startsUnit(text: string, pos: number): boolean {
  const p = skipModifiers(text, skipSpaces(text, pos));
  return wordAt(text, p, UNITS) !== undefined || wordAt(text, skipSpaces(text, pos), SUFFIXES) !== undefined;
}

function skipModifiers(text: string, pos: number): number {
  let p = pos;
  for (let m = wordAt(text, p, MODIFIERS); m && text[p + m.word.length] === ' '; m = wordAt(text, p, MODIFIERS)) p += m.word.length + 1;
  return p;
}

/** Removes floating-point noise from scaling ("1.7 * 1e9"). */
const roundTo = (n: number): number => Number(n.toPrecision(12));

const HYPHENED_UNIT = new RegExp(unitData.hyphened, 'gi');
const RANGE_JOINER = /^\s*(?:-|–|—|to|and)\s*$/;
const CONVERSION_OPEN = /^\s*\(\s*(?:about|around|approximately|roughly|some|or|~)?\s*$/i;

/** Every figure of `text`, in order. `sentences` default to the text's own sentences. */
export function findFigures(text: string, sentences: Sentence[] = splitSentences(text)): Figure[] {
  const amounts: Amount[] = [];
  // "a 45-million-tonne ceiling", "a 25,000-metre program" read as their spaced forms (same offsets)
  const scan = text.replace(HYPHENED_UNIT, ' ');
  for (const m of scan.matchAll(NUMBER_RE)) {
    const a = readAmount(scan, m.index, m.index + m[0].length);
    if (a) amounts.push(a);
  }
  for (const m of text.matchAll(NUMBER_WORD_RE)) {
    // "two million tonnes": a spelled number is a figure only with a scale and a unit (most are not: "a", "one")
    if (!scaleAt(text, m.index + m[0].length)) continue;
    const a = readAmount(text, m.index, m.index + m[0].length, NUMBER_WORDS.get(m[0].toLowerCase()));
    if (a && a.hasScale && a.unit) amounts.push(a);
  }
  amounts.sort((x, y) => x.start - y.start);
  const figures: Figure[] = [];
  const sentenceOf = (at: number): Sentence => sentenceAt(sentences, at) ?? { text: '', start: at, end: at };
  /** The figure before, when it is in the same sentence. */
  const previousIn = (sentence: Sentence) => {
    const last = figures.at(-1);
    return last && last.span.start >= sentence.start ? last : undefined;
  };
  for (let i = 0; i < amounts.length; i++) {
    const a = amounts[i]!;
    const b = amounts[i + 1];
    const range = b ? asRange(scan, a, b) : null;
    if (b && range) {
      const sentence = sentenceOf(a.start);
      figures.push(makeFigure(text, a.start, range.end, null, range.unitOf, sentence, previousIn(sentence), range));
      i++;
      continue;
    }
    if (!a.unit) continue;
    const previous = figures.at(-1);
    const between = previous ? text.slice(previous.span.end, a.start) : '';
    const sentence = sentenceOf(a.start);
    const figure = makeFigure(text, a.start, a.end, a.value, a, sentence, previousIn(sentence));
    if (previous && CONVERSION_OPEN.test(between) && /^\s*\)/.test(text.slice(a.end))) {
      figure.convertsFigure = figures.length - 1;
      // the same amount in another currency measures the same thing
      if (previous.measure) figure.measure = previous.measure;
      if (previous.direction) figure.direction = previous.direction;
      else delete figure.direction;
    }
    figures.push(figure);
  }
  return figures;
}

/**
 * Two amounts that form one range — "12-17%", "A$650-A$700 a tonne", "between 5% and 8%",
 * "$1-2 billion" — with both ends fully scaled; null when they are two figures.
 */
function asRange(text: string, a: Amount, b: Amount): { min: number; max: number; unitOf: Amount; end: number } | null {
  const between = text.slice(a.end, b.start);
  const per = b.unit ? undefined : perUnitAt(text, b.end);
  if (!RANGE_JOINER.test(between)) return null;
  const lead = text.slice(Math.max(0, a.start - 12), a.start);
  if (/\band\b/.test(between) && !/\bbetween\s+$/i.test(lead)) return null;
  // "from 5% to 8%" and "rose by $35 to $1,120" are a change, not a range
  if (/\bto\b/.test(between) && /\b(?:from|by)\s+(?:about\s+|around\s+)?$/i.test(lead)) return null;
  let low: number;
  let high: number;
  if (a.unit && b.unit) {
    if (a.unit !== b.unit) return null;
    low = !a.hasScale && b.hasScale ? roundTo(a.value! * b.scale) : a.value!;
    high = b.value!;
  } else if (b.unit) {
    // a bare first end takes the second's scale and unit ("12-17%"), if it reads as the lower end;
    // a year is not one ("for 2026 to 300,000 tonnes")
    if (a.number > b.number || a.number === 0 || /^(?:19|20)\d\d$/.test(text.slice(a.start, a.end))) return null;
    low = roundTo(a.number * b.scale * b.unitFactor);
    high = b.value!;
  } else if (a.unit && !a.hasScale && b.hasScale && isMoney(a.unit)) {
    // "$1-2 billion": the second end's scale applies to both, the first end's currency too
    low = roundTo(a.value! * b.scale);
    high = roundTo(b.number * b.scale * a.unitFactor);
  } else if (a.unit && isMoney(a.unit) && !a.hasScale && !b.hasScale && a.number < b.number && (per || /[-–]/.test(between))) {
    // a price range with its currency and unit once: "$10.40-10.90 per kg", "US$1.80–2.00/lb"
    low = a.value!;
    high = roundTo(b.number * a.unitFactor);
  } else return null;
  const unitOf = b.unit ? { ...b, perUnit: b.perUnit ?? a.perUnit } : { ...a, perUnit: a.perUnit ?? per?.measure };
  return { min: Math.min(low, high), max: Math.max(low, high), unitOf, end: !b.unit && per ? per.end : b.end };
}

function makeFigure(text: string, start: number, end: number, value: number | null, unitOf: Amount, sentence: Sentence, previous: Figure | undefined, range?: { min: number; max: number }): Figure {
  const figure: Figure = { text: text.slice(start, end), value, unit: unitOf.unit!, sentence: sentence.text, span: { start, end } };
  if (range) {
    figure.min = range.min;
    figure.max = range.max;
  }
  const { measure, direction } = figureMeasure({
    sentence: sentence.text,
    start: start - sentence.start,
    end: end - sentence.start,
    perUnit: unitOf.perUnit,
    unit: unitOf.unit!,
    money: isMoney(unitOf.unit!),
    previous: previous && { end: previous.span.end - sentence.start, unit: previous.unit, measure: previous.measure },
  });
  if (measure) figure.measure = measure;
  if (direction) figure.direction = direction;
  return figure;
}

export function extractFigures() {
  return (_tree: Root, file: VFile): void => {
    const text = file.data.doc!.text;
    file.data.extraction!.figures = findFigures(text, file.data.extraction!.sentences);
  };
}
