// The clean stage: article body → CleanDoc. A parser per format builds mdast (txt: our own,
// md: remark), then small transformers each remove or move out one kind of thing. The result is
// the cleaned tree, its plain text (all extraction offsets point into it) and where each block
// came from.
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import type { Processor } from 'unified';
import type { CleanDoc } from '../types.ts';
import type { CleanState, CleanTransformer } from './blocks.ts';
import { singleSpaced } from './blocks.ts';
import { parseTxt } from './parse-txt.ts';
import { parseMd } from './parse-md.ts';
import { detectSubheadings, materialiseText, normaliseHeadings, splitLooseParagraphs } from './layout.ts';
import { removeBoilerplateLines, removeComments, removePromotions } from './boilerplate.ts';
import { extractByline } from './byline.ts';
import { removeSections } from './sections.ts';
import { removePageTop } from './page-top.ts';
import { extractDateline } from './dateline.ts';
import { extractMdHeadline, extractTxtHeadline } from './headline.ts';

const TXT: CleanTransformer[] = [splitLooseParagraphs, removeComments, removePageTop, extractByline, extractTxtHeadline, removePromotions, removeBoilerplateLines, removeSections, extractDateline, detectSubheadings, materialiseText];
const MD: CleanTransformer[] = [removePageTop, extractMdHeadline, removeComments, extractByline, removePromotions, removeBoilerplateLines, removeSections, extractDateline, normaliseHeadings, materialiseText];

/** `plugins`: the settings' unified plugins (synchronous), run on the cleaned tree before its text is taken. */
export function cleanArticle(file: VFile, plugins: Processor<Root, Root, Root> | null = null): CleanDoc {
  const source = file.data.source;
  const format = source?.format ?? 'txt';
  const bodyLine = source?.bodyLine ?? 1;
  const value = String(file.value ?? '');
  const state: CleanState = { removed: [], headline: null, byline: null, dateline: null };
  const tree = format === 'md' ? parseMd(value, state) : parseTxt(value);
  for (const transform of format === 'md' ? MD : TXT) transform(tree, file, state);
  plugins?.runSync(tree, file);

  const { text, blockStarts } = plainText(tree, bodyLine);
  const doc: CleanDoc = {
    headline: state.headline,
    byline: state.byline,
    dateline: state.dateline,
    body: stripData(tree),
    text,
    removed: state.removed.map((r) => ({ ...r, line: r.line == null ? null : r.line + bodyLine - 1 })).sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    blockStarts,
  };
  file.data.doc = doc;
  return doc;
}

/** The blocks' plain text joined by blank lines (a list: one line per item), with each block's offset and source line. */
function plainText(tree: Root, bodyLine: number): { text: string; blockStarts: CleanDoc['blockStarts'] } {
  let text = '';
  const blockStarts: CleanDoc['blockStarts'] = [];
  for (const node of tree.children) {
    const block = blockPlainText(node);
    if (!block) continue;
    if (text) text += '\n\n';
    const line = node.data?.lines?.[0]?.line ?? node.position?.start.line ?? 1;
    blockStarts.push({ offset: text.length, line: line + bodyLine - 1 });
    text += block;
  }
  return { text, blockStarts };
}

function blockPlainText(node: RootContent): string {
  if (node.type === 'list') return node.children.map((item) => singleSpaced(toString(item))).filter(Boolean).join('\n');
  if (node.type === 'blockquote') return node.children.map((c) => singleSpaced(toString(c))).filter(Boolean).join('\n');
  if (node.type === 'table') return node.children.map((row) => row.children.map((cell) => singleSpaced(toString(cell))).join(' | ')).join('\n');
  if (node.type === 'code') return node.value.trim();
  return singleSpaced(toString(node));
}

/** The working line lists are the clean stage's business: the published tree carries none. */
function stripData(tree: Root): Root {
  for (const node of tree.children) {
    if (!node.data) continue;
    const { lines: _lines, group: _group, plain: _plain, rewritten: _rewritten, ...rest } = node.data;
    node.data = Object.keys(rest).length ? rest : undefined;
    if (!node.data) delete node.data;
  }
  return tree;
}
