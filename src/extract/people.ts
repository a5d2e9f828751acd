// People named in the article: a capitalised two-to-four word name next to a job title
// ("chief executive Grant Talbot", "Chalco's chairman, Dong Jianhua,", "Rhiannon Pike, an analyst
// at Macquarie Group") or a speech verb ("said Zhou Weimin"). The role is the title as written;
// the company is the one the article ties to it ("its", "the company's", "at the bank" resolve to
// the company named last, a bare title to the article's main company). Later mentions by one part
// of the name ("Hayashi", "Dong") are the same person.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { CompanyMention, PersonMention, Span } from '../types.ts';
import jobTitles from '../data/job-titles.json' with { type: 'json' };
import corporate from '../data/corporate-words.json' with { type: 'json' };
import givenNames from '../data/given-names.json' with { type: 'json' };
import { note } from './place.ts';
import { DEMONYMS, type NameSeq, nameSequences, previousSentenceStart, SpanCover } from './proper-names.ts';
import { isOrganisation } from './companies.ts';
import { isGazetteerPlace } from './gazetteer.ts';

const TITLE_CORES = new Set(jobTitles.cores);
const CORPORATE_WORDS = new Set([...corporate.corporateWords, ...corporate.legalSuffixes]);
const SPEECH_AFTER = /^\s+(?:said|says|told|added|stated|noted|wrote|writes|estimated|estimates|explained|warned|argued|predicted|expects|expected|believes|commented|mentioned|emphasised|emphasized|did not|didn't|declined|hopes|aims)\b/;
/** "John Roe, who runs the copper unit, said": the verb after a relative clause. */
const SPEECH_AFTER_CLAUSE = /^,\s+(?:who|whose)\b[^.;"“”]{0,120}?,\s+(?:said|says|told|added|wrote)\b/;
const SPEECH_BEFORE = /\b(?:said|says|wrote|added|according to|told by)\s+$/;
/** How an article refers back to its own company ("the miner"), and to a bank it cites ("the broker"). */
const SELF_NOUNS = 'company|firm|group|miner|producer';
const ADVISER_NOUNS = 'bank|broker|brokerage|consultancy|lender';
const COMPANY_PRONOUN = new RegExp(`\\b(?:its|their|the (?:${SELF_NOUNS})['’]s)\\s*$`, 'i');
/** "The broker's Kate Roe": a bank, broker or consultancy the article named, not its subject. */
const ADVISER_PRONOUN = new RegExp(`\\bthe (?:${ADVISER_NOUNS})['’]s\\s*$`, 'i');
const SELF_REFERENCE = new RegExp(`^the\\s+(?:${SELF_NOUNS})$`, 'i');
const GIVEN_NAMES = new Set(givenNames.names);
const NOT_PERSON_ENDINGS = new Set(givenNames.notPersonEndings);
/** "Mr Ottaviano", "Dr. Jane Roe": an honorific before a name. */
const HONORIFIC_BEFORE = /\b(?:Mr|Mrs|Ms|Dr|Prof|Professor|Sir|Dame|Lord|Lady)\.?\s+$/;
const NAME_PARTICLES = new Set(['de', 'da', 'del', 'der', 'van', 'von', 'la', 'le', 'du', 'dos', 'bin', 'y']);
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’\-]*|\p{Lu}\.)$/u;
/** "Critical Minerals Office head": a title held at an organisation, not at a company. */
function endsWithOrganisation(lead: string): boolean {
  const name = /((?:\p{Lu}[\p{L}&.\-]*\s+){0,5}\p{Lu}[\p{L}&.\-]*)\s*$/u.exec(lead)?.[1];
  return name !== undefined && name.includes(' ') && (isOrganisation(name) || isGazetteerPlace(name));
}

/** "U.S. President", "Chile's mining minister": a country's office, not a company's. */
const PLACE_BEFORE = /(?:\b(?:U\.S\.|US|UK|U\.K\.|EU|state|federal|national|provincial|government)|\p{Lu}\p{Ll}+(?:an|ian|ese|ish|i)|['’]s)$/u;
const PUBLIC_TITLE = new RegExp(`\\b(?:${jobTitles.publicTitles.join('|')})\\b`, 'i');
/** Capitalised titles written before a name ("Chief Executive Officer Jane Roe", "CEO Mike Henry"). */
const isTitleToken = (w: string) => TITLE_WORDS.has(w.toLowerCase()) || /^(?:CEO|CFO|COO|CTO|CIO|MD)$/.test(w);

export function extractPeople() {
  return (_tree: Root, file: VFile): void => {
    const x = file.data.extraction!;
    x.people = findPeople(file.data.doc!.text, x.companies ?? [], file);
  };
}

interface Found {
  name: string;
  role: string | null;
  company: string | null;
  spans: Span[];
}

export function findPeople(text: string, companies: CompanyMention[], file?: VFile): PersonMention[] {
  const companySpans = companies.flatMap((c) => c.spans);
  const companyCover = new SpanCover(text.length, companySpans);
  const overlapsCompany = (s: Span) => companyCover.touches(s.start, s.end);
  const topic = mainCompany(companies, text);
  const seqs = nameSequences(text);
  const people: Found[] = [];
  // "the family of Chang Hyung-jin … Chang said": a name whose part speaks later is a person
  const laterSpeakers = new Set(seqs.filter((s) => s.words.length === 1 && SPEECH_AFTER.test(text.slice(s.end, s.end + 30))).map((s) => s.text));
  const speaksLater = (seq: NameSeq) => seq.words.some((w) => laterSpeakers.has(w.text));

  for (const whole of seqs) {
    const signed = signature(whole, text);
    if (signed && !overlapsCompany(signed.seq)) {
      // "Margaret Roe / Chair / 26 February 2026" under a letter: the signatory of the article's company
      const span = { start: signed.seq.start, end: signed.seq.end };
      const known = people.find((p) => p.name === signed.seq.text);
      if (known) {
        known.role ??= signed.role;
        known.company ??= topic?.name ?? null;
        known.spans.push(span);
      } else people.push({ name: signed.seq.text, role: signed.role, company: topic?.name ?? null, spans: [span] });
      continue;
    }
    const seq = withoutLeadingTitle(whole, text);
    if (!seq || !isPersonShaped(seq) || overlapsCompany(seq)) continue;
    const before = text.slice(Math.max(0, seq.start - 160), seq.start);
    const after = text.slice(seq.end, seq.end + 200);
    const roleBefore = titleBefore(before);
    const roleAfter = seq.possessive ? null : titleAfter(after);
    const speaks = SPEECH_AFTER.test(after) || SPEECH_BEFORE.test(before) || SPEECH_AFTER_CLAUSE.test(after);
    if (!roleBefore && !roleAfter && !speaks && !speaksLater(seq) && !namedAsPerson(seq, before)) continue;
    let role: string | null = null;
    let company: string | null = null;
    if (roleAfter) {
      role = roleAfter.role;
      company = roleAfter.org ? resolveCompany(roleAfter.org, companies, seq.end, text) : null;
    } else if (roleBefore) {
      // capitalised words that end a company name belong to the company: "Lundin Mining CEO" → "CEO"
      const roleStart = seq.start - roleBefore.length;
      const companyEnd = companySpans.filter((c) => c.end > roleStart && c.end < seq.start && c.start < roleStart).map((c) => c.end).sort((a, b) => b - a)[0];
      if (companyEnd !== undefined) {
        roleBefore.length = seq.start - companyEnd;
        roleBefore.role = text.slice(companyEnd, seq.start).replace(/[\s,]+$/, '').trim();
      }
      role = roleBefore.role;
      const lead = before.slice(0, before.length - roleBefore.length);
      const statesman = PUBLIC_TITLE.test(role) || PLACE_BEFORE.test(lead.replace(/\s+$/, '')) || endsWithOrganisation(lead);
      company = companyBefore(lead, seq.start - roleBefore.length, companies, text) ?? (statesman ? null : topic?.name ?? null);
    }
    // "Barrick's Mark Bristow said": the possessive names the company
    if (!company && / ['’]s?\s$|['’]s\s$/.test(before.slice(-4))) company = companyBefore(before, seq.start, companies, text);
    const existing = people.find((p) => p.name === seq.text);
    if (existing) {
      existing.role ??= role;
      existing.company ??= company;
      existing.spans.push({ start: seq.start, end: seq.end });
    } else people.push({ name: seq.text, role, company, spans: [{ start: seq.start, end: seq.end }] });
  }

  // later mentions by one part of the name: "Hayashi", "Dong"
  for (const seq of seqs) {
    if (seq.words.length !== 1 || overlapsCompany(seq)) continue;
    const word = seq.words[0]!.text;
    const owners = people.filter((p) => p.name.split(/\s+/).includes(word) && !p.spans.some((s) => s.start <= seq.start && s.end >= seq.end));
    if (owners.length === 0) continue;
    if (owners.length > 1) {
      if (file) note(file, `"${word}" could be ${owners.map((o) => o.name).join(' or ')}`, 'people/ambiguous-name', seq.start);
      continue;
    }
    const owner = owners[0]!;
    owner.spans.push({ start: seq.start, end: seq.end });
    // "Smith, the company's finance chief, said": a title met only at a later mention
    if (!owner.role && !seq.possessive) {
      const later = titleAfter(text.slice(seq.end, seq.end + 200));
      if (later) {
        owner.role = later.role;
        owner.company ??= later.org ? resolveCompany(later.org, companies, seq.end, text) : null;
      }
    }
  }
  return people.map((p) => ({ ...p, spans: p.spans.sort((a, b) => a.start - b.start) }));
}

/**
 * A name that is a person's by its own shape, with no title or speech beside it: it starts with a
 * common given name ("Gina Rinehart") or follows an honorific ("Dr Jane Roe"), and does not end
 * in a place or facility word ("Elizabeth Street", "Jordan Valley").
 */
function namedAsPerson(seq: NameSeq, before: string): boolean {
  if (NOT_PERSON_ENDINGS.has(seq.words.at(-1)!.text)) return false;
  return GIVEN_NAMES.has(seq.words[0]!.text) || HONORIFIC_BEFORE.test(before);
}

/**
 * A signature: a name and its title in capitals with nothing after them but the end of the text or
 * a date ("Margaret Roe Chair 26 February 2026", "Jane Roe, Managing Director").
 */
function signature(whole: NameSeq, text: string): { seq: NameSeq; role: string } | null {
  // a date after the title may have joined the name's capitals: "Margaret Roe Chair 26 February"
  const digit = whole.words.findIndex((w) => /^\d/.test(w.text));
  const seq = digit > 0 ? { ...whole, words: whole.words.slice(0, digit), end: whole.words[digit - 1]!.end } : whole;
  const isTitle = (w: string) => isTitleToken(w) || TITLE_CORES.has(w.toLowerCase());
  let i = seq.words.length;
  while (i > 2 && isTitle(seq.words[i - 1]!.text)) i--;
  let roleStart: number;
  let roleEnd: number;
  if (i < seq.words.length) {
    // the title ran into the name's capitals: "Margaret Roe Chair"
    roleStart = seq.words[i]!.start;
    roleEnd = seq.end;
  } else {
    // a title word that ends a name ("Chairman") left it outside: "Michael Tan Chairman"
    const title = /^\s+((?:\p{Lu}[\p{L}-]*\s+){0,3}\p{Lu}[\p{L}-]*)/u.exec(text.slice(seq.end, seq.end + 60));
    if (!title || !isTitle(title[1]!.split(/\s+/).at(-1)!)) return null;
    roleStart = seq.end + title[0].length - title[1]!.length;
    roleEnd = seq.end + title[0].length;
  }
  const after = text.slice(roleEnd, roleEnd + 40);
  if (!/^\s*(?:$|\n|\d{1,2}\s+\p{Lu}\p{Ll}+\s+\d{4}|\p{Lu}\p{Ll}+\s+\d{1,2},?\s+\d{4})/u.test(after)) return null;
  const words = seq.words.slice(0, i);
  const name: NameSeq = { ...seq, words, end: words.at(-1)!.end, text: text.slice(words[0]!.start, words.at(-1)!.end), possessive: false };
  if (!isPersonShaped(name) || !namedAsPerson(name, '')) return null;
  return { seq: name, role: text.slice(roleStart, roleEnd) };
}

/** "Chief Executive Officer Jane Roe" → "Jane Roe" (the title is read back from the text before it). */
function withoutLeadingTitle(seq: NameSeq, text: string): NameSeq | null {
  let i = 0;
  while (i < seq.words.length - 2 && isTitleToken(seq.words[i]!.text)) i++;
  if (i === 0) return seq;
  const words = seq.words.slice(i);
  const start = words[0]!.start;
  return { ...seq, words, start, text: text.slice(start, seq.end) };
}

function isPersonShaped(seq: NameSeq): boolean {
  const words = seq.words.map((w) => w.text);
  if (words.length < 2 || words.length > 4) return false;
  if (!words.every((w, i) => (NAME_WORD.test(w) && w.length > 1) || (i > 0 && i < words.length - 1 && NAME_PARTICLES.has(w)))) return false;
  if (words.some((w) => CORPORATE_WORDS.has(w) || DEMONYMS.has(w) || TITLE_CORES.has(w.toLowerCase()))) return false;
  // all-capitals words are acronyms, not names
  if (words.some((w) => w.length > 1 && w === w.toUpperCase() && !/^\p{Lu}\.$/u.test(w))) return false;
  return !isOrganisation(seq.text) && !isGazetteerPlace(seq.text);
}

/** Lower-case words ending in a job title just before the name: "managing director ", "Chalco's chairman, ". */
/** "Minister for Lands and Natural Resources, ", "Secretary of State ": an office named in capitals before a name. */
const OFFICE_TITLE = /(?:^|[\s'’(])((?:(?:Deputy|Vice|Acting|Former|former|deputy|vice|acting)\s+)?(?:Minister|Secretary|Commissioner|Governor|Director[- ]General|minister|secretary)\s+(?:of|for)\s+(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:,?\s+(?:(?:and|&)\s+)?\p{Lu}[\p{L}'’-]*){0,5})(\s*,?\s*)$/u;

function titleBefore(before: string): { role: string; length: number } | null {
  const office = OFFICE_TITLE.exec(before);
  if (office) return { role: office[1]!, length: office[1]!.length + office[2]!.length };
  const m = /((?:[\p{L}\-]+\s+){0,5}?[\p{L}\-]+)(\s*,?\s*)$/u.exec(before);
  if (!m) return null;
  let words = m[1]!.split(/\s+/);
  // capitalised words before the title are a name (the company's), not the title
  const firstLower = words.findLastIndex((w) => !/^\p{Ll}/u.test(w) && !isTitleToken(w) && !isTitleWord(w.toLowerCase()));
  words = words.slice(firstLower + 1);
  // keep the title and its modifiers; drop leading articles and verbs ("said the", "its")
  const coreAt = words.findLastIndex((w) => TITLE_CORES.has(w.toLowerCase()));
  if (coreAt < 0) return null;
  // a title followed by "of <lower-case>" belongs together ("vice president of metals")
  const tail = words.slice(coreAt + 1);
  if (tail.length && !(tail[0] === 'of' && tail.length <= 3)) return null;
  let start = coreAt;
  while (start > 0 && (isTitleWord(words[start - 1]!.toLowerCase()) || isTitleToken(words[start - 1]!))) start--;
  words = words.slice(start);
  const role = words.join(' ');
  const length = before.length - before.lastIndexOf(role);
  return { role, length };
}

const TITLE_WORDS = new Set([...jobTitles.titles.flatMap((t) => t.split(/\s+/)), ...jobTitles.modifiers]);
function isTitleWord(w: string): boolean {
  return TITLE_WORDS.has(w) || /^(?:metals?|mining|mines|finance|trade|industry|economy|foreign|environment|treasury|resources|battery|materials|research|operations|commodities|commodity|equity|credit|senior|markets?|energy|sales|marketing|investor|relations|exploration|technical|country|regional|global|strategy|corporate|business|development)$/.test(w);
}

/** ", an analyst at Macquarie Group in Sydney," → role "analyst", org "Macquarie Group". */
function titleAfter(after: string): { role: string; org: string | null } | null {
  const m = /^,\s+(?:(?:a|an|the)\s+)?([^,.;:"“”]+)/u.exec(after);
  if (!m) return null;
  let clause = m[1]!.trim();
  clause = clause.replace(/\s+(?:said|says|told|added|who|which|estimated|wrote)\b.*$/, '');
  let org: string | null = null;
  const at = /^(.*?)\s+(?:at|with|for)\s+(.+)$/.exec(clause);
  const of = /^(.*?)\s+of\s+((?:the\s+)?\p{Lu}.*|the\s+(?:company|bank|firm|group|miner))$/u.exec(clause);
  let role = clause;
  const possessive = /^((?:\p{Lu}[\p{L}&.\-]*\s+){0,4}\p{Lu}[\p{L}&.\-]*)['’]s?\s+(.+)$/u.exec(clause);
  const reference = /^(?:its|their|(?:the\s+)?(?:company|firm|group|miner|bank)['’]s)\s+(.+)$/u.exec(clause);
  if (reference) {
    org = 'the company';
    role = reference[1]!;
  } else if (possessive) {
    org = possessive[1]!;
    role = possessive[2]!;
  } else if (at) {
    role = at[1]!;
    org = at[2]!;
  } else if (of) {
    role = of[1]!;
    org = of[2]!;
  }
  if (org) org = org.replace(/\s+in\s+\p{Lu}.*$/u, '').trim();
  const words = role.split(/\s+/);
  if (!words.some((w) => TITLE_CORES.has(w.toLowerCase())) || words.length > 8) return null;
  return { role, org };
}

/** The company a title before a name belongs to: "Chalco's", "JX Advanced Metals", "Its", "the company's". `leadEnd` is where `lead` ends in the text. */
function companyBefore(lead: string, leadEnd: number, companies: CompanyMention[], text: string): string | null {
  const trimmed = lead.replace(/\s+$/, '');
  const trimmedEnd = leadEnd - (lead.length - trimmed.length);
  const pronoun = COMPANY_PRONOUN.exec(trimmed);
  if (pronoun) return referent(companies, trimmedEnd - pronoun[0].length, text);
  const adviser = ADVISER_PRONOUN.exec(trimmed);
  if (adviser) return lastCompanyBefore(companies, trimmedEnd - adviser[0].length, text, true);
  const nameEnd = trimmedEnd - (trimmed.length - trimmed.replace(/['’]s?$/, '').length);
  const c = companies.find((co) => co.spans.some((s) => s.end === nameEnd));
  return c?.name ?? null;
}

function resolveCompany(org: string, companies: CompanyMention[], at: number, text: string): string | null {
  if (SELF_REFERENCE.test(org)) return referent(companies, at, text);
  // "an analyst at the bank": the bank, broker or consultancy named last
  if (/^the\s+\p{Ll}/u.test(org)) return lastCompanyBefore(companies, at, text, true);
  // "the CNIA": an organisation's short form, spelled out where the article defines it ("China Nonferrous Metals Industry Association (CNIA)")
  const clean = spelledOut(org.replace(/['’]s$/, '').replace(/^the\s+/i, ''), text);
  const c =
    companies.find((co) => [co.name, ...co.aliases].some((n) => n === clean || clean.startsWith(`${n} `))) ??
    companies.find((co) => [co.name, ...co.aliases].some((n) => new RegExp(`(?<![\\p{L}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(clean)));
  return c?.name ?? clean;
}

/** The full name an article gives a short form in brackets after it: "China Nonferrous Metals Industry Association (CNIA)" for "CNIA". */
function spelledOut(short: string, text: string): string {
  if (!/^\p{Lu}[\p{Lu}\d&]{1,7}$/u.test(short)) return short;
  const m = new RegExp(`((?:\\p{Lu}[\\p{L}&.'’-]*\\s+(?:(?:of|for|and|&)\\s+)?){1,8})\\(\\s*${short}\\s*\\)`, 'u').exec(text);
  if (!m) return short;
  const words = m[1]!.trim().split(/\s+/);
  // from the end, the words whose initials spell the short form; a word between them that adds no letter stays ("Metals")
  let letter = short.length - 1;
  let first = words.length;
  for (let w = words.length - 1; w >= 0 && letter >= 0; w--) {
    if (words[w]![0] === short[letter]) {
      letter--;
      first = w;
    } else if (letter === short.length - 1) return short;
  }
  return letter < 0 ? words.slice(first).join(' ') : short;
}

/** What "its" or "the company" means here: the company named in this or the last sentence, else the article's main company. */
function referent(companies: CompanyMention[], at: number, text: string): string | null {
  const near = previousSentenceStart(text, at);
  const named = companies.flatMap((c) => c.spans.filter((s) => s.end <= at && s.start >= near && isNamed(text, s)).map(() => c));
  const recent = named.filter((c) => !isAdviser(c, text));
  if (recent.length) return lastCompanyBefore(companies, at, text);
  return mainCompany(companies, text)?.name ?? lastCompanyBefore(companies, at, text);
}

/** The article's subject: the company named most often (first named on a tie). */
export function mainCompany(companies: CompanyMention[], text: string): CompanyMention | undefined {
  const named = (c: CompanyMention) => c.spans.filter((s) => isNamed(text, s)).length;
  return [...companies].filter((c) => !isAdviser(c, text)).sort((a, b) => named(b) - named(a) || a.spans[0]!.start - b.spans[0]!.start)[0];
}

/** Banks, brokers and consultancies the article cites for comment: "its" and "the company" never mean them. */
const ADVISER_CUE = /\b(?:analysts?|economists?|strategists?|research(?:ers?)?|consultancy|consultants?|bank|brokerage|broker)\b[^.;]{0,40}$/i;
const adviserMemo = new WeakMap<CompanyMention, boolean>();
function isAdviser(c: CompanyMention, text: string): boolean {
  const known = adviserMemo.get(c);
  if (known !== undefined) return known;
  const answer = adviserBySpans(c, text);
  adviserMemo.set(c, answer);
  return answer;
}

function adviserBySpans(c: CompanyMention, text: string): boolean {
  const named = c.spans.filter((s) => isNamed(text, s));
  return named.length > 0 && named.length <= 2 && named.some((s) => ADVISER_CUE.test(text.slice(Math.max(0, s.start - 60), s.start)));
}

function lastCompanyBefore(companies: CompanyMention[], at: number, text: string, advisers = false): string | null {
  let best: CompanyMention | null = null;
  let bestAt = -1;
  for (const c of companies) {
    if (!advisers && isAdviser(c, text)) continue;
    for (const s of c.spans) if (s.end <= at && s.start > bestAt && isNamed(text, s)) {
      bestAt = s.start;
      best = c;
    }
  }
  return best?.name ?? null;
}

/** A span that names the company (not "the company"). */
function isNamed(text: string, s: Span): boolean {
  const t = text.slice(s.start, s.end);
  return /^\p{Lu}/u.test(t) && !/^(?:the|its)\b/i.test(t);
}
