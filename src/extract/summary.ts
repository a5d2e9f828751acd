// The article's summary: one or two whole sentences of its lead paragraph, at most SUMMARY_MAX
// characters; a lead sentence longer than that is cut where a clause ends. Headings and short
// label lines are not the lead.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Sentence } from '../types.ts';

export const SUMMARY_MAX = 320;
/** The lead's first sentences: the news, not its background. */
const SUMMARY_SENTENCES = 2;
/** A lead paragraph shorter than this is joined by the next one. */
const SUMMARY_MIN = 100;

export function summarise(sentences: Sentence[], text = '', max = SUMMARY_MAX): string {
  const lead = sentences.filter(isProse);
  const picked: string[] = [];
  let length = 0;
  for (const [i, s] of lead.entries()) {
    // the lead paragraph is the summary; a very short one borrows from the next
    if (i > 0 && length >= SUMMARY_MIN && /\n\s*\n/.test(text.slice(lead[i - 1]!.end, s.start))) break;
    const sentence = s.text.replace(/\s+/g, ' ').trim();
    const next = length + (picked.length ? 1 : 0) + sentence.length;
    if (next > max) {
      if (picked.length === 0) return cutAtClause(sentence, max);
      break;
    }
    picked.push(sentence);
    length = next;
    if (picked.length === SUMMARY_SENTENCES) break;
  }
  return picked.join(' ');
}

/** A sentence of running text: it ends in a stop (headings and labels like "Key numbers" do not). */
function isProse(s: Sentence): boolean {
  return /[.!?]["'”’)]*$/.test(s.text) && s.text.split(/\s+/).length >= 6;
}

/**
 * The sentence up to the end of its last clause that fits in `max` characters, with a full stop:
 * before ", which", ", as", "; ", " — " and the like. Without one, before the last comma or word.
 */
export function cutAtClause(sentence: string, max: number): string {
  const room = sentence.slice(0, max - 1);
  const ends = [...room.matchAll(CLAUSE_END)].map((m) => m.index).filter((i) => i >= max * 0.4);
  const commas = [...room.matchAll(/,\s/g)].map((m) => m.index).filter((i) => i >= max * 0.4);
  const cut = ends.at(-1) ?? commas.at(-1) ?? room.lastIndexOf(' ');
  return `${room.slice(0, cut > 0 ? cut : room.length).replace(/[\s,;:–—-]+$/, '')}.`;
}

/** Where a clause ends: before a comma and a word that starts another clause, a semicolon or a dash. */
const CLAUSE_END = /(?:,\s+(?=(?:which|who|where|while|as|after|before|because|although|though|but|and|amid|according|citing|with|including|a|an|the|key|making|leaving|adding|saying|sending|up|down)\b)|;\s|\s[—–]\s|\s-\s)/g;

export function extractSummary() {
  return (_tree: Root, file: VFile): void => {
    file.data.extraction!.summary = summarise(file.data.extraction!.sentences ?? [], file.data.doc!.text);
  };
}
