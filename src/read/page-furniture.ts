// Page furniture: the parts of a web page that are not its article (menus, share bars, related
// links, cookie notices, newsletters, comments, ads, scripts, styles, media). The tag, class, id
// and role lists are data (src/data/page-furniture.json).
import furniture from '../data/page-furniture.json' with { type: 'json' };

const NEVER = new Set(furniture.never);
const TAGS = new Set(furniture.tags);
const ROLES = new Set(furniture.roles);
const WORDS = new Set(furniture.words);
/** Multi-part words ("read-next") are matched as runs of a name's parts. */
const LONGEST = Math.max(...furniture.words.map((w) => w.split('-').length));

/**
 * An element named as furniture that holds more than this share of the page's text is its
 * layout, not furniture: ASP.NET wraps whole pages in a <form>, themes put `content-sidebar` on <body>.
 */
export const MOST_OF_THE_TEXT = 0.5;

/** Whether a class or id names furniture: one of its hyphen- or underscore-separated parts (or runs of them) is a furniture word. */
export function namesFurniture(name: string): boolean {
  for (const token of name.toLowerCase().split(/\s+/)) {
    const parts = token.split(/[-_]+/).filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      for (let n = 1; n <= LONGEST && i + n <= parts.length; n++) if (WORDS.has(parts.slice(i, i + n).join('-'))) return true;
    }
  }
  return false;
}

export interface ElementFacts {
  tag: string;
  className?: string | null;
  id?: string | null;
  role?: string | null;
  hidden?: boolean;
}

/** Code, media and page metadata: never text, whatever they hold. */
export function isNeverText(tag: string): boolean {
  return NEVER.has(tag.toLowerCase());
}

/** Whether an element is named as furniture (by tag, class, id, role or being hidden); see MOST_OF_THE_TEXT. */
export function isFurniture(el: ElementFacts): boolean {
  if (TAGS.has(el.tag.toLowerCase())) return true;
  if (el.hidden) return true;
  if (el.role && ROLES.has(el.role.trim().toLowerCase())) return true;
  return (!!el.className && namesFurniture(el.className)) || (!!el.id && namesFurniture(el.id));
}

/** Whether an element named as furniture should go, given its text and the whole page's. */
export function removeAsFurniture(textLength: number, pageTextLength: number): boolean {
  return textLength <= MOST_OF_THE_TEXT * pageTextLength;
}
