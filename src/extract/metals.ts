// Metals named in the article: every metal or metalloid element (and "rare earths"), by canonical
// name, with the spans of all its mentions. Words that only sometimes name a metal ("lead", "iron
// out", "silver lining") and metal words inside company or place names ("Southern Copper") are
// skipped; skipped "lead"s are noted so a reader can check the call.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Span, TermMention } from '../types.ts';
import { metalsList as metalData } from '../data/word-lists.ts';
import { note } from './place.ts';

interface MetalsData {
  metals: { name: string; forms: string[] }[];
  notMetalAfter: Record<string, string[]>;
  notMetalBefore: Record<string, string[]>;
  needsContext: Record<string, { contextWords: string[] }>;
  nameEndings: string[];
  gradeSymbols: Record<string, string>;
}
const data = metalData as unknown as MetalsData;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const CANONICAL = new Map<string, string>();
for (const m of data.metals) for (const f of m.forms) CANONICAL.set(f.toLowerCase(), m.name);
const ALL_FORMS = [...CANONICAL.keys()].sort((a, b) => b.length - a.length);
const FORM_RE = new RegExp(`(?<![A-Za-z])(?:${ALL_FORMS.map(escape).join('|')})(?![A-Za-z])`, 'gi');
// a metal directly listed beside another one ("zinc and lead", "lead-zinc")
const LISTED_BEFORE = new RegExp(`(?:${ALL_FORMS.map(escape).join('|')})\\s*(?:,|and|or|&|/|-)\\s*$`, 'i');
const LISTED_AFTER = new RegExp(`^\\s*(?:,|and|or|&|/|-)\\s*(?:${ALL_FORMS.map(escape).join('|')})(?![A-Za-z])`, 'i');
const NAME_ENDINGS = new Set(data.nameEndings);
/** The words after a metal's name that make an idiom of it ("lead the way"), each with its pattern; a word starting with "-" is matched as written ("lead-in"). */
const IDIOMS_AFTER = new Map(
  Object.entries(data.notMetalAfter).map(([name, words]) => [name, words.map((word) => ({ word, pattern: word.startsWith('-') ? null : new RegExp(`^\\s+${escape(word)}(?![A-Za-z])`, 'i') }))]),
);
// "4.62g/t Au", "1.2% Cu", "1.4% Li2O": a symbol right after a grade
const GRADE_SYMBOL = new RegExp(`(?:\\d\\s*(?:g/t|%|ppm|ppb|oz/t|kg/t|lb/t)|\\bgrading)\\s*(${Object.keys(data.gradeSymbols).sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z0-9-])`, 'g');

export interface SkippedMetal {
  name: string;
  offset: number;
  reason: string;
}

export interface MetalsFound {
  metals: TermMention[];
  skipped: SkippedMetal[];
}

/** Finds metal mentions in `text`; mentions inside `excluded` spans (company names) do not count. */
export function findMetals(text: string, excluded: Span[] = []): MetalsFound {
  const byName = new Map<string, Span[]>();
  const skipped: SkippedMetal[] = [];
  for (const m of text.matchAll(FORM_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const name = CANONICAL.get(m[0].toLowerCase())!;
    if (excluded.some((s) => s.start <= start && end <= s.end)) continue;
    const reason = whyNotMetal(text, name, m[0], start, end);
    if (reason) {
      skipped.push({ name, offset: start, reason });
      continue;
    }
    const spans = byName.get(name) ?? [];
    spans.push({ start, end });
    byName.set(name, spans);
  }
  for (const m of text.matchAll(GRADE_SYMBOL)) {
    const name = data.gradeSymbols[m[1]!]!;
    const start = m.index + m[0].length - m[1]!.length;
    byName.set(name, [...(byName.get(name) ?? []), { start, end: start + m[1]!.length }]);
  }
  const metals = [...byName].map(([name, spans]) => ({ name, spans: spans.sort((a, b) => a.start - b.start) }));
  return { metals, skipped };
}

function whyNotMetal(text: string, name: string, surface: string, start: number, end: number): string | null {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 40);
  const prevWord = /([A-Za-z'’-]+)[\s]*$/.exec(before)?.[1] ?? '';
  const nextWord = /^[\s]*([A-Za-z'’]+)/.exec(after)?.[1] ?? '';
  if (/^[A-Z][a-z]/.test(surface) && isInName(before, after, nextWord)) return `"${surface}" is part of a name`;
  for (const { word, pattern } of IDIOMS_AFTER.get(name) ?? []) {
    if (pattern ? pattern.test(after) : after.toLowerCase().startsWith(word)) return `"${surface} ${word.replace(/^-/, '')}" is an idiom`;
  }
  if ((data.notMetalBefore[name] ?? []).includes(prevWord.toLowerCase())) return `"${prevWord} ${surface}" is an idiom`;
  const context = data.needsContext[name];
  if (context) {
    const following = /^-?\s*([A-Za-z]+)/.exec(after)?.[1]?.toLowerCase() ?? '';
    const hyphened = /^-([A-Za-z]+)/.exec(after)?.[1]?.toLowerCase();
    const ok =
      context.contextWords.includes(following) ||
      (hyphened !== undefined && context.contextWords.includes(`-${hyphened}`)) ||
      LISTED_BEFORE.test(before) ||
      LISTED_AFTER.test(after);
    if (!ok) return `"${surface}" here is not the metal (no metal context)`;
  }
  return null;
}

/**
 * A capitalised metal word is a name ("Jiangxi Copper", "Silver Lake Resources") unless it merely
 * starts a sentence ("Copper prices rose"): there, only a capitalised word after it makes a name.
 */
function isInName(before: string, after: string, nextWord: string): boolean {
  const sentenceStart = /(?:^|[.!?:;]["'”’)]?\s+|\n\s*(?:[-•*–]\s+)?|["“‘(]\s*|\s[—–-]\s+)$/.test(before);
  if (!sentenceStart) return true;
  return /^\s+[A-Z][a-z]/.test(after) || NAME_ENDINGS.has(nextWord);
}

export function extractMetals() {
  return (_tree: Root, file: VFile): void => {
    const text = file.data.doc!.text;
    const companySpans = (file.data.extraction!.companies ?? []).flatMap((c) => c.spans);
    const { metals, skipped } = findMetals(text, companySpans);
    for (const s of skipped) if (s.name === 'lead') note(file, s.reason, 'metals/ambiguous', s.offset);
    file.data.extraction!.metals = metals;
  };
}
