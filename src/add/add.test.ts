// `add` against a local server started here: redirects, a 404, a type that is not HTML, a slow
// answer, a huge body, a page with no article, an address already in the seeds, --dry-run.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addArticles, type AddOptions } from './add.ts';
import { FETCH_LIMITS } from './fetch-page.ts';
import { parseFrontMatter } from '../read/front-matter.ts';
import { runCli } from '../../tests/robustness/cli.ts';

const PAGES = path.join(import.meta.dirname, '../../tests/fixtures/saved-pages');
const page = (name: string) => fs.readFileSync(path.join(PAGES, name));

let server: http.Server;
let base: string;
const timers = new Set<NodeJS.Timeout>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const hop = /^\/hop\/(\d+)$/.exec(url);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(n > 0 ? 302 : 200, n > 0 ? { location: `/hop/${n - 1}` } : { 'content-type': 'text/html; charset=utf-8' });
      res.end(n > 0 ? '' : page('wire-story.htm'));
    } else if (url === '/news') {
      res.writeHead(301, { location: `${base}/article?utm_source=x` }).end();
    } else if (url.startsWith('/article')) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page('news-site.html'));
    } else if (url === '/blog') {
      res.writeHead(200, { 'content-type': 'application/xhtml+xml; charset=utf-8' }).end(page('blog.html'));
    } else if (url === '/report.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
    } else if (url === '/slow') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>Copper');
      timers.add(setTimeout(() => res.end('</p></body></html>'), 5_000));
    } else if (url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1024 * 1024, '<p>Nickel output rose.</p>');
      for (let i = 0; i < 6; i++) res.write(chunk);
      res.end();
    } else if (url === '/untitled') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><div>${'<p>Rio Tinto said on Thursday it had approved the expansion of its Kennecott copper mine in Utah at a cost of $1.5 billion.</p>'.repeat(3)}</div></body></html>`);
    } else if (url === '/index') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><nav><a href="/a">Copper</a> <a href="/b">Gold</a></nav><ul><li><a href="/c">Zinc news</a></li></ul></body></html>');
    } else {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const t of timers) clearTimeout(t);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

let seeds: string;
let lines: string[];
let errors: string[];
beforeEach(() => {
  seeds = fs.mkdtempSync(path.join(os.tmpdir(), 'add-'));
  lines = [];
  errors = [];
});
afterEach(() => fs.rmSync(seeds, { recursive: true, force: true }));

const add = (urls: string[], more: Partial<AddOptions> = {}) =>
  addArticles({ seedsDir: seeds, urls, dryRun: false, log: (l) => lines.push(l), error: (l) => errors.push(l), today: '2026-12-05', ...more });
const files = () => fs.readdirSync(seeds).sort();

describe('add', () => {
  it('follows redirects, writes <date>-<slug>.md with the page’s title, date, byline and canonical source', async () => {
    const result = await add([`${base}/news`]);
    expect(errors).toEqual([]);
    expect(files()).toEqual(['2026-03-04-codelco-copper-output-falls-9-as-chuquicamata-ores-thin.md']);
    const fm = parseFrontMatter(fs.readFileSync(result.written[0]!, 'utf8'));
    expect(fm.data).toEqual({
      title: 'Codelco copper output falls 9% as Chuquicamata ores thin',
      date: '2026-03-04',
      byline: 'Valentina Rojas',
      source: 'https://www.miningledger.example/news/2026/03/codelco-copper-output-falls',
      publisher: 'Mining Ledger',
    });
    expect(fm.body).toContain('Chile’s state miner Codelco'.replace('’', "'"));
    expect(fm.body).not.toMatch(/cookie|Share on|Related stories|newsletter|minerfan|Advertisement|<script|https?:\/\//i);
  });

  it('takes an XHTML page and five redirects, and refuses a sixth', async () => {
    await add([`${base}/blog`, `${base}/hop/5`, `${base}/hop/6`]);
    expect(files()).toHaveLength(2);
    expect(errors).toEqual([`error: ${base}/hop/6: redirected more than 5 times; nothing written`]);
  });

  it('gives one message per failure and writes nothing: 404, not HTML, slow, huge, no article, not http', async () => {
    const result = await add([`${base}/missing`, `${base}/report.pdf`, `${base}/slow`, `${base}/huge`, `${base}/index`, 'ftp://example.com/x', 'not a url'], {
      limits: { ...FETCH_LIMITS, timeoutMs: 300 },
    });
    expect(files()).toEqual([]);
    expect(result.failed).toHaveLength(7);
    expect(errors).toHaveLength(7);
    expect(errors[0]).toMatch(/\/missing: answered 404 Not Found; nothing written$/);
    expect(errors[1]).toMatch(/report\.pdf: is application\/pdf, not an HTML page/);
    expect(errors[2]).toMatch(/\/slow: did not answer in full within 0\.3 s/);
    expect(errors[3]).toMatch(/\/huge: is larger than 5 MB/);
    expect(errors[4]).toMatch(/\/index: has no article/);
    expect(errors[5]).toMatch(/ftp:\/\/example\.com\/x: is a ftp: address; only http/);
    expect(errors[6]).toMatch(/not a url: is not an address/);
  });

  it('does not add an article whose canonical address is already in the seeds, and says so', async () => {
    fs.writeFileSync(path.join(seeds, 'codelco.md'), '---\ntitle: Codelco\nsource: https://miningledger.example/news/2026/03/codelco-copper-output-falls/\n---\n\nText.\n');
    const result = await add([`${base}/article`, `${base}/article?utm_source=mail`]);
    expect(files()).toEqual(['codelco.md']);
    expect(result.present).toHaveLength(2);
    expect(lines[0]).toMatch(/already in the seeds as .*codelco\.md; not added again/);
    // a page saved as .html counts by its canonical link too, and one command adds an article once
    fs.rmSync(path.join(seeds, 'codelco.md'));
    fs.copyFileSync(path.join(PAGES, 'wire-story.htm'), path.join(seeds, 'wire.htm'));
    await add([`${base}/hop/1`, `${base}/blog`, `${base}/blog`]);
    expect(files()).toEqual(['2026-02-17-why-nickels-oversupply-will-outlast-2026.md', 'wire.htm']);
  });

  it('names a page without a title after its first words, and leaves the title to the build', async () => {
    const result = await add([`${base}/untitled`]);
    expect(files()).toEqual(['2026-12-05-rio-tinto-said-on-thursday-it-had-approved-the-expansion.md']);
    expect(parseFrontMatter(fs.readFileSync(result.written[0]!, 'utf8')).data).toEqual({ source: `${base}/untitled` });
  });

  it('--dry-run prints the file it would write and writes nothing', async () => {
    const result = await add([`${base}/blog`], { dryRun: true });
    expect(files()).toEqual([]);
    expect(result.written).toEqual([path.join(seeds, '2026-02-17-why-nickels-oversupply-will-outlast-2026.md')]);
    expect(lines[0]).toMatch(/^would write .*2026-02-17-why-nickels-oversupply-will-outlast-2026\.md:\n---\ntitle: /);
    expect(lines[0]).toContain('byline: Daniel Okafor');
  });

  it('runs as `news-digest add` and exits 1 when an address fails', async () => {
    const run = await runCli(['add', '--seeds', seeds, `${base}/blog`, `${base}/missing`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\/blog: added as .*2026-02-17-why-nickels-oversupply-will-outlast-2026\.md/);
    expect(run.stderr.trim().split('\n')).toEqual([`error: ${base}/missing: answered 404 Not Found; nothing written`]);
    expect(files()).toEqual(['2026-02-17-why-nickels-oversupply-will-outlast-2026.md']);
    expect((await runCli(['add', '--seeds'])).code).toBe(2);
  }, 30_000);
});
