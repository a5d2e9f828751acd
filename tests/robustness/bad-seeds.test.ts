// Bad files beside good ones: each bad file costs one message (file, line, reason, fix), the
// others build, the build exits 0 and counts what it built, skipped and warned; --strict fails.
// tests/fixtures/bad-seeds/ holds the text fixtures; what cannot sensibly be committed (binary,
// UTF-16, huge files, symlinks, names that differ only by case) is generated here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite, internalLinks, PROJECT, resolves, walk, type BuiltSite } from '../helpers/build-site.ts';
import { runCli, type CliRun } from './cli.ts';
import { MAX_FILE_BYTES, MAX_INLINE_MARKS, MAX_MARKDOWN_NESTING } from '../../src/read/limits.ts';

const FIXTURES = path.join(PROJECT, 'tests/fixtures/bad-seeds');
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Files that must be skipped: what the message says, and the line it names (null: none). */
const SKIPPED: Record<string, { reason: RegExp; line: number | null }> = {
  'empty.txt': { reason: /is empty/, line: null },
  'blank.md': { reason: /only blank space/, line: null },
  'binary.txt': { reason: /binary file/, line: null },
  'utf16-broken.txt': { reason: /not valid UTF-16LE/, line: null },
  'broken-yaml.md': { reason: /not valid YAML/, line: 4 },
  'title-mapping.md': { reason: /field "title" has the wrong type/, line: 3 },
  'front-matter-only.md': { reason: /no article text/, line: 5 },
  'front-matter-js.md': { reason: /JavaScript is never run/, line: 1 },
  'front-matter-javascript.md': { reason: /JavaScript is never run/, line: 1 },
  'front-matter-javascript-spaced.md': { reason: /JavaScript is never run/, line: 1 },
  'link-outside.md': { reason: /symbolic link to a place outside the seeds folder/, line: null },
  'notes.docx': { reason: /\.docx document/, line: null },
  'huge-30mb.txt': { reason: new RegExp(`over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit`), line: null },
  'one-line-3mb.txt': { reason: new RegExp(`over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit`), line: null },
  'deep-quote.md': { reason: new RegExp(`5000 levels deep, over the limit of ${MAX_MARKDOWN_NESTING}`), line: 1 },
  'deep-list.md': { reason: new RegExp(`5000 levels deep, over the limit of ${MAX_MARKDOWN_NESTING}`), line: 3 },
  'deep-list-indented.md': { reason: /101 levels deep, over the limit/, line: 106 },
  'deep-inline.md': { reason: new RegExp(`more than ${MAX_INLINE_MARKS} link or emphasis marks`), line: 3 },
  'no-article.html': { reason: /has no article/, line: null },
  'binary.html': { reason: /binary file/, line: null },
  'broken-feed.xml': { reason: /is not a feed that can be read/, line: null },
};

const SAME_TITLE = ['Copper Price.md', 'copper-price.md', 'copper_price.md', 'COPPER PRICE!.md'];
const ODD_NAMES = ['Zürich copper #1.md', 'nickel report (final).txt', '日本 銅.md', '100% #2 report.md'];
/** Front matter values that try to choose where a page is written: built, with a warning. */
const UNSAFE = ['slug-parent.md', 'slug-absolute.md', 'slug-nested.md', 'slug-dotdot.md', 'id-parent.md', 'url-parent.md'];
const BUILT = [
  'good-article.md',
  'good-wire.txt',
  'utf8-bom.md',
  'utf16le.txt',
  'utf16be.md',
  'windows-1252.txt',
  'crlf.txt',
  'mixed-line-ends.txt',
  'one-line-200kb.txt',
  ...SAME_TITLE,
  ...ODD_NAMES,
  ...UNSAFE,
  'slug-index.md',
  'slug-taken.md',
  'title-parent.md',
];

const article = (title: string, body: string) => `---\ntitle: ${JSON.stringify(title)}\ndate: 2025-06-02\n---\n\n${body}\n`;
const PROSE = 'BHP said copper output at Escondida rose 4% in the quarter to 310,000 tonnes.';

function generate(seeds: string, outside: string): void {
  const put = (name: string, data: string | Uint8Array) => fs.writeFileSync(path.join(seeds, name), data);
  put('binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)]));
  // a UTF-16 byte order mark, then an unpaired surrogate and an odd byte
  put('utf16-broken.txt', new Uint8Array([0xff, 0xfe, ...Buffer.from('Zinc', 'utf16le'), 0x00, 0xd8, 0x41]));
  put('utf8-bom.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(article('Byte order mark before the front matter', PROSE))]));
  const utf16 = 'Zürich refiner buys Ghanaian gold\n\nMKS PAMP said it bought 2 tonnes of gold from Ghana’s Ahafo mine, priced in €.\n';
  put('utf16le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, 'utf16le')]));
  put('utf16be.md', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(article('UTF-16 big endian title', PROSE), 'utf16le').swap16()]));
  // "Glencore’s café – €5bn deal" and more in Windows-1252 (0x92 ’, 0xE9 é, 0x96 –, 0x80 €)
  put('windows-1252.txt', Buffer.from('Glencore\x92s caf\xe9 \x96 \x805bn deal\n\nGlencore said on Monday it agreed a \x805bn deal for a Peruvian zinc mine.\n', 'latin1'));
  put('crlf.txt', 'Vale cuts nickel guidance\r\n\r\nVale said on Thursday it would produce less nickel this year.\r\nThe miner cited maintenance at Sudbury.\r\n\r\nShares fell 2%.\r\n');
  put('mixed-line-ends.txt', 'Anglo American sells coal unit\r\n\nAnglo American agreed to sell its coal mines\rfor $3.8 billion, it said on Friday.\n\r\nThe sale completes its exit from coal.\n');
  const huge = Buffer.alloc(30 * 1024 * 1024, 'Copper. ');
  put('huge-30mb.txt', huge);
  put('one-line-3mb.txt', `${PROSE} `.repeat(Math.ceil((3 * 1024 * 1024) / (PROSE.length + 1))));
  put('one-line-200kb.txt', `Long line headline without a break ${'and the miner kept talking about cobalt prices '.repeat(200_000 / 47)}`);
  put('deep-quote.md', `${'>'.repeat(5000)} copper\n`);
  put('no-article.html', '<html><body><nav><a href="/copper">Copper</a> <a href="/gold">Gold</a></nav><p>Log in to read.</p></body></html>');
  put('binary.html', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, ...Array.from({ length: 3000 }, (_, i) => (i * 53) % 256)]));
  put('broken-feed.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Copper rises</title><descrip');
  put('deep-list.md', `Nested lists\n\n${'- '.repeat(5000)}copper\n`);
  put('deep-list-indented.md', article('Indented lists', Array.from({ length: 150 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')));
  put('deep-inline.md', `Images in links\n\nA line.\n${'!['.repeat(5000)}copper${'](x)'.repeat(5000)}\n`);
  fs.writeFileSync(path.join(outside, 'secret.md'), article('A file outside the seeds folder', PROSE));
  fs.symlinkSync(path.join(outside, 'secret.md'), path.join(seeds, 'link-outside.md'));
  for (const name of SAME_TITLE) put(name, article('Copper price rises', PROSE));
  for (const name of ODD_NAMES) put(name, article(`Article named ${name}`, PROSE));
}

let tmp: string;
let seeds: string;
let site: BuiltSite;
let cli: CliRun;
let strict: CliRun;
let records: any;
let cliRecords: any;
const marker = () => path.join(tmp, 'front-matter-ran');

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-seeds-'));
  seeds = path.join(tmp, 'seeds');
  fs.cpSync(FIXTURES, seeds, { recursive: true });
  fs.mkdirSync(path.join(tmp, 'outside'));
  generate(seeds, path.join(tmp, 'outside'));
  delete (globalThis as { frontMatterRan?: boolean }).frontMatterRan;
  const env = { FRONT_MATTER_MARKER: marker() };
  process.env.FRONT_MATTER_MARKER = marker();
  [site, cli, strict] = await Promise.all([
    buildSite({ seedsDir: seeds }),
    runCli(['build', '--seeds', seeds, '--out', path.join(tmp, 'cli-site'), '--no-cache'], env),
    runCli(['build', '--seeds', seeds, '--out', path.join(tmp, 'strict-site'), '--no-cache', '--strict'], env),
  ]);
  records = JSON.parse(fs.readFileSync(path.join(site.out, 'data/records.json'), 'utf8'));
  cliRecords = JSON.parse(fs.readFileSync(path.join(tmp, 'cli-site/data/records.json'), 'utf8'));
}, 240_000);

afterAll(() => {
  delete process.env.FRONT_MATTER_MARKER;
  site?.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const recordOf = (relPath: string) => site.result.site.articles.find((a) => a.record.source.relPath === relPath);
/** An article's cleaned text, as records.json has it. */
const textOf = (relPath: string): string => records.articles.find((a: any) => a.source === relPath)!.text;
const messagesOf = (relPath: string) => site.result.messages.filter((m) => m.file === relPath && m.severity !== 'info');

describe('bad files beside good ones', () => {
  it('builds every good file and skips every bad one', () => {
    const built = site.result.site.articles.map((a) => a.record.source.relPath).sort();
    expect(built).toEqual([...BUILT].sort());
    expect(site.result.built).toBe(BUILT.length);
    expect(site.result.skipped).toBe(Object.keys(SKIPPED).length);
    expect(site.result.exitCode).toBe(0);
  });

  it.each(Object.entries(SKIPPED))('%s: one message naming the file, the line, the reason and the fix', (relPath, expected) => {
    const messages = messagesOf(relPath);
    expect(messages).toHaveLength(1);
    const [m] = messages;
    expect(m!.reason).toMatch(expected.reason);
    expect(m!.line).toBe(expected.line);
    // reason; fix
    expect(m!.reason).toMatch(/; \S.{8,}/);
  });

  it('only notes files that are not articles (a .csv), without counting them as skipped', () => {
    const notes = site.result.messages.filter((m) => m.file === 'prices.csv');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.severity).toBe('info');
  });

  it('never runs front matter code (---js, ---javascript, --- JavaScript), in process or in the CLI', () => {
    expect((globalThis as { frontMatterRan?: boolean }).frontMatterRan).toBeUndefined();
    expect(fs.existsSync(marker())).toBe(false);
    expect(records.articles.map((a: any) => a.title)).not.toContain('Front matter code ran');
  });

  it('reads UTF-8 with a BOM, UTF-16 LE and BE with a BOM', () => {
    expect(recordOf('utf8-bom.md')!.title).toBe('Byte order mark before the front matter');
    expect(recordOf('utf16le.txt')!.title).toBe('Zürich refiner buys Ghanaian gold');
    expect(textOf('utf16le.txt')).toContain('Ghana’s Ahafo mine, priced in €.');
    expect(recordOf('utf16be.md')!.title).toBe('UTF-16 big endian title');
    for (const f of ['utf8-bom.md', 'utf16le.txt', 'utf16be.md']) expect(messagesOf(f)).toEqual([]);
  });

  it('reads Windows-1252 text with a warning', () => {
    expect(recordOf('windows-1252.txt')!.title).toBe('Glencore’s café – €5bn deal');
    const [m] = messagesOf('windows-1252.txt');
    expect(m).toMatchObject({ severity: 'warning', ruleId: 'encoding' });
    expect(m!.reason).toMatch(/Windows-1252.*save it as UTF-8/);
  });

  it('reads CRLF and mixed line ends as line ends', () => {
    const crlf = recordOf('crlf.txt')!;
    expect(crlf.title).toBe('Vale cuts nickel guidance');
    expect(textOf('crlf.txt')).not.toMatch(/\r/);
    expect(textOf('crlf.txt')).toContain('Shares fell 2%.');
    const mixed = recordOf('mixed-line-ends.txt')!;
    expect(mixed.title).toBe('Anglo American sells coal unit');
    expect(textOf('mixed-line-ends.txt')).not.toMatch(/\r/);
    expect(textOf('mixed-line-ends.txt')).toContain('The sale completes its exit from coal.');
  });

  it('builds a single line of 200 KB', () => {
    expect(textOf('one-line-200kb.txt').length).toBeGreaterThan(190_000);
  });

  it('gives titles and names that differ only by case or punctuation distinct, stable, safe ids', () => {
    const ids = SAME_TITLE.map((f) => recordOf(f)!.id);
    expect(new Set(ids).size).toBe(SAME_TITLE.length);
    for (const id of ids) expect(id).toMatch(SAFE_ID);
    // the CLI build of the same folder (another process) gives every file the same id
    const idsByPath = (recs: any[]) => Object.fromEntries(recs.map((a: any) => [a.source, a.id]));
    expect(records.articles.map((a: any) => a.id).sort()).toEqual(cliRecords.articles.map((a: any) => a.id).sort());
    expect(idsByPath(records.articles)).toEqual(idsByPath(cliRecords.articles));
  });

  it('gives files named with spaces, unicode, % and # pages whose links resolve', () => {
    for (const name of ODD_NAMES) {
      const a = recordOf(name)!;
      expect(a.id).toMatch(SAFE_ID);
      expect(fs.readFileSync(path.join(site.out, `articles/${a.id}/index.html`), 'utf8')).toContain(`Article named ${name.replace('&', '&amp;')}`);
    }
    const broken: string[] = [];
    for (const file of walk(site.out).filter((f) => f.endsWith('.html'))) {
      const html = fs.readFileSync(path.join(site.out, file), 'utf8');
      for (const link of internalLinks(html, '/')) if (!resolves(site.out, link)) broken.push(`${file} → ${link}`);
    }
    expect(broken).toEqual([]);
  });

  it('never lets front matter choose where a file is written', () => {
    // only the seeds, the outside folder and the sites exist in the temporary folder
    expect(fs.readdirSync(tmp).filter((n) => !n.startsWith('.')).sort()).toEqual(['cli-site', 'outside', 'seeds', 'strict-site']);
    expect(fs.readdirSync(path.join(tmp, 'outside'))).toEqual(['secret.md']);
    // one page per article, each holding its own title: no page written over another
    const articlePages = walk(path.join(site.out, 'articles')).filter((f) => f.endsWith('index.html'));
    expect(articlePages).toHaveLength(BUILT.length);
    for (const a of site.result.site.articles) {
      expect(a.id).toMatch(SAFE_ID);
      const html = fs.readFileSync(path.join(site.out, `articles/${a.id}/index.html`), 'utf8');
      expect(html).toContain(`<h1 data-pagefind-meta="title">${a.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</h1>`);
    }
    expect(fs.readFileSync(path.join(site.out, 'index.html'), 'utf8')).toContain('class="digest');
    expect(recordOf('slug-index.md')!.id).toBe('index');
    expect(recordOf('slug-taken.md')!.id).not.toBe(recordOf('good-article.md')!.id);
    expect(recordOf('title-parent.md')!.title).toBe('../../index');
  });

  it.each(UNSAFE)('%s: an unsafe slug, id or url is replaced with a warning naming the line', (relPath) => {
    const a = recordOf(relPath)!;
    expect(a.id).toBe(relPath.replace(/\.md$/, ''));
    const messages = messagesOf(relPath);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ severity: 'warning', line: 3 });
    expect(messages[0]!.reason).toMatch(/not a safe page name|not an http\(s\) link/);
  });
});

describe('the CLI on the same folder', () => {
  it('exits 0 and prints each problem like a compiler, then the summary', () => {
    expect(cli.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(cli.code).toBe(0);
    const lines = cli.stdout.split('\n');
    for (const [relPath, expected] of Object.entries(SKIPPED)) {
      const printed = lines.filter((l) => l.includes(`seeds/${relPath}`));
      expect(printed, relPath).toHaveLength(1);
      expect(printed[0]).toMatch(new RegExp(`seeds/${relPath.replace(/[.]/g, '\\.')}${expected.line ? `:${expected.line}` : ''} (error|warning): `));
      expect(printed[0]).toMatch(expected.reason);
    }
    // "warned" counts articles that built with a warning (skipped files are counted as skipped)
    const builtFiles = new Set(BUILT);
    const warned = new Set(site.result.messages.filter((m) => m.severity === 'warning' && builtFiles.has(m.file)).map((m) => m.file)).size;
    expect(cli.stdout).toMatch(new RegExp(`built ${BUILT.length} articles \\(0 from cache\\), skipped ${Object.keys(SKIPPED).length}, warned ${warned};`));
    expect(warned).toBeGreaterThanOrEqual(UNSAFE.length + 1);
  });

  it('--strict: the same build fails, saying why', () => {
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(new RegExp(`--strict: ${Object.keys(SKIPPED).length} files were skipped, failing the build`));
    // the site is still written: --strict only changes the exit code
    expect(fs.existsSync(path.join(tmp, 'strict-site/index.html'))).toBe(true);
  });
});

describe('a seeds folder that is not there', () => {
  it('stops the build with one line naming it, exit 2, no stack and no site', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'no-seeds-'));
    try {
      const run = await runCli(['build', '--seeds', 'missing', '--out', 'site', '--cache-dir', 'cache'], {}, work);
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe('error: the seeds folder missing does not exist: give --seeds the folder of articles, or set seeds in vite.config.ts');
      expect(fs.existsSync(path.join(work, 'site'))).toBe(false);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
