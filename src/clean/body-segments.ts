// The cleaned body as remark-html writes it (mdast to hast, sanitised with the default schema,
// serialised: its three steps, called here), made once where the article is extracted and kept
// with its record: the HTML, with the runs of text that an article page marks (render/body-html.ts)
// held apart. A page then puts the runs back, marked, without a tree to read back and write out
// (at 100,000 articles: the trees read back 7.9 s of a cold build's render, the three steps 7.0 s).
import { toHast } from 'mdast-util-to-hast';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'mdast';
import type { ElementContent, Parent, Root as HastRoot } from 'hast';
import type { BodySegments } from '../types.ts';

/** No mark inside a link or code: their text is not a run. */
const UNMARKED = new Set(['a', 'code', 'pre']);

/**
 * Where a run was: a `&` is always the start of a character reference in what hast-util-to-html
 * writes (it escapes `&` in text and in attribute values alike), never followed by NUL.
 */
const RUN = '&\u0000';

export function bodySegments(body: Root): BodySegments {
  const tree = sanitize(toHast(body)) as HastRoot;
  const text: string[] = [];
  const takeRuns = (node: Parent) => {
    for (let i = 0; i < node.children.length; i++) {
      const child = node.children[i]!;
      if (child.type === 'text') {
        text.push(child.value);
        // written as it is (allowDangerousHtml below): nothing in the tree can read as it
        node.children[i] = { type: 'raw', value: RUN } as unknown as ElementContent;
      } else if (child.type === 'element' && !UNMARKED.has(child.tagName)) takeRuns(child);
    }
  };
  takeRuns(tree);
  const html = toHtml(tree, { allowDangerousHtml: true }).split(RUN);
  if (html.length !== text.length + 1) throw new Error(`body-segments: ${text.length} runs of text, ${html.length - 1} places found for them`);
  return { html, text };
}
