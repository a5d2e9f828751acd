// Wire datelines ("SYDNEY, March 3 (Reuters) -", "TOKYO, Sept 5 (Reuters) -", "LONDON (Bloomberg) -")
// leave the lead paragraph for their own field.
import type { CleanTransformer } from './blocks.ts';
import { isTextBlock, linesOf } from './blocks.ts';

const PLACE = String.raw`\p{Lu}[\p{Lu} .'\-]{1,30}(?:,\s*\p{Lu}[\p{L} .]{1,20})?`;
const DAY = String.raw`(?:,?\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})`;
const AGENCY = String.raw`\((?:Reuters|Bloomberg|AFP|AP|Xinhua|Kyodo|Dow Jones|IANS|PTI|Yonhap|Bernama|dpa|ANSA|EFE|Interfax|TASS|MINING\.COM)\)`;
const WITH_AGENCY = new RegExp(String.raw`^(${PLACE}${DAY}?\s*${AGENCY})\s*[-–—:]+\s*`, 'u');
const WITH_DATE = new RegExp(String.raw`^(\p{Lu}[\p{Lu} .'\-]{2,30}${DAY})\s*[-–—:]+\s*`, 'u');

export const extractDateline: CleanTransformer = (tree, _file, state) => {
  const lead = tree.children.find((n) => n.type === 'paragraph');
  if (!lead || !isTextBlock(lead)) return;
  const lines = linesOf(lead);
  const first = lines[0];
  if (!first) return;
  const text = first.text.trim();
  const m = WITH_AGENCY.exec(text) ?? WITH_DATE.exec(text);
  if (!m) return;
  state.dateline = m[1]!.replace(/\s+/g, ' ').trim();
  lines[0] = { ...first, text: text.slice(m[0].length) };
  lead.data = { ...lead.data, lines, rewritten: true };
};
