// Bylines and reporting credits: "By X", "X · Mining Reporter · Nov 12, 2025", and the wire
// agencies' "(Reporting by X in Lima; Additional reporting by Y; Editing by Z)". The byline is the
// reporters (never the editors); the lines leave the text only when the byline holds a name.
import type { CleanTransformer } from './blocks.ts';
import { blockText, isTextBlock, linesOf, removeBlock, removeLines } from './blocks.ts';

const NAME_WORD = String.raw`\p{Lu}[\p{L}'’.\-]*`;
const PARTICLE = String.raw`(?:de|da|del|der|van|von|le|la|bin|al|dos|du)`;
const NAME = String.raw`${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)?${NAME_WORD}){1,3}`;
const NAMES = String.raw`${NAME}(?:\s*(?:,|and|&)\s*${NAME})*`;

/** "By Jane Doe", "By Jane Doe and John Roe | Feb 14, 2025", "By Jane Doe in London". */
const BY_LINE = new RegExp(String.raw`^(?:By|BY|by|Written by|Words by|Story by|Reporting by|Published by|Posted by)\s*:?\s+(${NAMES})(?:\s*(?:[|·•,–—-]|\bin\b|\bfor\b).*)?$`, 'u');
/** "Jane Doe · Mining Reporter · Nov 12, 2025 · 5 min read" */
const NAME_CARD = new RegExp(String.raw`^(${NAME})\s*[|·•]\s*(?:.*\b(?:[Rr]eporter|[Cc]orrespondent|[Ee]ditor|[Ww]riter|[Jj]ournalist|[Ss]taff|[Cc]ontributor|min read|[Uu]pdated|[Pp]ublished)\b|.*\b\d{4}\b).*$`, 'u');
/** "(Reporting by X in Lima; Additional reporting by Y; Editing by Z)", parentheses optional. */
const CREDIT = /^(?:\(?\s*(?:(?:additional |compiled |)reporting|writing|written|reported|editing|edited|compiled)\s+by\b[^)]*\)?\.?|[-–—]*\s*with assistance from\b.*)$/iu;
/** Bloomberg's footer names the reporter: "To contact the reporter on this story: Jane Roe in London at …". */
const CONTACT = new RegExp(String.raw`^[Tt]o contact the reporters? on this story:?\s+(${NAMES})`, 'u');
const REPORTERS = new RegExp(String.raw`(?:^|[(;]\s*)(?:[Rr]eporting|[Rr]eported|[Ww]riting|[Ww]ritten)\s+by\s+(${NAMES})`, 'u');

/** Names only: "Sophie Grant and Liam O’Rourke"; a title after a comma ("Mark Thompson, Mining Correspondent") is no name. */
function namesIn(match: string): string {
  const parts = match.replace(/\s+/g, ' ').trim().split(/\s*(?:,|\band\b|&)\s*/);
  const names = parts.filter((p, i) => i === 0 || looksLikeName(p));
  return names.join(' and ');
}

export const extractByline: CleanTransformer = (tree, _file, state) => {
  // byline lines stand near the top (after the headline) or at the very end
  const candidates = tree.children.filter((n, i) => isTextBlock(n) && (i < 4 || i >= tree.children.length - 3));
  for (const node of candidates) {
    for (const line of linesOf(node)) {
      const text = line.text.trim();
      const m = BY_LINE.exec(text) ?? NAME_CARD.exec(text);
      if (!m || !looksLikeName(m[1]!.split(',')[0]!)) continue;
      state.byline ??= namesIn(m[1]!);
      if (tree.children.includes(node)) removeLines(tree, node, [line], state, 'byline');
    }
  }
  for (const node of tree.children) {
    const contact = isTextBlock(node) ? CONTACT.exec(blockText(node)) : null;
    if (contact && looksLikeName(contact[1]!)) state.byline ??= namesIn(contact[1]!.replace(/\s+in\s+.*$/, ''));
  }
  for (const node of [...tree.children]) {
    if (!isTextBlock(node)) continue;
    const text = blockText(node);
    if (!CREDIT.test(text)) continue;
    const reporters = REPORTERS.exec(text);
    if (reporters) state.byline ??= namesIn(reporters[1]!);
    // an editing-only credit says nothing of who reported: it stays unless a byline is known
    if (state.byline) removeBlock(tree, node, state, 'reporting-credit');
  }
};

const NOT_NAME = /\b(?:the|our|staff|reuters|bloomberg|news|agency|team|desk|editor|editors|correspondents?)\b/i;

function looksLikeName(s: string): boolean {
  return !NOT_NAME.test(s);
}

