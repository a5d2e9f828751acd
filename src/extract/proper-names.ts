// Capitalised name sequences in running text ("Aluminum Corporation of China Ltd", "Red 5",
// "JX Nippon Mining & Metals'"), with offsets: the raw material the company, people and place
// extractors classify. Sentence-initial cue words ("Rival", "Meanwhile") are trimmed off.
import commonWords from '../data/common-words.json' with { type: 'json' };
import corporate from '../data/corporate-words.json' with { type: 'json' };

export interface Word {
  text: string;
  start: number;
  end: number;
}

export interface NameSeq {
  text: string;
  start: number;
  end: number;
  words: Word[];
  /** Followed by "'s" or a bare apostrophe ("Chalco's", "Metals'"). */
  possessive: boolean;
}

const SENTENCE_WORDS = new Set(commonWords.words);
export const DEMONYMS = new Set(commonWords.demonyms);
/** Lower-case words that may join two capitalised words inside one name. */
const CONNECTORS = new Set(['of', 'de', 'del', 'da', 'do', 'dos', 'y', 'van', 'von', 'der', 'la', 'le', 'du', 'bin']);

/** Titles that stand between a company and a person ("Lundin Mining CEO Jack Lundin"): they end a name. */
const BREAKERS = new Set(['CEO', 'CFO', 'COO', 'CTO', 'CIO', 'Chairman', 'Chairwoman', 'Chief', 'President', 'Director', 'Minister', 'Governor', 'Secretary', 'Premier', 'Senator', 'Spokesman', 'Spokeswoman', 'Spokesperson']);

/** Legal suffixes written in lower case ("Glencore plc") still end the name they follow. */
const LOWER_SUFFIXES = new Set(corporate.legalSuffixes.filter((w) => /^\p{Ll}/u.test(w)).map((w) => w.replace(/\.$/, '')));

const TOKEN = /[\p{L}\p{N}&][\p{L}\p{M}\p{N}&'’.\-/]*/gu;

const isApostrophe = (c: string | undefined) => c === "'" || c === '’';

function tokens(text: string): (Word & { possessive: boolean; stop: boolean })[] {
  const out: (Word & { possessive: boolean; stop: boolean })[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let word = m[0];
    let possessive = false;
    let stop = false;
    // "'s", "’s" or a bare apostrophe at the end
    const poss = isApostrophe(word.at(-1)) ? 1 : word.at(-1) === 's' && isApostrophe(word.at(-2)) ? 2 : 0;
    if (poss && word.length > poss) {
      word = word.slice(0, -poss);
      possessive = true;
    }
    // a final stop ends the word unless the word is dotted throughout ("S.A.", "U.S.") or a middle initial ("John D. Smith")
    if (word.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(word)) {
      word = word.slice(0, -1);
      stop = true;
    }
    if (word.endsWith('-') || word.endsWith('/')) word = word.replace(/[-/]+$/, '');
    if (!word) continue;
    out.push({ text: word, start: m.index, end: m.index + word.length, possessive, stop });
  }
  return out;
}

const isCapital = (w: string) => /^\p{Lu}/u.test(w) || w === '&';

/** A connector ("de", "la", "of") joins a name only when a capitalised word follows it, perhaps after more connectors ("Ricardo de la Fuente"). */
function connectsToName(toks: Word[], i: number, text: string): boolean {
  for (let j = i + 1; j < toks.length && j <= i + 3; j++) {
    if (text.slice(toks[j - 1]!.end, toks[j]!.start) !== ' ') return false;
    if (isCapital(toks[j]!.text)) return true;
    if (!CONNECTORS.has(toks[j]!.text)) return false;
  }
  return false;
}

/** The companies, people and places stages all read the same article's names: read once per text. */
let sequencesMemo: { text: string; seqs: readonly NameSeq[] } | null = null;

export function nameSequences(text: string): readonly NameSeq[] {
  if (sequencesMemo?.text !== text) sequencesMemo = { text, seqs: readNameSequences(text) };
  return sequencesMemo.seqs;
}

function readNameSequences(text: string): NameSeq[] {
  const toks = tokens(text);
  const seqs: NameSeq[] = [];
  let cur: typeof toks = [];
  const flush = () => {
    while (cur.length && CONNECTORS.has(cur[cur.length - 1]!.text)) cur.pop();
    while (cur.length && (SENTENCE_WORDS.has(cur[0]!.text) || CONNECTORS.has(cur[0]!.text) || /^(?:&|\d+)$/.test(cur[0]!.text))) cur.shift();
    if (cur.length) {
      const start = cur[0]!.start;
      const end = cur[cur.length - 1]!.end;
      seqs.push({ text: text.slice(start, end), start, end, words: cur.map(({ text: t, start: s, end: e }) => ({ text: t, start: s, end: e })), possessive: cur[cur.length - 1]!.possessive });
    }
    cur = [];
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = cur[cur.length - 1];
    const joined = prev !== undefined && /^[ \t]$/.test(text.slice(prev.end, t.start));
    const next = toks[i + 1];
    const fits =
      isCapital(t.text) ||
      (prev && LOWER_SUFFIXES.has(t.text) && isCapital(prev.text)) ||
      (prev && /^\d{1,3}$/.test(t.text) && isCapital(prev.text)) ||
      (prev && CONNECTORS.has(t.text) && connectsToName(toks, i, text));
    if (cur.length && (!joined || !fits || BREAKERS.has(t.text))) flush();
    if (BREAKERS.has(t.text)) continue;
    if (isCapital(t.text) || (cur.length && fits)) cur.push(t);
    if (t.possessive || t.stop) flush();
  }
  flush();
  return seqs;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every whole-word occurrence of `form` in `text` (case-sensitive; a possessive "'s" may follow). */
export function occurrences(text: string, form: string): { start: number; end: number }[] {
  // most forms are not in a given text: no pattern made for them (making one is most of the cost)
  if (!text.includes(form)) return [];
  const re = new RegExp(`(?<![\\p{L}\\p{N}&])${escapeRegExp(form)}(?![\\p{L}\\p{N}&]|-\\p{L})`, 'gu');
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + form.length }));
}

/** Where the sentence before the one holding `at` starts (sentence ends: a stop and a capital, or a blank line). */
export function previousSentenceStart(text: string, at: number): number {
  const ends = sentenceEnds(text);
  // the last end at or before `at`, then the one before it
  let lo = 0;
  let hi = ends.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! <= at) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return last >= 1 ? ends[last - 1]! : 0;
}

let endsMemo: { text: string; ends: number[] } | null = null;
function sentenceEnds(text: string): number[] {
  if (endsMemo?.text !== text) endsMemo = { text, ends: [...text.matchAll(/[.!?]["”’)]?\s+(?=["“‘(]?\p{Lu})|\n\n/gu)].map((m) => m.index + m[0].length) };
  return endsMemo.ends;
}

/** Answers "which of these spans covers this one?" in constant time: a per-character index of the widest span over it. */
export class SpanCover {
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  constructor(length: number, spans: { start: number; end: number }[]) {
    this.from = new Int32Array(length + 1).fill(-1);
    this.to = new Int32Array(length + 1).fill(-1);
    for (const s of spans) {
      for (let i = Math.max(0, s.start); i < Math.min(s.end, length); i++) {
        if (this.from[i] === -1 || s.end - s.start > this.to[i]! - this.from[i]!) {
          this.from[i] = s.start;
          this.to[i] = s.end;
        }
      }
    }
  }
  /** Does a span strictly wider than [start, end) cover it? */
  covers(start: number, end: number, strictlyWider = true): boolean {
    const f = this.from[start] ?? -1;
    const t = this.to[start] ?? -1;
    if (f < 0 || f > start || t < end) return false;
    return !strictlyWider || t - f > end - start;
  }
  /** Does any span touch [start, end)? */
  touches(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if ((this.from[i] ?? -1) >= 0) return true;
    return false;
  }
}
