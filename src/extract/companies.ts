// Companies named in the article, found by shape rather than listed in advance: a capitalised
// name is a business when it carries a legal suffix or a corporate word ("Pilbara Minerals Ltd",
// "Macquarie Group"), a ticker ("(5713.T)"), a cue ("Chilean miner Antofagasta", "an analyst at
// Citi"), an apposition ("X, the world's largest producer"), or is a well-known company from the
// registry. Short forms ("Pilbara", "Hongqiao", "SMM", "MinRes"), names linked by "better known as"
// or "formerly known as", and references ("the company") are mentions of the same company.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { CompanyMention, Span } from '../types.ts';
import corporate from '../data/corporate-words.json' with { type: 'json' };
import organisations from '../data/organisations.json' with { type: 'json' };
import { knownCompaniesList as known } from '../data/word-lists.ts';
import { metalsList as metalData } from '../data/word-lists.ts';
import { note } from './place.ts';
import { DEMONYMS, type NameSeq, nameSequences, previousSentenceStart } from './proper-names.ts';
import { isGazetteerPlace, isRegionName } from './gazetteer.ts';

const LEGAL_SUFFIXES = new Set(corporate.legalSuffixes.map((s) => s.replace(/\.$/, '').toLowerCase()));
const LEGAL_PREFIXES = new Set(corporate.legalPrefixes);
const CORPORATE_PREFIXES = new Set(corporate.corporatePrefixes);
const CORPORATE_WORDS = new Set(corporate.corporateWords);
const ORG_NAMES = new Set(organisations.names.map((n) => n.toLowerCase()));
const ORG_LAST = new Set(organisations.lastWords);
const ORG_FIRST = new Set(organisations.firstWords);
const ORG_HEADS = new Set(organisations.headWords);
const GENERIC = new Set(corporate.genericModifiers);
const CUE_BEFORE = new RegExp(corporate.cuesBefore, 'i');
const APPOSITION = new RegExp(corporate.appositions, 'u');
const TICKER_AFTER = new RegExp(corporate.tickerAfter);
const ALIAS_LINKS = corporate.aliasLinks.map((l) => ({ kind: l.kind as 'alias' | 'former', re: new RegExp(l.pattern, 'i') }));
/** A name followed by a job title is a person, whatever stands before it. */
const PERSON_AFTER = /^(?:,\s+(?:(?:a|an|the|its)\s+)?(?:[\p{Ll}-]+\s+){0,3}(?:analyst|executive|director|officer|president|chairman|chairwoman|manager|head|founder|partner|economist|strategist|minister|spokesperson|spokesman|spokeswoman)\b)/u;

/** "the Greenbushes mine": a name before one of these is a site, not its owner. */
const SITE_AFTER = /^\s+(?:mine|mines|project|deposit|plant|smelter|refinery|operations?|complex|field|prospect|concession|asset|assets)\b/;
/** "Copper fell", "Gold said to…": a metal at the head of a sentence is no business (every form in the metals list). */
const METAL_WORDS = new Set(metalData.metals.flatMap((m) => m.forms.map((f) => f.toLowerCase())));
const ACTS_AFTER = new RegExp(corporate.actsAfter);
const SHARES_BEFORE = new RegExp(corporate.sharesBefore);
const REFERENCES = new RegExp(`\\b(?:${corporate.references.join('|')})\\b`, 'gi');

interface KnownCompany {
  name: string;
  aliases: string[];
  formerNames: { name: string; until: string }[];
  tickers: string[];
}
const REGISTRY = known.companies as KnownCompany[];
const REGISTRY_FORM = new Map<string, KnownCompany>();
for (const c of REGISTRY) for (const f of [c.name, ...c.aliases, ...c.formerNames.map((x) => x.name)]) REGISTRY_FORM.set(f, c);

/** How the registry knows a form: the company's name, a short form, or a former name. */
function registryKind(reg: KnownCompany, form: string): 'full' | 'short' | 'former' {
  if (reg.formerNames.some((f) => f.name === form)) return 'former';
  return form === reg.name || form.split(' ').length > 1 ? 'full' : 'short';
}

/** A name with its legal prefix and suffix taken off ("PT Vale Indonesia Tbk" → "Vale Indonesia"). */
export interface CoreName {
  core: string;
  start: number;
  end: number;
  words: string[];
  legal: boolean;
}

export function coreOf(seq: NameSeq, text: string): CoreName {
  const words = [...seq.words];
  let legal = false;
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!.text.replace(/\.$/, '').toLowerCase())) {
    words.pop();
    legal = true;
  }
  while (words.length > 1 && LEGAL_PREFIXES.has(words[0]!.text)) {
    words.shift();
    legal = true;
  }
  const start = words[0]!.start;
  const end = words[words.length - 1]!.end;
  return { core: text.slice(start, end), start, end, words: words.map((w) => w.text), legal };
}

export function isOrganisation(name: string): boolean {
  const words = name.split(/\s+/);
  if (ORG_NAMES.has(name.toLowerCase())) return true;
  if (words.length >= 2 && ORG_LAST.has(words[words.length - 1]!) && !CORPORATE_WORDS.has(words[words.length - 1]!)) return true;
  if (words.length >= 2 && words.some((w) => ORG_HEADS.has(w))) return true;
  return words.length >= 2 && ORG_FIRST.has(words[0]!);
}

function endsWithCorporateWord(words: string[]): boolean {
  if (words.length < 2) return false;
  const last = words[words.length - 1]!;
  const lastTwo = words.slice(-2).join(' ');
  // "Metals Group" is no name: the first word must be a name of its own
  if (words.every((w) => CORPORATE_WORDS.has(w) || GENERIC.has(w) || DEMONYMS.has(w) || w === '&' || w === 'of')) return false;
  return CORPORATE_WORDS.has(last) || CORPORATE_WORDS.has(lastTwo);
}

const initials = (words: string[]) => words.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');

interface Entity {
  key: string;
  registry?: KnownCompany;
  /** Surface forms used in the article: full names, short forms, former names. */
  forms: Map<string, 'full' | 'short' | 'former'>;
  /** Full names as written, legal suffix included ("Northgate Lithium Corp"): their initials are short forms too. */
  surfaces: Set<string>;
  starts: Set<number>;
  spans: Span[];
  ticker?: string;
  first: number;
  refs: number;
}

export function extractCompanies() {
  return (_tree: Root, file: VFile): void => {
    const text = file.data.doc!.text;
    file.data.extraction!.companies = findCompanies(text, file);
  };
}

/** "Minister for Lands and Natural Resources", "Department of Mines and Petroleum": words of an office's name, not a company. */
const OFFICE_BEFORE = /\b(?:Minister|Ministry|Department|Secretary|Office|Commission|Commissioner|Committee|Agency|Bureau|Authority)\s+(?:of|for)\s+(?:the\s+)?(?:(?:\p{Lu}[\p{L}'’-]*,?\s+){1,4}(?:and|&)\s+)?$/u;

export function findCompanies(text: string, file?: VFile): CompanyMention[] {
  const seqs = nameSequences(text);
  const entities: Entity[] = [];
  const byKey = new Map<string, Entity>();
  const entityOf = (form: string, at: number): Entity => {
    const reg = REGISTRY_FORM.get(form);
    const key = reg ? `registry:${reg.name}` : form.toLowerCase();
    let e = byKey.get(key);
    if (!e) {
      e = { key, registry: reg, forms: new Map(), surfaces: new Set(), starts: new Set(), spans: [], first: at, refs: 0 };
      byKey.set(key, e);
      entities.push(e);
    }
    return e;
  };
  const addForm = (e: Entity, form: string, kind: 'full' | 'short' | 'former', span: Span) => {
    const had = e.forms.get(form);
    if (!had || (had === 'short' && kind !== 'short')) e.forms.set(form, kind);
    if (!e.starts.has(span.start)) {
      e.starts.add(span.start);
      e.spans.push(span);
    }
    e.first = Math.min(e.first, span.start);
    byKey.set(form.toLowerCase(), e);
  };

  // 1. full names: capitalised sequences with corporate evidence, and registry names
  const cores = seqs.map((s) => coreOf(s, text));
  // words of two- and three-word names ("Yoichi Hayashi"): alone ("Hayashi said") they are people, not companies
  const nameParts = new Set(seqs.filter((s) => s.words.length >= 2 && s.words.length <= 4).flatMap((s) => s.words.map((w) => w.text)));
  seqs.forEach((seq, i) => {
    const c = cores[i]!;
    if (isOrganisation(seq.text) || isOrganisation(c.core)) return;
    if (DEMONYMS.has(c.core) || (isGazetteerPlace(c.core) && !c.legal)) return;
    const before = text.slice(Math.max(0, seq.start - 80), seq.start);
    const after = text.slice(seq.end, seq.end + 120);
    const ticker = TICKER_AFTER.exec(after);
    const acronym = /^\s*\(([A-Z][A-Za-z]{1,7})\)/.exec(after);
    const isCompany =
      c.legal ||
      CORPORATE_PREFIXES.has(c.words[0]!) ||
      endsWithCorporateWord(c.words) ||
      ticker !== null ||
      REGISTRY_FORM.has(c.core) ||
      (CUE_BEFORE.test(before) && !PERSON_AFTER.test(after)) ||
      (c.words.length === 1 && !nameParts.has(c.core) && !/-\p{Ll}/u.test(c.core) && !METAL_WORDS.has(c.core.toLowerCase()) && (ACTS_AFTER.test(after) || SHARES_BEFORE.test(before))) ||
      (!seq.possessive && APPOSITION.test(after)) ||
      (acronym !== null && c.words.length >= 3 && initials(c.words).toUpperCase() === acronym[1]!.toUpperCase());
    if (!isCompany || SITE_AFTER.test(after) || /[A-Z]{2,8}\s*:\s*$/.test(before) || OFFICE_BEFORE.test(before)) return;
    const e = entityOf(c.core, c.start);
    const reg = REGISTRY_FORM.get(c.core);
    const corporateEvidence = c.legal || endsWithCorporateWord(c.words) || ticker !== null;
    addForm(e, c.core, reg && !corporateEvidence ? registryKind(reg, c.core) : 'full', { start: c.start, end: c.end });
    if (c.legal) e.surfaces.add(seq.text);
    if (ticker) e.ticker ??= ticker[0].trim().replace(/^\(|\)$/g, '');
    if (acronym && initials(c.words).toUpperCase() === acronym[1]!.toUpperCase()) {
      const at = seq.end + after.indexOf(acronym[1]!);
      addForm(e, acronym[1]!, 'short', { start: at, end: at + acronym[1]!.length });
    }
  });

  // 2. registry short forms and former names used on their own ("JX", "Chalco")
  seqs.forEach((seq, i) => {
    const c = cores[i]!;
    const reg = REGISTRY_FORM.get(c.core);
    if (!reg || byKey.has(c.core.toLowerCase()) || isOrganisation(c.core)) return;
    addForm(entityOf(c.core, c.start), c.core, registryKind(reg, c.core), { start: c.start, end: c.end });
  });

  // "Rio Tinto Group" and "Rio Tinto", "Tongling Nonferrous Metals Group" and "Tongling Nonferrous" are one company
  for (const e of [...entities]) {
    for (const form of [...e.forms.keys()]) {
      const words = form.split(/\s+/);
      for (let n = words.length - 1; n >= 1; n--) {
        const rest = words.slice(n);
        const groupOnly = rest.length === 1 && /^(?:Group|Holdings?)$/.test(rest[0]!);
        if (!groupOnly && (n < 2 || !rest.every((w) => CORPORATE_WORDS.has(w)))) continue;
        const other = byKey.get(words.slice(0, n).join(' ').toLowerCase());
        if (other && other !== e && entities.includes(e) && entities.includes(other)) mergeInto(e, other, entities, byKey);
      }
    }
  }

  // 3. "X, better known as Y", "formerly known as Y": Y names the company just before
  seqs.forEach((seq, i) => {
    const before = text.slice(Math.max(0, seq.start - 60), seq.start);
    for (const link of ALIAS_LINKS) {
      if (!link.re.test(before)) continue;
      const c = cores[i]!;
      const subject = lastEntityBefore(entities, seq.start, text);
      if (!subject || subject.forms.has(c.core)) continue;
      const existing = byKey.get(c.core.toLowerCase());
      if (existing && existing !== subject) mergeInto(subject, existing, entities, byKey);
      addForm(subject, c.core, link.kind === 'former' ? 'former' : 'full', { start: c.start, end: c.end });
      break;
    }
  });
  for (const e of entities) {
    const reg = e.registry;
    if (!reg) continue;
    for (const f of reg.formerNames) if (e.forms.has(f.name)) e.forms.set(f.name, 'former');
  }

  // 4. short forms: part of a full name, its initials ("SMM") or clipped words ("MinRes")
  const shortOwners = new Map<string, Entity[]>();
  for (const e of entities) {
    const fulls = [...e.forms].filter(([, kind]) => kind !== 'short').map(([form]) => form);
    const suffixedInitials = [...e.surfaces].map((s) => initials(s.split(/\s+/))).filter((s) => s.length >= 2);
    for (const form of fulls) {
      for (const s of [form, ...shortFormsOf(form), ...suffixedInitials]) {
        if (byKey.has(s.toLowerCase()) && byKey.get(s.toLowerCase()) !== e) continue;
        const owners = shortOwners.get(s) ?? [];
        if (!owners.includes(e)) owners.push(e);
        shortOwners.set(s, owners);
      }
    }
  }
  seqs.forEach((seq, i) => {
    const c = cores[i]!;
    const owners = shortOwners.get(c.core);
    if (!owners) return;
    if (/^\s+(?:region|province|state|prefecture|basin|district|county|valley|mine|project|deposit|plant|smelter|refinery|operations?)\b/i.test(text.slice(c.end, c.end + 20))) return;
    if (owners.length > 1) {
      if (file) note(file, `"${c.core}" could be ${owners.map((o) => nameOf(o)).join(' or ')}; not counted`, 'companies/ambiguous-short-form', c.start);
      return;
    }
    addForm(owners[0]!, c.core, 'short', { start: c.start, end: c.end });
  });

  // 5. "the company", "the miner": the company named in this or the last sentence, else the most named one
  const main = [...entities].sort((a, b) => b.spans.length - a.spans.length || a.first - b.first)[0];
  const named = entities.flatMap((e) => e.spans.map((s) => ({ e, s }))).sort((a, b) => a.s.start - b.s.start);
  for (const m of text.matchAll(REFERENCES)) {
    const recent = lastNamedBefore(named, m.index);
    const near = previousSentenceStart(text, m.index);
    const e = recent && recent.s.start >= near ? recent.e : main;
    if (!e) continue;
    e.refs++;
    e.spans.push({ start: m.index, end: m.index + m[0].length });
  }

  return entities
    .filter((e) => [...e.forms.values()].some((k) => k !== 'short') || e.registry)
    .sort((a, b) => a.first - b.first)
    .map((e) => {
      const name = nameOf(e);
      const aliases = [...e.forms.keys()].filter((f) => f !== name);
      // a renamed company: the registry's other names are its names too
      if (e.registry) for (const f of [e.registry.name, ...e.registry.formerNames.map((x) => x.name)]) if (f !== name && !aliases.includes(f)) aliases.push(f);
      const spans = e.spans.sort((a, b) => a.start - b.start);
      return { name, aliases, mentions: spans.length, ...(e.ticker ? { ticker: e.ticker } : {}), spans };
    });
}

/** The name to show: the longest current full name used, else the longest former name, else the registry's name. */
function nameOf(e: Entity): string {
  const by = (kind: string) => [...e.forms].filter(([, k]) => k === kind).map(([f]) => f).sort((a, b) => b.length - a.length)[0];
  return by('full') ?? by('former') ?? e.registry?.name ?? by('short') ?? e.key;
}

function lastEntityBefore(entities: Entity[], at: number, _text: string): Entity | undefined {
  let best: Entity | undefined;
  let bestAt = -1;
  for (const e of entities) {
    for (const s of e.spans) if (s.end <= at && s.start > bestAt) {
      bestAt = s.start;
      best = e;
    }
  }
  return best;
}

/** The entity of the last named span that ends before `at` (spans sorted by start). */
function lastNamedBefore(named: { e: Entity; s: Span }[], at: number): { e: Entity; s: Span } | undefined {
  let lo = 0;
  let hi = named.length - 1;
  let found: { e: Entity; s: Span } | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (named[mid]!.s.end <= at) {
      found = named[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function mergeInto(target: Entity, other: Entity, entities: Entity[], byKey: Map<string, Entity>): void {
  for (const [f, k] of other.forms) target.forms.set(f, target.forms.get(f) ?? k);
  for (const s of other.spans) if (!target.starts.has(s.start)) {
    target.starts.add(s.start);
    target.spans.push(s);
  }
  target.first = Math.min(target.first, other.first);
  target.registry ??= other.registry;
  entities.splice(entities.indexOf(other), 1);
  for (const [k, v] of byKey) if (v === other) byKey.set(k, target);
}

/** Shorter forms an article may use for a full name. */
export function shortFormsOf(full: string): string[] {
  const words = full.split(/\s+/);
  const out = new Set<string>();
  if (words.length >= 2) {
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= words.length; j++) {
        if (i === 0 && j === words.length) continue;
        const part = words.slice(i, j);
        const s = part.join(' ');
        if (part.every((w) => CORPORATE_WORDS.has(w) || w === '&' || w === 'of' || LEGAL_SUFFIXES.has(w.toLowerCase()))) continue;
        if (!/^\p{Lu}/u.test(part[0]!) || part[part.length - 1] === 'of' || part[part.length - 1] === '&') continue;
        // a region may stand for a company named after it ("Pilbara" for Pilbara Minerals), never a country or city
        const regionLead = i === 0 && isRegionName(s) && words.slice(j).every((w) => CORPORATE_WORDS.has(w) || LEGAL_SUFFIXES.has(w.toLowerCase()));
        if (DEMONYMS.has(s) || (isGazetteerPlace(s) && !regionLead) || /^\d+$/.test(s) || s.length < 2) continue;
        out.add(s);
      }
    }
    const caps = words.filter((w) => /^\p{Lu}/u.test(w));
    if (caps.length >= 2) out.add(caps.map((w) => w[0]).join(''));
    if (caps.length === 2) out.add(caps.map((w) => w.slice(0, 3)).join(''));
  }
  return [...out];
}
