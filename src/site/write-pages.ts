// Writes a renderer's pages into a folder: each page rendered and written, or, when its inputs are
// the ones it had last time, hard-linked from the previous build. A choice of pages (by their
// place in the site's fixed order) lets two threads share the work; the paths of all pages are
// returned either way (the sitemap lists them).
import fs from 'node:fs';
import path from 'node:path';
import { REUSED, STALE, type SiteRenderer, type RenderOptions } from '../render/render-site.ts';
import { linkFileSync } from './link-tree.ts';
import { fileOf } from './page-file.ts';

/** Which pages a thread writes: every `every`-th from `offset`, or the ones listed. */
export type PageChoice = { every: number; offset: number } | { only: number[] };

export const ALL_PAGES: PageChoice = { every: 1, offset: 0 };

/** What a renderer needs besides the site, as plain data a worker thread can be given. */
export type PortableRenderOptions = Omit<RenderOptions, 'unchanged'>;


export interface PagesWritten {
  /** Every page of the site, chosen or not. */
  paths: string[];
  rendered: number;
  reused: number;
  /** Places of the chosen pages that came back STALE (the renderer was only sorting pages). */
  stale: number[];
  /** The chosen pages rendered (file paths). */
  renderedPaths: string[];
}

function chooser(choice: PageChoice): (index: number) => boolean {
  if ('only' in choice) {
    const chosen = new Set(choice.only);
    return (i) => chosen.has(i);
  }
  return (i) => i % choice.every === choice.offset;
}

export interface WriteHooks {
  /** Told how many pages are done, after each. */
  onPage?: (done: number) => void;
  /** Whether the folder holds the live site's own file for a page already (nothing to link). */
  holdsLivePage?: (file: string) => boolean;
  /** Told of each page once its file is there, in the site's order. */
  onWritten?: (file: string) => void;
}

/**
 * Pages are written one at a time with synchronous calls: on the file systems measured here,
 * creating files from several threads at once cost up to five times as much per file, and each
 * async call is a trip through Node's thread pool (writing 6,325 pages: about 3 s of file calls
 * with 16 in flight, under 1 s one by one). A thread of its own writing them while the renderer
 * went on did not pay either, at 4,000 to 100,000 articles (BENCHMARKS.md, 2026-12-06).
 */
export async function writePages(dir: string, renderer: SiteRenderer, previousDir: string | undefined, choice: PageChoice, hooks: WriteHooks = {}): Promise<PagesWritten> {
  const { onPage, holdsLivePage, onWritten } = hooks;
  const chosen = chooser(choice);
  const madeDirs = new Set<string>();
  /**
   * Makes the page's folder; true when this call made it (then no page is there to replace). A
   * page's folder is made alone when its parent is there (most are): a recursive mkdir cost about
   * about twice as much per folder on this machine's file system (105 against 45-80 µs).
   */
  const ensureParent = (target: string): boolean => {
    const parent = path.dirname(target);
    if (madeDirs.has(parent)) return false;
    madeDirs.add(parent);
    if (madeDirs.has(path.dirname(parent))) {
      try {
        fs.mkdirSync(parent);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      }
    }
    const made = fs.mkdirSync(parent, { recursive: true }) !== undefined;
    // its ancestors are there now
    for (let dir = path.dirname(parent); !madeDirs.has(dir) && dir !== path.dirname(dir); dir = path.dirname(dir)) madeDirs.add(dir);
    return made;
  };
  const result: PagesWritten = { paths: [], rendered: 0, reused: 0, stale: [], renderedPaths: [] };
  for (const slot of renderer.slots()) {
    const index = result.paths.push(slot.path) - 1;
    if (!chosen(index)) continue;
    const html = slot.render();
    if (html === STALE) {
      result.stale.push(index);
      continue;
    }
    if (html === REUSED && holdsLivePage?.(slot.path)) {
      // the staging folder holds the live page's own file already (output-folder.ts)
      result.reused++;
      onPage?.(result.rendered + result.reused);
      onWritten?.(slot.path);
      continue;
    }
    const target = path.join(dir, slot.path);
    const freshFolder = ensureParent(target);
    // the staging folder may hold this page from the spare (output-folder.ts), maybe a hard link
    // of the live page: it is kept when it is the very file to link, else unlinked, never written into
    if (html === REUSED) {
      result.reused++;
      linkPageSync(path.join(previousDir!, slot.path), target);
    } else {
      result.rendered++;
      result.renderedPaths.push(slot.path);
      if (!freshFolder) fs.rmSync(target, { force: true });
      fs.writeFileSync(target, html);
    }
    onPage?.(result.rendered + result.reused);
    onWritten?.(slot.path);
  }
  return result;
}

/** Makes `target` a link of `source`: kept when it is one already, else replaced (not written into). */
function linkPageSync(source: string, target: string): void {
  try {
    fs.linkSync(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return linkFileSync(source, target);
    const [from, to] = [fs.statSync(source), fs.lstatSync(target)];
    if (from.ino === to.ino && from.dev === to.dev) return;
    fs.rmSync(target, { force: true });
    linkFileSync(source, target);
  }
}

/** Whether the page last written at a site path had this input key (and is still there to link). */
export function unchangedSince(previousDir: string | undefined, previousKeys: Map<string, string> | undefined, exists: (file: string) => boolean) {
  if (!previousKeys) return undefined;
  return (sitePath: string, key: string) => !!previousDir && previousKeys.get(sitePath) === key && exists(path.join(previousDir, fileOf(sitePath)));
}
