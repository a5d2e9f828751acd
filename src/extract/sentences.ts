// Sentence boundaries with offsets into the cleaned text. Abbreviations that end in a period
// ("Corp.", "Dec.", "U.S.") do not end a sentence; a closing quotation mark after the stop
// belongs to the sentence it closes.
import type { Sentence } from '../types.ts';
import abbreviations from '../data/abbreviations.json' with { type: 'json' };

const ABBREVIATIONS = new Set(abbreviations.map((a) => a.toLowerCase()));

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  // Blocks (paragraphs, headings) never share a sentence.
  const blockRe = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
  for (let block = blockRe.exec(text); block; block = blockRe.exec(text)) {
    splitBlock(text, block.index, block.index + block[0].length, sentences);
  }
  return sentences;
}

function splitBlock(text: string, from: number, to: number, out: Sentence[]): void {
  let start = from;
  const endRe = /[.!?]+["'”’)\]]*(?=\s+|$)/g;
  endRe.lastIndex = from;
  for (let m = endRe.exec(text); m && m.index < to; m = endRe.exec(text)) {
    const end = m.index + m[0].length;
    if (end > to) break;
    if (!isBoundary(text, m.index, end, to)) continue;
    push(text, start, end, out);
    start = end;
  }
  push(text, start, to, out);
}

function isBoundary(text: string, stopAt: number, end: number, blockEnd: number): boolean {
  if (end >= blockEnd) return true;
  const stop = text[stopAt];
  const wordBefore = /([A-Za-z][A-Za-z.&]*)$/.exec(text.slice(Math.max(0, stopAt - 20), stopAt))?.[1] ?? '';
  const after = text.slice(end).replace(/^\s+/, '');
  const next = after[0] ?? '';
  if (stop === '.') {
    if (ABBREVIATIONS.has(`${wordBefore}.`.toLowerCase())) return false;
    // single initials ("John D. Smith") and dotted acronyms ("U.S.") are not ends unless a capitalised word follows a dotted acronym at the very end
    if (/^[A-Z]$/.test(wordBefore)) return false;
    if (/^(?:[A-Za-z]\.)+[A-Za-z]$/.test(wordBefore) && !/^[A-Z“"‘]/.test(next)) return false;
    // a decimal number ("1.7bn") never ends on its point: the regex requires whitespace after, so this is safe
  }
  // The next sentence starts with a capital, a digit, or an opening quote/bracket.
  return /^[A-Z0-9“"‘'(\[¥$€£]/.test(next);
}

function push(text: string, start: number, end: number, out: Sentence[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
}

/** The sentence that holds offset `at` (or the closest one before it). */
export function sentenceAt(sentences: Sentence[], at: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  let found: Sentence | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (s.start <= at) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
