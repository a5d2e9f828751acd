// Closing sections of press releases and exchange announcements: "About Acme Mining" and its
// company description, forward-looking statements, competent person statements, and contact
// blocks (names, titles, phone numbers, e-mail). A section opens with its heading block and takes
// the blocks after it; the patterns are data (src/data/boilerplate.json, `sections`).
import type { RootContent } from 'mdast';
import { boilerplateList as boilerplate } from '../data/word-lists.ts';
import type { CleanTransformer } from './blocks.ts';
import { blockText, isTextBlock, linesOf, removeBlock, singleSpaced } from './blocks.ts';
import { lineRuleOf } from './boilerplate.ts';

// a pattern written with capitals for a name matches case-sensitively; keywords are spelled in both cases
const compileSection = (p: string) => new RegExp(p, /\\p\{Lu\}/.test(p) ? 'u' : 'iu');
const PROSE = boilerplate.sections.prose.map(compileSection);
const CONTACTS = boilerplate.sections.contacts.map(compileSection);
/** The lead and the paragraph after it are the news, whatever they look like. */
const FIRST_SECTION_BLOCK = 2;
const ABOUT = /^(?:about|ABOUT)\s+(?:the\s+)?(\p{L}[\p{L}\p{N}&'’-]*)/iu;

/**
 * "About Acme Mining" opens a section only over a description of that company ("Acme Mining is…",
 * "Acme produces…"): a subheading "About Face" over news is news.
 */
function describesItsName(node: RootContent, next: RootContent | undefined): boolean {
  const name = ABOUT.exec(firstLine(node))?.[1];
  if (!name) return true;
  const rest = linesOf(node).length > 1 ? linesOf(node)[1]!.text : next && isTextBlock(next) ? firstLine(next) : '';
  return new RegExp(`^(?:the\\s+)?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'iu').test(rest.replace(/[*_]+/g, '').trim());
}

/** A phone number, an e-mail address or a web address. */
const CONTACT_DETAIL = /\+?\d[\d ()-]{7,}\d|\b[\w.+-]+@[\w-]+\.[\w.]+|\bwww\.[\w-]+\.\w+/;

type SectionKind = 'prose' | 'contacts';

const plainLine = (line: string) => singleSpaced(line.replace(/[*_#]+/g, ' '));
const firstLine = (node: RootContent) => plainLine(linesOf(node)[0]?.text ?? '');

export function sectionKindOf(line: string): SectionKind | null {
  const t = plainLine(line);
  if (!t || t.length > 120) return null;
  if (CONTACTS.some((re) => re.test(t))) return 'contacts';
  if (PROSE.some((re) => re.test(t))) return 'prose';
  return null;
}

/** A contact line: a phone number, an e-mail or web address, or a short line of a name or a title. */
export function isContactLine(line: string): boolean {
  const t = line.replace(/[*_]+/g, '').trim();
  if (CONTACT_DETAIL.test(t)) return true;
  return t.split(/\s+/).length <= 6 && !/[.!?]$/.test(t);
}

/** A heading that opens other news: an md heading, or a txt block of one short line, that is not itself furniture. */
function isNewsHeading(node: RootContent): boolean {
  const text = firstLine(node);
  if (sectionKindOf(text) || lineRuleOf(text)) return false;
  if (node.type === 'heading') return true;
  return node.type === 'paragraph' && linesOf(node).length === 1 && text.split(/\s+/).length <= 12 && !/[.,;:!?]$/.test(text);
}

export const removeSections: CleanTransformer = (tree, _file, state) => {
  let kind: SectionKind | null = null;
  for (const node of [...tree.children]) {
    const at = tree.children.indexOf(node);
    const opens = isTextBlock(node) && at >= FIRST_SECTION_BLOCK && describesItsName(node, tree.children[at + 1]) ? sectionKindOf(firstLine(node)) : null;
    if (opens) {
      kind = opens;
      // a contacts heading's own block may hold the contacts too, and then prose after them
      if (opens === 'contacts' && node.type === 'paragraph' && !linesOf(node).slice(1).every((l) => isContactLine(l.text))) {
        kind = null;
        continue;
      }
      removeBlock(tree, node, state, `section-${opens}`);
      continue;
    }
    if (!kind) continue;
    const inSection = kind === 'prose' ? !isNewsHeading(node) : isContactBlock(node);
    if (!inSection) {
      kind = null;
      continue;
    }
    removeBlock(tree, node, state, `section-${kind}`);
  }
};

/** A block of contact lines, or one line of contact details however long ("Media: Jane Roe, Director, +61 400 000 000, jane@acme.com"). */
function isContactBlock(node: RootContent): boolean {
  const lines = linesOf(node);
  if (node.type !== 'paragraph' || !lines.length) return false;
  if (lines.every((l) => isContactLine(l.text))) return true;
  const text = blockText(node);
  return text.length <= 240 && CONTACT_DETAIL.test(text) && !/[.!?]["”]?$/.test(text.replace(/\s+\S+@\S+$|\s+www\.\S+$/, ''));
}
