// Wire datelines ("SYDNEY, March 3 (Reuters) -", "TOKYO, Sept 5 (Reuters) -", "LONDON (Bloomberg) -")
// leave the lead paragraph for their own field.
import type { CleanTransformer } from './blocks.ts';
import { isTextBlock, linesOf } from './blocks.ts';
import { placesList as places } from '../data/word-lists.ts';

const PLACE = String.raw`\p{Lu}[\p{Lu} .'\-]{1,30}(?:,\s*\p{Lu}[\p{L} .]{1,20})?`;
const DAY = String.raw`(?:,?\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})`;
// a wire agency, or a site that stamps its own name the same way ("(miningweekly.com)")
const AGENCY = String.raw`\((?:Reuters|Bloomberg|AFP|AP|Xinhua|Kyodo|Dow Jones|IANS|PTI|Yonhap|Bernama|dpa|ANSA|EFE|Interfax|TASS|Mining\.com|MINING\.COM|[\w-]+\.(?:com|net|org|co\.\w{2}|com\.\w{2}))\)`;
const MONTH_DAY = String.raw`\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}`;
const WITH_AGENCY = new RegExp(String.raw`^((?:${PLACE}${DAY}?|${MONTH_DAY})?\s*${AGENCY})\s*[-–—:]+\s*`, 'u');
const WITH_DATE = new RegExp(String.raw`^(\p{Lu}[\p{Lu} .'\-]{2,30}${DAY})\s*[-–—:]+\s*`, 'u');
/** "SANTIAGO, Chile —": a place in capitals and a dash; only a place the gazetteer knows, so that "BHP — …" stays. */
const CAPS_PLACE = new RegExp(String.raw`^(\p{Lu}{3,}(?:[ .'\-]+\p{Lu}{2,}){0,3})(,\s*\p{Lu}[\p{L} .]{1,20})?\s*[-–—]{1,2}\s+`, 'u');
const KNOWN_PLACES = new Set([...places.countries, ...places.regions, ...places.states, ...places.cities].map((p) => p.toLowerCase()));

export const extractDateline: CleanTransformer = (tree, _file, state) => {
  const lead = tree.children.find((n) => n.type === 'paragraph');
  if (!lead || !isTextBlock(lead)) return;
  const lines = linesOf(lead);
  const first = lines[0];
  if (!first) return;
  const text = first.text.trim();
  const caps = CAPS_PLACE.exec(text);
  const m = WITH_AGENCY.exec(text) ?? WITH_DATE.exec(text) ?? (caps && KNOWN_PLACES.has(caps[1]!.toLowerCase()) ? caps : null);
  if (!m) return;
  state.dateline = m[0].replace(/\s*[-–—:]+\s*$/, '').replace(/\s+/g, ' ').trim();
  // a new list, not an edit of the old one: what was worked out from the old list (blockText) stays true of it
  lead.data = { ...lead.data, lines: [{ ...first, text: text.slice(m[0].length) }, ...lines.slice(1)], rewritten: true };
};
