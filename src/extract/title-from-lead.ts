// A title for an article that has neither a front-matter title nor a headline line: its lead
// sentence without the wire's furniture (dateline, agency tag, "reportedly", the weekday, the
// attribution), in sentence case, in a headline's grammar ("X to restart…" for "X said it will
// restart…"), and when longer than HEADLINE_MAX, cut where a clause or a phrase ends, never
// mid-phrase and never with "…". Word lists: src/data/title-from-lead.json.
import data from '../data/title-from-lead.json' with { type: 'json' };

export const HEADLINE_MAX = 90;

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const any = (words: string[]) => words.map(escape).join('|');
/** "SANTIAGO, Nov 27 (Reuters) -", "LONDON Dec 5", "TOKYO (Kyodo) —" at the start. */
const DATELINE = new RegExp(`^(?:[A-Z][A-Z.'’ -]{1,40}?(?:,?\\s+[A-Z][a-z]{2,8}\\.?\\s+\\d{1,2})?\\s*(?:\\((?:${any(data.agencies)})\\))?\\s*[-–—]+\\s*|[A-Z]{3,}(?:\\s[A-Z]{3,})*,?\\s+[A-Z][a-z]{2}\\.?\\s+\\d{1,2}\\s+(?=[A-Z]))`);
/** A newswire's dateline: "VANCOUVER, British Columbia, Feb. 10, 2026 /PRNewswire/ --", "PERTH, Australia, Jan. 20, 2026 (GLOBE NEWSWIRE) --". */
const NEWSWIRE_DATELINE = /^\*{0,2}[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z. ]{1,30}){0,2},?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}\s*(?:\/[A-Za-z -]+\/|\([A-Z][A-Za-z -]+\))\s*\*{0,2}\s*[-–—]+\s*/;
const AGENCY_TAG = new RegExp(`\\s*\\((?:${any(data.agencies)})\\)\\s*[-–—]?\\s*`, 'g');
const ATTRIBUTION = new RegExp(`,\\s*(?:${any(data.attributions)})\\b.*$`, 'i');
/** "on Tuesday", and the weekday right after the attribution verb ("said Thursday it will…"). */
const WEEKDAY = new RegExp(`\\s+on\\s+(?:${any(data.weekdays)})\\b|(?<=\\b(?:said|says|announced|reported))\\s+(?:${any(data.weekdays)})\\b`, 'g');
const HEDGES = new RegExp(`\\s+(?:${any(data.hedges)})\\b(?=\\s)`, 'gi');
const WIRE_CAPITALS = new Set(data.wireCapitals);
/** ", better known as Harita Nickel," and tickers "(ASX: PLS)", "(5713.T)": asides a title leaves out. */
const ASIDES = /,\s*(?:better|formerly|also|previously)\s+known\s+as\s+[^,]+,|\s*\((?:[A-Z]+:\s*[^)]+|[A-Z0-9]+\.[A-Z]{1,2})\)/g;
const CLAUSE_START = new RegExp(`(?:,\\s+|\\s+)(?=(?:${any(data.clauseStarts)})\\s)`, 'g');
const PHRASE_START = new RegExp(`\\s+(?=(?:${any(data.phraseStarts)})\\s)`, 'g');
const VERB_CUE = new RegExp(`\\b(?:${any(data.verbCues)})\\b|\\b[a-z]{3,}ed\\b`);
/**
 * "X said it will restart…" and "X said it had agreed…": the subject, a reporting verb, a pronoun
 * for the subject, then a future ("will", "plans to") or a perfect ("has", "had").
 */
const REPORTED = new RegExp(
  `^(.{3,80}?)\\s+(?:${any(data.reportingVerbs)})\\s+(?:that\\s+)?(${any(data.subjectPronouns)})\\s+(?:(${any(data.futureMarkers)})|(has|had|have))\\s+`,
  'i',
);
/** A subject that is itself a pronoun, or holds a reporting verb, is no headline's subject. */
const NOT_A_SUBJECT = new RegExp(`^(?:${any(data.subjectPronouns)})$|\\b(?:${any(data.reportingVerbs)})\\b`, 'i');

/** "X said it will restart the plant" → "X to restart the plant"; "X said it had agreed a deal" → "X has agreed a deal". */
function asHeadline(text: string): string {
  const m = REPORTED.exec(text);
  if (!m || NOT_A_SUBJECT.test(m[1]!)) return text;
  const [, subject, pronoun, future] = m;
  const auxiliary = future ? 'to' : /^they$/i.test(pronoun!) ? 'have' : 'has';
  return `${subject} ${auxiliary} ${text.slice(m[0].length)}`;
}

/** Words a title does not end on. */
const DANGLING = /\s(?:a|an|the|its|their|his|her|of|in|on|at|to|for|and|or|by|with|from|is|are|was|were|be|been|has|have|had|that|which|who)$/i;

/** A title from the lead sentence: the news of it, at most HEADLINE_MAX characters. */
export function titleFromLead(lead: string): string {
  let text = lead.replace(/\s+/g, ' ').trim().replace(NEWSWIRE_DATELINE, '').replace(DATELINE, '').replace(AGENCY_TAG, ' ').trim();
  text = asHeadline(sentenceCaseWire(text).replace(ASIDES, '').replace(ATTRIBUTION, '').replace(WEEKDAY, '').replace(HEDGES, '').replace(/[.!?]+$/, '').trim());
  if (text.length <= HEADLINE_MAX) return text || 'Untitled article';
  const room = text.slice(0, HEADLINE_MAX + 1);
  // the longest part that ends where a clause or a phrase does and says something (a verb in it)
  const cuts = [...cutsIn(room, CLAUSE_START), ...cutsIn(room, PHRASE_START)].sort((a, b) => b - a);
  for (const cut of cuts) {
    const title = tidy(room.slice(0, cut));
    if (title.length >= HEADLINE_MAX / 2 && !DANGLING.test(title) && VERB_CUE.test(title)) return title;
  }
  let words = room.slice(0, room.lastIndexOf(' '));
  while (DANGLING.test(words)) words = words.slice(0, words.lastIndexOf(' '));
  return tidy(words);
}

const cutsIn = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m.index).filter((i) => i > 0 && i <= HEADLINE_MAX);
const tidy = (text: string) => text.replace(/[\s,;:–—-]+$/, '');

/** "THE Democratic Republic of Congo…" → "The Democratic Republic of Congo…": a wire's capitals on a first word. */
function sentenceCaseWire(text: string): string {
  const first = /^[A-Z’']+(?=\s)/.exec(text)?.[0];
  if (!first || first.length < 2 || !WIRE_CAPITALS.has(first)) return text;
  return first.charAt(0) + first.slice(1).toLowerCase() + text.slice(first.length);
}
