import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkOutputFolder, OUTPUT_MARK, OUTPUT_MARK_TEXT, OutputFolderRefusedError } from './output-guard.ts';

const GENERATOR = path.resolve(import.meta.dirname, '../..');
let dir: string;
let folders: { seedsDir: string; templatesDir: string; publicDir: string };
let home: string | undefined;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'out-guard-')));
  folders = { seedsDir: path.join(dir, 'news/seeds'), templatesDir: path.join(dir, 'news/templates'), publicDir: path.join(dir, 'news/public') };
  for (const folder of Object.values(folders)) fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folders.seedsDir, 'copper.md'), 'Copper rose.');
  home = process.env.HOME;
});
afterEach(() => {
  process.env.HOME = home;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The reason a build into `out` is refused, or null when it may go ahead. */
function refusal(out: string, extra: Partial<Parameters<typeof checkOutputFolder>[1]> = {}): string | null {
  try {
    checkOutputFolder(out, { ...folders, ...extra });
    return null;
  } catch (error) {
    if (!(error instanceof OutputFolderRefusedError)) throw error;
    return error.message;
  }
}

describe('checkOutputFolder', () => {
  it('refuses the seeds folder however it is spelled, a folder inside it and one that holds it', () => {
    const seeds = folders.seedsDir;
    for (const spelling of [seeds, `${seeds}/`, `${seeds}/.`, `${seeds}/../seeds`, path.relative(process.cwd(), seeds)]) {
      expect(refusal(spelling), spelling).toMatch(/ is the seeds folder .*a build replaces its output folder whole; pass a folder of its own beside it, such as --out .*news\/dist/);
    }
    expect(refusal(path.join(seeds, 'site'))).toMatch(/lies inside the seeds folder .*the next build would read the site as articles/);
    expect(refusal(path.join(dir, 'news'))).toMatch(/holds the seeds folder/);
  });

  it('sees through symbolic links: a path through a link into the seeds, and a link as the output', () => {
    fs.symlinkSync(folders.seedsDir, path.join(dir, 'seeds-link'));
    expect(refusal(path.join(dir, 'seeds-link/site'))).toMatch(/lies inside the seeds folder/);
    expect(refusal(path.join(dir, 'seeds-link'))).toMatch(/is a symbolic link \(to .*news\/seeds\): .*pass the folder itself/);
    fs.mkdirSync(path.join(dir, 'www'));
    fs.symlinkSync(path.join(dir, 'www'), path.join(dir, 'site-link'));
    expect(refusal(path.join(dir, 'site-link'))).toMatch(new RegExp(`--out ${path.join(dir, 'www')}$`));
  });

  it('refuses the templates and public folders, the project, the home folder and the root', () => {
    expect(refusal(folders.templatesDir)).toMatch(/is the templates folder/);
    expect(refusal(path.join(folders.publicDir, 'site'))).toMatch(/lies inside the public files folder/);
    expect(refusal(GENERATOR)).toMatch(/is the project folder/);
    expect(refusal(path.dirname(GENERATOR))).toMatch(/holds the project folder/);
    expect(refusal(path.join(GENERATOR, 'dist'))).toBeNull();
    process.env.HOME = path.join(dir, 'home');
    fs.mkdirSync(process.env.HOME);
    expect(refusal(process.env.HOME)).toMatch(/is your home folder/);
    expect(refusal(dir)).toMatch(/holds your home folder|holds the seeds folder/);
    expect(refusal(path.join(process.env.HOME, 'site'))).toBeNull();
    expect(refusal('/')).toMatch(/is the root of the file system/);
  });

  it('refuses the settings’ templates and public folders, and a stylesheet’s folder inside the output', () => {
    const site = { userTemplatesDir: path.join(dir, 'mine/templates'), userPublicDir: path.join(dir, 'mine/public'), css: [path.join(dir, 'mine/styles/extra.css')] };
    expect(refusal(site.userTemplatesDir, { site })).toMatch(/is the templates folder/);
    expect(refusal(path.join(site.userPublicDir, 'site'), { site })).toMatch(/lies inside the public files folder/);
    expect(refusal(path.join(dir, 'mine'), { site })).toMatch(/holds the templates folder/);
    expect(refusal(path.join(dir, 'mine/styles/dist'), { site: { ...site, userTemplatesDir: null, userPublicDir: null } })).toBeNull();
  });

  it('refuses a folder of files no build made, naming some, unless they may go; never the folders above', () => {
    const docs = path.join(dir, 'docs');
    fs.mkdirSync(path.join(docs, 'notes'), { recursive: true });
    fs.writeFileSync(path.join(docs, 'thesis.txt'), 'mine');
    fs.writeFileSync(path.join(docs, 'a.txt'), 'mine');
    expect(refusal(docs)).toMatch(/holds files this generator did not write \(a\.txt, notes\/ and 1 more\).*add --empty-out-dir to let those files go/);
    expect(refusal(docs, { emptyOutDir: true })).toBeNull();
    expect(refusal(folders.seedsDir, { emptyOutDir: true })).toMatch(/is the seeds folder/);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    expect(refusal(path.join(dir, 'notes.txt'), { emptyOutDir: true })).toMatch(/is a file, not a folder/);
  });

  it('lets a build go into a new folder, an empty one, or one a build made', () => {
    expect(refusal(path.join(dir, 'site'))).toBeNull();
    expect(refusal(path.join(dir, 'deep/new/site'))).toBeNull();
    fs.mkdirSync(path.join(dir, 'empty'));
    expect(refusal(path.join(dir, 'empty'))).toBeNull();
    fs.mkdirSync(path.join(dir, 'built'));
    fs.writeFileSync(path.join(dir, 'built', 'index.html'), 'a site');
    fs.writeFileSync(path.join(dir, 'built', OUTPUT_MARK), OUTPUT_MARK_TEXT);
    expect(refusal(path.join(dir, 'built'))).toBeNull();
    // a site built before builds wrote the mark: its records and search index tell
    fs.rmSync(path.join(dir, 'built', OUTPUT_MARK));
    fs.mkdirSync(path.join(dir, 'built/data'));
    fs.mkdirSync(path.join(dir, 'built/pagefind'));
    fs.writeFileSync(path.join(dir, 'built/data/records.json'), '{}');
    fs.writeFileSync(path.join(dir, 'built/pagefind/shards.json'), '[]');
    expect(refusal(path.join(dir, 'built'))).toBeNull();
  });
});
