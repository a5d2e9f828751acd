// What a figure measures, read from its sentence: the noun phrase it quantifies ("net profit",
// "annual cathode target", "germanium output", "share price", "cost of the open-pit mine"), and
// where the text says so its direction (rise, fall, target, forecast, guidance). The rules follow
// how news sentences attach an amount to its subject — "X of $N", "X rose N% to M", "cut X to N
// from M", "spend $N", "a $N stake", "N tonnes of X" — and the word lists are data
// (src/data/measures.json).
import data from '../data/measures.json' with { type: 'json' };
import { metalsList as metalData } from '../data/word-lists.ts';

export interface FigureMeasure {
  measure?: string;
  direction?: string;
}

export interface MeasureInput {
  /** The figure's sentence, and the figure's place in it. */
  sentence: string;
  start: number;
  end: number;
  /** The unit's own "price per tonne" when the figure is a price per unit. */
  perUnit?: string;
  unit: string;
  money: boolean;
  /** The figure before it in the same sentence: "to Y48.6bn from Y78bn", ", up 4.9%", "12% to 17%". */
  previous?: { end: number; unit: string; measure?: string };
}

const set = (words: readonly string[]) => new Set(words);
const RISE = set(data.changeVerbs.rise);
const FALL = set(data.changeVerbs.fall);
/** Verbs whose "to N" is the level their subject reaches, neither a rise nor a fall said. */
const LEVEL = set(data.levelVerbs);
const OBJECT_CHANGE = new Map<string, string>(Object.entries(data.changeObjectVerbs).flatMap(([direction, verbs]) => verbs.map((v): [string, string] => [v, direction])));
const OBJECT_VERBS = new Map(Object.entries(data.objectVerbs));
const PRICE_VERBS = set(data.priceVerbs);
const ATTRIBUTIVE = set(data.attributiveHeads);
const ASSETS = set(data.assetHeads);
const BOUNDARY = set(data.boundaryWords);
const AUXILIARY = set(data.auxiliaries);
const PREPOSITION = set(data.prepositions);
const DETERMINER = set(data.determiners);
const NOUN_FOR = new Map(Object.entries(data.nounFor));
const PHRASAL = set(data.phrasalParticles.verbs);
const GENERIC = set(data.genericHeads);
const TIME = set(data.timeHeads);
const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const QUALIFIERS = new RegExp(`(?:^|\\s)(?:${byLength(data.qualifiers).join('|')})\\s*$`, 'i');
const LINKING = new RegExp(`(?:^|\\s)(?:${byLength([...data.linkingVerbs, 'of']).join('|')})\\s*$`, 'i');
const DIRECTION_WORDS = Object.entries(data.directions).map(([direction, words]) => [direction, new RegExp(`\\b(?:${byLength(words).join('|')})\\b`, 'i')] as const);
/** A word, a number or a mark that ends a phrase. */
const TOKEN = /[A-Za-z0-9$€£¥][\w$€£¥'’&/-]*(?:\.(?=\w))?[\w-]*|[,;:()"“”—–]/g;
const MAX_WORDS = 6;
const TAIL_MEASURES = data.tailMeasures.map((t) => ({ re: new RegExp(t.pattern, 'iu'), measure: t.measure }));
const COST_OF = new RegExp(data.costOf, 'i');
const CONTENT_WORDS = set(data.contentWords);
const GRADE_SYMBOLS = new Map(Object.entries(metalData.gradeSymbols));
const METAL_FORMS = new Set(metalData.metals.flatMap((m) => m.forms));
/** Units of things counted or weighed: their "stocks" are inventories, never a share price. */
const PHYSICAL = new Set(['t', 'oz', 'lb', 'kg', 'g', 'm', 'km', 'ha', 'g/t', 'bbl']);
/** "Revenue: US$1.7 billion", "- Copper production: 118,600 tonnes (2024: 106,900 tonnes)": a line's label before a colon. */
const LABEL = /^\s*(?:[-•*▪]\s*)?(\p{Lu}[^:()\n"“”]{1,60}?)\s*:\s*(?:[^()\n:]*\(\s*(?:19|20)\d\d\s*:\s*)?$/u;

const tokens = (text: string) => (text.match(TOKEN) ?? []).map((t) => t.replace(/’/g, "'"));
const isWord = (t: string) => /^[A-Za-z]/.test(t);
const lower = (t: string) => t.toLowerCase();
/** A possessive of time ("last year's"), not of an owner. */
const isTimePossessive = (t: string) => /^(?:year|month|week|quarter|day)'s$/i.test(t);
/** Past and irregular forms: a change word in them is a verb, not part of a noun phrase. */
const VERB_FORM = /(?:ed|^rose|^fell|^grew|^sank|^shrank|^slid|^shed|^lost|^up|^down|^cut|^set|^put|^hit|^held|^kept|^took|^brought)$/;
/** A finite verb of the kind that starts another clause ("show", "reported"), seen while reading a phrase backwards. */
const looksLikeVerb = (t: string) => /^(?:show|shows|showed|reported|reports|posted|posts|said|says|told|added|noted)$/i.test(t);

/** The text before the figure with "about", "more than", "between"… taken off its end. */
function leadOf(before: string): string {
  // brackets and relative clauses set off by commas are asides: "X, which trade in Lima, rose"
  let lead = before.replace(/\([^()]*\)/g, ' ').replace(/,\s*(?:which|who|whose|where)\b[^,]*,/gi, ' ').replace(/\s+$/, '');
  for (let m = QUALIFIERS.exec(lead); m && m[0].trim(); m = QUALIFIERS.exec(lead)) lead = lead.slice(0, m.index).replace(/\s+$/, '');
  return lead;
}

/**
 * The noun phrase that ends at the end of `words`, read backwards: a prepositional phrase it ends
 * with is dropped ("germanium output at Trail" → "germanium output"); it stops at a determiner,
 * a mark, a clause word or a verb.
 */
function phraseBefore(words: string[]): { phrase: string[]; atStart: boolean } {
  let phrase: string[] = [];
  let first = words.length;
  let i = words.length - 1;
  while (i >= 0 && (AUXILIARY.has(lower(words[i]!)) || /^[a-z]+ly$/.test(words[i]!))) i--;
  for (; i >= 0; i--) {
    const w = words[i]!;
    const l = lower(w);
    if (l === 'and' && phrase.length && phrase.length <= 2 && i > 0 && /^[a-z]+$/.test(words[i - 1]!) && !BOUNDARY.has(words[i - 1]!) && !PREPOSITION.has(words[i - 1]!)) {
      // "treatment and refining charges"
      phrase.unshift(l);
      continue;
    }
    // "concentrate with 6% lithium oxide rose": the content is an aside, the subject stands before it
    if (/^\d/.test(w) && phrase.length && i > 0 && CONTENT_WORDS.has(lower(words[i - 1]!))) {
      phrase = [];
      i--;
      continue;
    }
    if (!isWord(w) || BOUNDARY.has(l) || looksLikeVerb(w) || isTimePossessive(w)) break;
    // "value", "forecast", "rise" are nouns as the phrase's last word; before it, a verb's form ends it
    if (phrase.length && (RISE.has(l) || FALL.has(l) || OBJECT_CHANGE.has(l)) && VERB_FORM.test(l)) break;
    if (PREPOSITION.has(l) || l === 'of') {
      // what was read is the preposition's object, when a noun stands before the preposition:
      // the phrase is that noun's ("germanium output at Trail"); a participle before the
      // preposition is an aside too ("charge agreed between miners and smelters")
      const prior = words[i - 1];
      if (!prior || !isWord(prior) || BOUNDARY.has(lower(prior)) || AUXILIARY.has(lower(prior)) || /^(?:up|down)$/i.test(prior)) break;
      phrase = [];
      if (/[a-z]ed$/.test(prior) && i > 1 && isWord(words[i - 2]!)) i--;
      continue;
    }
    if (DETERMINER.has(l)) {
      if (i > 0 && (PREPOSITION.has(lower(words[i - 1]!)) || lower(words[i - 1]!) === 'of') && phrase.length) continue;
      break;
    }
    phrase.unshift(w);
    first = i;
  }
  return { phrase: phrase.slice(-MAX_WORDS), atStart: first === 0 };
}

/** The noun phrase that starts `words` (an object after its verb), up to a preposition or a mark; "of X" is part of it. */
function phraseAfter(words: string[]): string[] {
  const phrase: string[] = [];
  let i = 0;
  while (i < words.length && DETERMINER.has(lower(words[i]!))) i++;
  for (; i < words.length && phrase.length < MAX_WORDS + 2; i++) {
    const w = words[i]!;
    const l = lower(w);
    if (l === 'of' || (l === 'and' && phrase.includes('of'))) {
      phrase.push(l);
      continue;
    }
    if (!isWord(w) || BOUNDARY.has(l) || PREPOSITION.has(l) || DETERMINER.has(l)) break;
    phrase.push(w);
  }
  while (phrase.length && (phrase.at(-1) === 'of' || phrase.at(-1) === 'and')) phrase.pop();
  return phrase;
}

/**
 * A phrase as a measure: "Shares" reads "share price"; a phrase of names only ("Lynas") measures
 * nothing; a first word capitalised only because it starts the sentence is written small.
 */
function named(phrase: string[], atSentenceStart: boolean, unit?: string): string | undefined {
  if (!phrase.length) return undefined;
  // "Shares in Pilbara", "Sumitomo shares" are a share price; "LME stocks", "port stocks" and stocks in tonnes are inventories
  const noun = NOUN_FOR.get(lower(phrase.at(-1)!));
  const owners = phrase.slice(0, -1);
  const ordinaryOwner = owners.some((w, i) => (/^\p{Ll}/u.test(w) && !/['’]s$/.test(w)) || (i === 0 && atSentenceStart && /^\p{Lu}\p{Ll}*-\p{Ll}/u.test(w)));
  if (noun && !(unit && PHYSICAL.has(unit)) && !ordinaryOwner) return noun;
  if (/^prices$/i.test(phrase.at(-1)!)) phrase = [...phrase.slice(0, -1), 'price'];
  const capitalised = (w: string) => /^[A-Z]/.test(w);
  if (phrase.every(capitalised) && !(atSentenceStart && phrase.length === 1)) return undefined;
  const [first, ...rest] = phrase;
  const ordinary = atSentenceStart && /^[A-Z][a-z]+(?:-[a-z]+)*$/.test(first!) && (rest.length === 0 || !capitalised(rest[0]!));
  return [ordinary ? first!.toLowerCase() : first, ...rest].join(' ');
}

/** The clause that holds the figure: what comes after the last mark or clause word before it. */
function clauseOf(words: string[]): string[] {
  for (let i = words.length - 1; i >= 0; i--) if (/^[,;:"“”—–]$/.test(words[i]!)) return words.slice(i + 1);
  return words;
}

function directionIn(measure: string | undefined, clause: string): string | undefined {
  for (const [direction, re] of DIRECTION_WORDS) if (measure && re.test(measure)) return direction;
  for (const [direction, re] of DIRECTION_WORDS) if (re.test(clause)) return direction;
  return undefined;
}

/** What the figure measures and its direction, from its sentence. */
export function figureMeasure(input: MeasureInput): FigureMeasure {
  const { start, end, previous } = input;
  // "28 per cent" reads as "28%" (same length, so the figure's place holds)
  const sentence = input.sentence.replace(/(\d)(\s+(?:per cent|percent|pct)\b)/gi, (_m, d: string, w: string) => `${d}%${' '.repeat(w.length - 1)}`);
  const rawLead = sentence.slice(0, start).replace(/\([^()]*\)/g, ' ').replace(/\s+$/, '');
  const lead = leadOf(sentence.slice(0, start));
  const words = tokens(lead);
  const tail = sentence.slice(end);
  const last = lower(words.at(-1) ?? '');
  const clause = clauseOf(words);
  const nameOf = (phrase: string[], atStart: boolean) => named(phrase, atStart, input.unit);
  const found = read();
  const measure = input.perUnit ? withPerUnit(found.measure, input.perUnit) : found.measure;
  const direction = found.direction ?? directionIn(measure, clause.join(' '));
  return { ...(measure ? { measure } : {}), ...(direction ? { direction } : {}) };

  function read(): FigureMeasure {
    const label = labelOf();
    if (label) return { measure: label };
    const drill = drillMeasure();
    if (drill) return { measure: drill };
    // ", up 4.9%", "to Y48.6bn from Y78bn", "compared with": the figure before it, changed or earlier
    if (previous?.measure) {
      // "an interim dividend of Rs 10 per share, amounting to Rs 4,225 crore": the same thing in all
      if (/^\s*,\s*(?:amounting to|totalling|totaling|worth|or)\s*(?:about|around|some|roughly)?\s*$/i.test(sentence.slice(previous.end, start))) return { measure: previous.measure.replace(/\s+(?:price\s+)?per\s+\w+$/, '') };
      const between = sentence.slice(previous.end, start);
      if (/^[^.;]{0,40}?,\s*(?:up|down)\s*(?:by\s*)?$/i.test(leadOf(between)) || /^\s*,?\s*(?:up|down)\s*$/i.test(leadOf(between))) return { measure: previous.measure, direction: /up\s*(?:by\s*)?$/i.test(leadOf(between)) ? 'rise' : 'fall' };
      // "to Y48.6bn from Y78bn", but not "funded from": a participle before "from" starts another thing
      if (/^[^.;]{0,60}?\b(?:from|compared with|compared to|against|versus)\s*$/i.test(leadOf(between)) && !/\b(?!compared)\w+ed\s+from\s*$/i.test(leadOf(between))) return { measure: previous.measure };
      // the other end of a range the figures were not joined into: "from 12% to 17%"
      if (previous.unit === input.unit && /^\s*(?:to|and|or|-|–)\s*$/i.test(leadOf(between))) return { measure: previous.measure };
    }
    for (const t of TAIL_MEASURES) {
      const m = t.re.exec(tail);
      if (m) return { measure: t.measure.replace('$1', (m[1] ?? '').toLowerCase().replace(/-/g, ' ')) };
    }
    const cost = COST_OF.exec(lead);
    if (cost) return { measure: cost[1]!.toLowerCase() };
    // "Shares of Acme closed 3.4% higher": the subject's change
    const moved = /^\s*(higher|lower)\b/i.exec(tail);
    if (moved) {
      const subject = phraseBefore(words);
      const measure = nameOf(subject.phrase, subject.atStart);
      if (measure) return { measure, direction: lower(moved[1]!) === 'higher' ? 'rise' : 'fall' };
    }
    // "ore with 37% manganese": the content of the metal named after it
    if (input.unit === '%' && CONTENT_WORDS.has(last)) {
      const what = tokens(tail).filter((w, i, all) => isWord(w) && all.slice(0, i).every(isWord)).slice(0, 3);
      const metal = what.findIndex((w) => !METAL_FORMS.has(lower(w)) && !/^(?:oxide|dioxide|trioxide|pentoxide|sulphate|sulfate|hydroxide|carbonate|equivalent)$/i.test(w));
      const content = (metal < 0 ? what : what.slice(0, metal)).join(' ').toLowerCase();
      if (content) return { measure: `${content} content` };
    }
    // "interest at the overnight financing rate plus 4.5%": a margin over a rate
    const plus = /\b(?:the|a|an)\s+((?:(?!(?:the|a|an)\b)[\w-]+\s+){0,4}[\w-]+)\s+plus\s*$/i.exec(rawLead);
    if (plus && input.unit === '%') return { measure: `margin over the ${plus[1]!.toLowerCase()}` };
    const attributive = attributiveAfter();
    if (attributive) return { measure: attributive };
    // "the government holds 27.9%": a stake ("holds 40% of the world's reserves" is a share of those)
    if (input.unit === '%' && /^(?:holds?|held|owns?|owned|controls?|controlled)$/.test(last) && !/^\s*(?:of|in)\b/.test(tail)) return { measure: 'stake' };
    const governed = governedByVerb();
    if (governed) return governed;
    if (LINKING.test(lead)) {
      const m = LINKING.exec(lead)!;
      const before = phraseBefore(tokens(lead.slice(0, m.index)));
      const measure = nameOf(before.phrase, before.atStart);
      // "a total of 276.9 billion yen in impairment losses": the total of what follows
      if (measure && GENERIC.has(lower(before.phrase.at(-1)!))) return { measure: ofAfter()?.replace(/^in /, '') ?? measure };
      if (measure) return { measure };
      // "Lithium carbonate, 99.5% battery grade, CIF China, was assessed at": the subject opens the sentence
      const opening = /^([^,]{2,60}),/.exec(lead.slice(0, m.index));
      const subject = opening ? nameOf(phraseAfter(tokens(opening[1]!)), true) : undefined;
      if (subject) return { measure: subject };
    }
    const object = OBJECT_VERBS.get(last);
    const thing = ofAfter();
    if (object && thing?.startsWith('in ')) return { measure: `${object} ${thing}` };
    if (object) return { measure: thing ? (object === 'added output' ? `added ${thing}` : `${thing} ${object}`) : `${object}${purposeAfter()}` };
    if (last === 'for' && clause.some((w) => PRICE_VERBS.has(lower(w)))) return { measure: clause.some((w) => /^(?:sell|sells|sold|selling)$/i.test(w)) ? 'sale price' : 'acquisition price' };
    if (thing) return { measure: thing.replace(/^in /, '') };
    return {};
  }

  /** The label of a list item or table row the figure stands in ("Revenue: US$1,684 million (2024: …)"). */
  function labelOf(): string | undefined {
    const line = sentence.slice(0, start).split('\n').pop() ?? '';
    const m = LABEL.exec(line);
    // a year is the row's comparison, not its label; "He said: $5 billion" is speech, not a label
    if (!m || /^(?:19|20)\d\d$/.test(m[1]!.trim()) || /\b(?:said|says|told|added|wrote)\b/i.test(m[1]!)) return undefined;
    const words = tokens(m[1]!.split(',')[0]!).filter(isWord);
    if (!words.length || words.length > MAX_WORDS + 2) return undefined;
    return nameOf(words, true) ?? words.join(' ');
  }

  /** Drill intercepts: "19.0m @ 4.62g/t Au from 412.0m" (width, gold grade, depth); any "g/t" figure is a grade. */
  function drillMeasure(): string | undefined {
    // "1.85% Cu": a percentage before an element's symbol is that metal's grade
    const gradeSymbol = input.unit === '%' ? /^\s*([A-Z][A-Za-z0-9]{0,4})(?![\w-])/.exec(tail)?.[1] : undefined;
    if (gradeSymbol && GRADE_SYMBOLS.has(gradeSymbol)) return `${GRADE_SYMBOLS.get(gradeSymbol)} grade`;
    if (input.unit === 'g/t') {
      const symbol = /^\s*([A-Z][A-Za-z0-9]{0,4})\b/.exec(tail)?.[1];
      const metal = (symbol && GRADE_SYMBOLS.get(symbol)) ?? /^\s*([a-z]+)/.exec(tail)?.[1];
      return metal && (METAL_FORMS.has(metal) || GRADE_SYMBOLS.has(symbol ?? '')) ? `${metal} grade` : 'grade';
    }
    if (input.unit !== 'm') return undefined;
    if (/^\s*(?:@|at\s+\d)/.test(tail)) return 'intercept width';
    if (/\bfrom\s*$/i.test(rawLead) && /@|g\/t/.test(rawLead)) return 'intercept depth';
    return undefined;
  }

  /** "a ¥30 billion impairment", "a 30% stake", "a A$1.65 billion government loan", "the $1.4 billion open-pit mine" (its cost). */
  function attributiveAfter(): string | undefined {
    const after = /^\s*(?:a year\s+|-year\s+|annual\s+)?((?:[a-z][\w-]*\s*){1,3})/.exec(tail)?.[1]?.trim().split(/\s+/) ?? [];
    const head = after.findIndex((w) => ATTRIBUTIVE.has(w));
    if (head < 0) return undefined;
    const before = after.slice(0, head);
    if (before.some((w) => BOUNDARY.has(w) || PREPOSITION.has(w) || DETERMINER.has(w) || w === 'of')) return undefined;
    const phrase = after.slice(0, head + 1).join(' ');
    return input.money && ASSETS.has(after[head]!) ? `cost of the ${phrase}` : phrase;
  }

  /** "X rose N%", "X rose 5% to N", "cut X to N", "raise X by N%", "valuing the company at N". */
  function governedByVerb(): FigureMeasure | undefined {
    // "pushed the price above US$500 million": a bound the qualifiers took off reads as "to"
    const preposition = ['to', 'from', 'at', 'by'].includes(last) ? last : /\b(?:above|below|beyond|past|over)\s*$/i.test(rawLead) ? 'to' : null;
    const upTo = preposition ? words.length - 1 : words.length;
    for (let v = upTo - 1; v >= 0 && v >= upTo - 12; v--) {
      const verb = lower(words[v]!);
      if (!/^[a-z0-9$€£¥]/.test(verb)) return undefined; // a mark: another clause
      const particle = (verb === 'up' || verb === 'down') && v > 0 && PHRASAL.has(lower(words[v - 1]!));
      // "increase its operating profit to": a verb of both kinds with an object is read with it
      const object = preposition ? phraseAfter(words.slice(v + 1, upTo)) : [];
      const change = particle || (object.length && OBJECT_CHANGE.has(verb)) ? null : RISE.has(verb) ? 'rise' : FALL.has(verb) ? 'fall' : null;
      if (!change && !object.length && preposition === 'to' && LEVEL.has(verb)) {
        const subject = phraseBefore(words.slice(0, v));
        const measure = nameOf(subject.phrase, subject.atStart);
        if (measure) return { measure };
      }
      if (change && (v === upTo - 1 || preposition)) {
        // the subject: "Its zinc output fell", "Shares in Pilbara closed up", "Shares closed 3.4% higher at"
        let subject = phraseBefore(words.slice(0, v));
        if (!subject.phrase.length && v >= 2 && /^\d/.test(words[v - 1]!)) subject = phraseBefore(words.slice(0, v - 1));
        // "a 28% rise in net profit to Rs 3,120 crore": the noun's own object
        const of = !subject.phrase.length && preposition === 'to' && /^(?:in|of)$/i.test(words[v + 1] ?? '') ? phraseAfter(words.slice(v + 2, upTo)) : [];
        const measure = nameOf(subject.phrase, subject.atStart) ?? nameOf(of, false);
        if (!measure) continue;
        return { measure, ...(preposition === null || preposition === 'by' ? { direction: change } : {}) };
      }
      const objectChange = OBJECT_CHANGE.get(verb);
      // "the estimated price": a participle after a determiner is an adjective, not the verb
      const adjective = v > 0 && DETERMINER.has(lower(words[v - 1]!)) && /ed$/.test(verb);
      if (objectChange !== undefined && preposition && !adjective) {
        if (/^valu/.test(verb)) return { measure: 'market value' };
        const measure = nameOf(object, false);
        if (!measure) continue;
        return { measure, ...(preposition === 'by' && objectChange ? { direction: objectChange } : {}) };
      }
    }
    return undefined;
  }

  /** "4,000 tonnes of contained nickel", "80% of the value of spodumene", "$2.57 billion in impairment losses" (as "in …"). */
  function ofAfter(): string | undefined {
    const m = /^\s*(?:\([^()]*\)\s*)?(?:a year\s+|per year\s+|a day\s+|a month\s+)?(of|in)\s+(.{1,80})/.exec(tail);
    if (!m || (m[1] === 'in' && !input.money)) return undefined;
    const phrase = phraseAfter(tokens(m[2]!));
    if (!phrase.length || TIME.has(lower(phrase.at(-1)!))) return undefined;
    if (m[1] === 'of') return phrase.join(' ');
    const name = nameOf(phrase, false);
    return name && `in ${name}`;
  }

  /** What money is spent on: " on X", " in X", " to expand X" after "spend $N". */
  function purposeAfter(): string {
    const m = /^\s*(?:over (?:the next )?\w+ (?:years?|months?)\s+)?(on|in|to)\s+(.{1,80})/.exec(tail);
    if (!m || !input.money) return '';
    const words = tokens(m[2]!);
    if (m[1] === 'to') {
      const verb = words.shift();
      if (!verb || !/^[a-z]+$/.test(verb) || BOUNDARY.has(verb)) return '';
      const object = phraseAfter(words);
      return object.length ? ` to ${verb} ${object.slice(0, 4).join(' ')}` : '';
    }
    const object = phraseAfter(words);
    return object.length && /^[a-z]/.test(object[0]!) ? ` ${m[1]} ${object.slice(0, 4).join(' ')}` : '';
  }
}

/** "unit cost guidance" and "price per tonne" → "unit cost guidance per tonne"; "NdPr prices" → "NdPr price per kilogram". */
function withPerUnit(measure: string | undefined, perUnit: string): string {
  if (!measure) return perUnit;
  const per = perUnit.replace(/^price\s+/, '');
  if (/\b(?:prices?|charges?|costs?|guidance|benchmark|premiums?|fees?|rates?|tariffs?)$/i.test(measure)) return `${measure.replace(/prices$/i, 'price')} ${per}`;
  return `${measure} ${perUnit}`;
}
