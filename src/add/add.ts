// `news-digest add [--seeds DIR] [--dry-run] URL…`: each page is fetched, its article found as a
// saved page's is in the build, and written to the seeds folder as `<date>-<slug>.md`. A page whose
// address is already in the seeds is not added again. Each failure is one message and writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { fetchPage, FetchError, FETCH_LIMITS, type FetchLimits } from './fetch-page.ts';
import { sameAddress, seedSources } from './seed-sources.ts';
import { seedFile } from './seed-file.ts';
import { PageError, readHtmlPage } from '../read/html-page.ts';

export interface AddOptions {
  seedsDir: string;
  urls: string[];
  dryRun: boolean;
  limits?: FetchLimits;
  log?: (line: string) => void;
  error?: (line: string) => void;
  /** YYYY-MM-DD for pages that give no date (default: today). */
  today?: string;
}

export interface AddResult {
  /** Files written (or, with dryRun, that would be). */
  written: string[];
  /** Addresses already in the seeds. */
  present: string[];
  failed: string[];
}

export async function addArticles(options: AddOptions): Promise<AddResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const error = options.error ?? ((line: string) => console.error(line));
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const known = await seedSources(options.seedsDir);
  const result: AddResult = { written: [], present: [], failed: [] };
  const seedsLabel = path.relative(process.cwd(), options.seedsDir) || '.';

  const alreadyThere = (url: string, ...addresses: (string | undefined)[]): boolean => {
    for (const address of addresses) {
      const file = address && known.get(sameAddress(address) ?? '');
      if (file) {
        log(`${url}: already in the seeds as ${seedsLabel}/${file}; not added again`);
        result.present.push(url);
        return true;
      }
    }
    return false;
  };

  for (const url of options.urls) {
    if (alreadyThere(url, url)) continue;
    try {
      const page = await fetchPage(url, options.limits ?? FETCH_LIMITS);
      const article = readHtmlPage(page.html, page.url);
      if (alreadyThere(url, page.url, article.metadata.source)) continue;
      const seed = seedFile(article, page.url, today);
      const target = options.dryRun ? path.join(options.seedsDir, seed.name) : writeNew(options.seedsDir, seed.name, seed.text);
      const shown = `${seedsLabel}/${path.basename(target)}`;
      if (options.dryRun) log(`would write ${shown}:\n${seed.text}`);
      else log(`${url}: added as ${shown}`);
      result.written.push(target);
      // the same article given twice in one command is added once
      for (const address of [url, page.url, article.metadata.source]) if (address) known.set(sameAddress(address) ?? address, path.basename(target));
    } catch (e) {
      if (!(e instanceof FetchError || e instanceof PageError)) throw e;
      error(`error: ${url}: ${e.message}; nothing written`);
      result.failed.push(url);
    }
  }
  return result;
}

/** Writes the file under its name, or with -2, -3… when that is taken: never over another file. */
function writeNew(dir: string, name: string, text: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const stem = name.replace(/\.md$/, '');
  for (let n = 1; ; n++) {
    const target = path.join(dir, n === 1 ? name : `${stem}-${n}.md`);
    try {
      fs.writeFileSync(target, text, { flag: 'wx' });
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** The command line of `add`: exit 0 when every address was added or was already there, 1 when one failed, 2 for a usage error. */
/** `seedsDir`: where articles go without --seeds (the settings' seeds folder). */
export async function addCommand(argv: string[], defaultSeedsDir = 'seeds'): Promise<number> {
  let seedsDir = defaultSeedsDir;
  let dryRun = false;
  const urls: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--seeds' || arg.startsWith('--seeds=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value || value.startsWith('--')) return usage('--seeds needs a folder');
      seedsDir = value;
    } else if (arg.startsWith('--')) return usage(`unknown option "${arg}" (options: --seeds DIR --dry-run)`);
    else urls.push(arg);
  }
  if (urls.length === 0) return usage('give the address of at least one article: add [--seeds DIR] [--dry-run] URL…');
  const result = await addArticles({ seedsDir: path.resolve(seedsDir), urls, dryRun });
  return result.failed.length > 0 ? 1 : 0;
}

function usage(message: string): number {
  console.error(`error: ${message}`);
  return 2;
}
