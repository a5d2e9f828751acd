// The article's summary: its lead paragraph as plain text, at most SUMMARY_MAX characters, cut at
// a word when the lead alone is longer. Headings and short label lines are not the lead.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Sentence } from '../types.ts';

export const SUMMARY_MAX = 280;
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
      if (picked.length === 0) return cutAtWord(sentence, max);
      break;
    }
    picked.push(sentence);
    length = next;
  }
  return picked.join(' ');
}

/** A sentence of running text: it ends in a stop (headings and labels like "Key numbers" do not). */
function isProse(s: Sentence): boolean {
  return /[.!?]["'”’)]*$/.test(s.text) && s.text.split(/\s+/).length >= 6;
}

function cutAtWord(text: string, max: number): string {
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > max / 2 ? room.slice(0, space) : room).replace(/[\s,;:–—-]+$/, '')}…`;
}

export function extractSummary() {
  return (_tree: Root, file: VFile): void => {
    file.data.extraction!.summary = summarise(file.data.extraction!.sentences ?? [], file.data.doc!.text);
  };
}
