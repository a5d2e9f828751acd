// A build replaces its output folder whole, so it must only ever be given a folder it made. Before
// anything is written, the output folder is checked against the folders a user's files live in
// (compared by real path: links, `..`, `.` and trailing slashes resolved) and against folders this
// generator did not make. A refused folder costs one message and touches nothing.
import fs from 'node:fs';
import type { SiteSettings } from '../build-options.ts';
import os from 'node:os';
import path from 'node:path';
import { GENERATOR_DIR } from '../generator.ts';

/** The file every build writes at the top of its output folder: a build replaces only a folder that has it. */
export const OUTPUT_MARK = '.built-by-metals-news-digest';
export const OUTPUT_MARK_TEXT = 'This folder is the output of metals-news-digest: each build replaces it whole.\n';


export class OutputFolderRefusedError extends Error {
  name = 'OutputFolderRefusedError';
  constructor(readonly outDir: string, reason: string) {
    super(`--out ${shown(outDir)} ${reason}`);
  }
}

export interface GuardedFolders {
  seedsDir: string;
  templatesDir: string;
  publicDir: string;
  /** The settings' folders and stylesheets (vite.config.ts). */
  site?: Pick<SiteSettings, 'userTemplatesDir' | 'userPublicDir' | 'css'>;
  /** The user said the files of an output folder this generator did not make may go (--empty-out-dir). */
  emptyOutDir?: boolean;
}

/** Whether a folder holds a site a build of ours wrote: the mark, or (sites built before the mark existed) its records and search index. */
export function isOurOutput(dir: string): boolean {
  return fs.existsSync(path.join(dir, OUTPUT_MARK)) || (fs.existsSync(path.join(dir, 'data/records.json')) && fs.existsSync(path.join(dir, 'pagefind/shards.json')));
}

/** Throws OutputFolderRefusedError when a build into `outDir` could move or delete a file it did not write. */
export function checkOutputFolder(outDir: string, folders: GuardedFolders): void {
  const given = path.resolve(outDir);
  const stat = fs.lstatSync(given, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) {
    const target = realPath(given);
    throw new OutputFolderRefusedError(given, `is a symbolic link (to ${target}): the swap would replace the link, not the folder; pass the folder itself, --out ${target}`);
  }
  if (stat && !stat.isDirectory()) throw new OutputFolderRefusedError(given, 'is a file, not a folder: pass a new folder, such as --out dist');
  const out = realPath(given);

  const root = path.parse(out).root;
  if (out === root) throw new OutputFolderRefusedError(given, 'is the root of the file system: pass a folder of its own, such as --out dist');
  const home = realPath(os.homedir());
  if (within(home, out)) throw new OutputFolderRefusedError(given, `${out === home ? 'is' : 'holds'} your home folder: pass a folder of its own, such as --out dist`);
  for (const project of new Set([GENERATOR_DIR, projectOf(process.cwd())].filter((p): p is string => !!p).map(realPath))) {
    if (within(project, out)) throw new OutputFolderRefusedError(given, `${out === project ? 'is' : 'holds'} the project folder (${shown(project)}): pass a folder inside it, such as --out dist`);
  }
  const inputs: Array<[string, string]> = [
    ['seeds', folders.seedsDir],
    ['templates', folders.templatesDir],
    ['public files', folders.publicDir],
    ...(folders.site?.userTemplatesDir ? [['templates', folders.site.userTemplatesDir] as [string, string]] : []),
    ...(folders.site?.userPublicDir ? [['public files', folders.site.userPublicDir] as [string, string]] : []),
    ...(folders.site?.css ?? []).map((css) => ['stylesheets', path.dirname(css)] as [string, string]),
  ];
  for (const [kind, dir] of inputs) {
    const input = realPath(path.resolve(dir));
    // a stylesheet's folder may hold the output (styles beside dist/); it may not be in it
    const why = out === input ? 'is' : within(input, out) ? 'holds' : within(out, input) && kind !== 'stylesheets' ? 'lies inside' : null;
    if (!why) continue;
    const harm = why === 'lies inside' && kind === 'seeds' ? 'the next build would read the site as articles' : 'a build replaces its output folder whole';
    throw new OutputFolderRefusedError(given, `${why} the ${kind} folder (${shown(input)}): ${harm}; pass a folder of its own beside it, such as --out ${shown(path.join(path.dirname(input), 'dist'))}`);
  }

  if (!stat || folders.emptyOutDir || isOurOutput(out)) return;
  const found = fs.readdirSync(out).sort();
  if (found.length === 0) return;
  const named = found.slice(0, 2).map((name) => (fs.statSync(path.join(out, name), { throwIfNoEntry: false })?.isDirectory() ? `${name}/` : name));
  const more = found.length > 2 ? ` and ${found.length - 2} more` : '';
  throw new OutputFolderRefusedError(given, `holds files this generator did not write (${named.join(', ')}${more}), and a build replaces its output folder whole: pass a new or empty folder, or add --empty-out-dir to let those files go`);
}

/** True when `inner` is `outer` or lies inside it (both real, absolute paths). */
function within(inner: string, outer: string): boolean {
  if (inner === outer) return true;
  return inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
}

/** The real path of `p`; for a path that does not exist yet, its nearest existing folder's real path with the rest joined on. */
function realPath(p: string): string {
  const missing: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(at), ...missing.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(p);
      missing.push(path.basename(at));
      at = parent;
    }
  }
}

/** The nearest folder from `dir` up with a package.json or vite.config.ts: the project the command runs in. */
function projectOf(dir: string): string | null {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, 'package.json')) || fs.existsSync(path.join(at, 'vite.config.ts'))) return at;
    if (path.dirname(at) === at) return null;
  }
}

function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
