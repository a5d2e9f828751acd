// Headline found in the source: the first `# h1` of a markdown file, or the first line of a text
// file when it reads like one (short, no final stop, on its own line or over a byline).
import type { CleanTransformer } from './blocks.ts';
import { blockText, linesOf, removeBlock } from './blocks.ts';

const MAX_WORDS = 25;

export const extractMdHeadline: CleanTransformer = (tree, _file, state) => {
  const first = tree.children[0];
  if (first?.type === 'heading' && first.depth === 1) {
    state.headline = blockText(first);
    removeBlock(tree, first, state, 'headline');
  }
};

export const extractTxtHeadline: CleanTransformer = (tree, _file, state) => {
  const first = tree.children[0];
  if (first?.type !== 'paragraph') return;
  const lines = linesOf(first);
  const line = lines[0];
  // a headline stands alone: on a line of its own, or in a block split off a loose paragraph
  if (!line || lines.length !== 1 || !isHeadlineLike(line.text.trim())) return;
  state.headline = line.text.trim();
  removeBlock(tree, first, state, 'headline');
};

export function isHeadlineLike(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length >= 3 && words.length <= MAX_WORDS && text.length <= 180 && /^[\p{Lu}\d"“‘']/u.test(text) && !/[.,;:!?]["”’)]*$/.test(text) && !/^by\s/i.test(text);
}
