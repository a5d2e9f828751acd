// The article's summary: its lead sentence(s) as plain text, at most SUMMARY_MAX characters, cut at
// a word when the lead alone is longer. Headings and short label lines are not the lead.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Sentence } from '../types.ts';

export const SUMMARY_MAX = 280;

export function summarise(sentences: Sentence[], max = SUMMARY_MAX): string {
  const lead = sentences.filter(isProse);
  const picked: string[] = [];
  let length = 0;
  for (const s of lead) {
    const text = s.text.replace(/\s+/g, ' ').trim();
    const next = length + (picked.length ? 1 : 0) + text.length;
    if (next > max) {
      if (picked.length === 0) return cutAtWord(text, max);
      break;
    }
    picked.push(text);
    length = next;
    if (length > max * 0.6) break;
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
    file.data.extraction!.summary = summarise(file.data.extraction!.sentences ?? []);
  };
}
