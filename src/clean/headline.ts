// Headline found in the source: the first `# h1` of a markdown file, or the first line of a text
// file when it reads like one (short, no final stop, on its own line or over a byline).
import type { CleanTransformer } from './blocks.ts';
import { blockText, linesOf, removeBlock } from './blocks.ts';
import { kindOf, lineRuleOf } from './boilerplate.ts';

const MAX_WORDS = 25;

export const extractMdHeadline: CleanTransformer = (tree, _file, state) => {
  const first = tree.children[0];
  if (first?.type === 'heading' && first.depth === 1) {
    state.headline = blockText(first);
    removeBlock(tree, first, state, 'headline');
  }
};

export const extractTxtHeadline: CleanTransformer = (tree, file, state) => {
  const first = tree.children[0];
  if (first?.type !== 'paragraph') return;
  const lines = linesOf(first);
  const line = lines[0];
  // a headline stands alone: on a line of its own, or in a block split off a loose paragraph
  if (!line || lines.length !== 1 || !isHeadlineLike(line.text.trim())) return;
  // page furniture on the first line ("Share this article", "Subscribe") is no headline
  if (lineRuleOf(line.text) || kindOf(first) === 'cta') return;
  // with a title in the front matter, only a line that repeats it is the headline: anything else is a standfirst
  const title = file.data.source?.frontMatter.title;
  if (title && !sameWords(title, line.text)) return;
  state.headline = line.text.trim();
  removeBlock(tree, first, state, 'headline');
};

export function isHeadlineLike(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length >= 3 && words.length <= MAX_WORDS && text.length <= 180 && /^[\p{Lu}\d"“‘']/u.test(text) && !/[.,;:!?]["”’)]*$/.test(text) && !/^by\s/i.test(text);
}

function sameWords(a: string, b: string): boolean {
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const wa = words(a);
  const wb = words(b);
  const shared = [...wa].filter((w) => wb.has(w)).length;
  return shared >= 0.7 * Math.max(wa.size, wb.size);
}
