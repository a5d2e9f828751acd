// Places named as nouns: countries, regions, states and cities from the gazetteer, and by
// pattern ("Jiangxi province", "a smelter in Budel", "Kokkola, Finland", "a mine near Leonora").
// Adjectives ("Chinese", "Western Australian", "Perth-based") and places inside a company or
// organisation name ("Jiangxi Copper", "London Metal Exchange") are not places.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Span } from '../types.ts';
import { placesList as places } from '../data/word-lists.ts';
import { DEMONYMS, escapeRegExp, nameSequences, occurrences, SpanCover } from './proper-names.ts';
import { coreOf, isOrganisation } from './companies.ts';
import { GAZETTEER, isGazetteerPlace } from './gazetteer.ts';

// longest first, so "Democratic Republic of Congo" wins over "Congo"
const BY_LENGTH = [...new Set(GAZETTEER)].sort((a, b) => b.length - a.length);
// one pass over the text: every gazetteer name as a whole word, longest first
const GAZETTEER_RE = new RegExp(`(?<![\\p{L}\\p{N}&])(?:${BY_LENGTH.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}&]|-\\p{L})`, 'gu');
const KIND_WORDS = new Set(places.kindWords);
const NAMED_KIND = new Set(places.namedKindWords);
const TRADE_TERM_BEFORE = new RegExp(`\\b(?:${places.tradeTerms.join('|')})\\s+$`);
/** "Kagawa Prefecture", "Copperbelt Province": a name and the capitalised kind of place it is. */
const endsInNamedKind = (s: { words: { text: string }[] }) => s.words.length >= 2 && s.words.length <= 4 && NAMED_KIND.has(s.words.at(-1)!.text);
const KIND_AFTER = new RegExp(`^\\s+(?:${places.kindWords.join('|')})\\b`);
const SITE_BEFORE = new RegExp(`\\b(?:${places.siteWords.join('|')})\\s+(?:in|near|outside|around)\\s+$|\\b(?:near|around|outside)\\s+$`);

const DEMONYM_SITES = places.demonymSites as Record<string, string>;
const DEMONYM_SITE = new RegExp(`(?<![\\p{L}-])(${Object.keys(DEMONYM_SITES).sort((a, b) => b.length - a.length).join('|')})\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(?:${places.siteNouns.join('|')})\\b`, 'gu');

export function extractPlaces() {
  return (_tree: Root, file: VFile): void => {
    const x = file.data.extraction!;
    const taken = [...(x.companies ?? []).flatMap((c) => c.spans), ...(x.people ?? []).flatMap((p) => p.spans)];
    x.places = findPlaces(file.data.doc!.text, taken);
  };
}

export function findPlaces(text: string, otherNames: Span[] = []): string[] {
  const seqs = nameSequences(text);
  // spans of organisation names: a place inside one is part of the name
  const blocked: Span[] = [...otherNames];
  for (const s of seqs) {
    if (s.words.length < 2 || isGazetteerPlace(s.text)) continue;
    // a place inside a longer name ("Cobre Panama", "London Metal Exchange") is part of that name, unless the
    // rest of the name only says what kind of place it is ("Copperbelt Province")
    const rest = s.words.filter((w) => !isGazetteerPlace(w.text) && !KIND_WORDS.has(w.text.toLowerCase()));
    if (isOrganisation(coreOf(s, text).core) || (rest.length > 0 && !endsInNamedKind(s))) blocked.push(s);
  }
  const cover = new SpanCover(text.length, blocked);
  const inside = (a: Span) => cover.covers(a.start, a.end);
  const found: { name: string; at: number }[] = [];
  const used = new Uint8Array(text.length + 1);
  const add = (name: string, span: Span) => {
    for (let i = span.start; i < span.end; i++) if (used[i]) return;
    used.fill(1, span.start, span.end);
    found.push({ name, at: span.start });
  };

  for (const m of text.matchAll(GAZETTEER_RE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (!inside(span)) add(m[0], span);
  }
  for (const s of seqs) {
    const c = coreOf(s, text);
    if (c.words.length > 3 || DEMONYMS.has(c.core) || isOrganisation(c.core) || inside(c)) continue;
    const before = text.slice(Math.max(0, s.start - 40), s.start);
    const after = text.slice(s.end, s.end + 40);
    const kind = !s.possessive && KIND_AFTER.test(after);
    const site = SITE_BEFORE.test(before) || TRADE_TERM_BEFORE.test(before);
    // "Balen, Belgium": a name followed by a known country or state
    const commaPlace = /^,\s+((?:\p{Lu}[\p{L}-]+\s?){1,3})/u.exec(after);
    const beforeKnown = commaPlace !== null && isGazetteerPlace(commaPlace[1]!.trim()) && /\b(?:in|at|near|of|from)\s+$/.test(before);
    if (endsInNamedKind(s)) {
      const name = s.words.slice(0, -1);
      add(text.slice(name[0]!.start, name.at(-1)!.end), { start: name[0]!.start, end: name.at(-1)!.end });
    } else if (kind || site || beforeKnown) add(c.core, c);
  }
  for (const abbr of places.abbreviatedCountries) {
    for (const span of occurrences(text, abbr)) {
      const after = text.slice(span.end, span.end + 12);
      if (/^(?:[.,;:)'’]|\s+(?:and|or|but|in|on|for|to|from|as|has|have|had|is|was|were|will|would|said|says)\b|$)/.test(after) && !inside(span)) add(abbr, span);
    }
  }
  for (const m of text.matchAll(DEMONYM_SITE)) found.push({ name: DEMONYM_SITES[m[1]!]!, at: m.index });
  return found.sort((a, b) => a.at - b.at).map((f) => f.name).filter((n, i, all) => all.indexOf(n) === i);
}
