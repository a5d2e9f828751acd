// A user's project: vite.config.ts with newsDigest's settings and a Vite plugin of their own,
// built and served by the commands run in that folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT } from './helpers/build-site.ts';
import { runCli, startCli } from './robustness/cli.ts';

const ARTICLE = `Tarkan lifts copper output

Tarkan said on Monday its copper output rose 12% in the third quarter, helped by a new mill at its Chilean mine. Tarkan plans to spend $150 million next year.

Ore Desk weekly wrap, issue 42
`;

/** The config file, with the word lists given or not. */
function config(words: string): string {
  return `import { newsDigest } from ${JSON.stringify(path.join(PROJECT, 'src/vite-plugin.ts'))};
export default {
  plugins: [
    newsDigest({
      title: 'Copper Watch',
      language: 'en-GB',
      seeds: 'articles',
      out: 'site',
      templates: 'my-templates',
      css: ['styles/extra.css'],
      navigation: [{ label: 'Home', path: '' }, { label: 'Firms', path: 'companies/' }, { label: 'Search', path: 'search/' }],
      words: ${words},
      // a unified plugin of the user's: every paragraph's text gets a marker the records show
      extractPlugins: [() => (tree) => { for (const node of tree.children) if (node.type === 'paragraph' && node.children[0]?.type === 'text') node.children[0].value += ' (checked by the desk)'; }],
    }),
    {
      name: 'hello',
      generateBundle() { this.emitFile({ type: 'asset', fileName: 'hello.txt', source: 'hello from a plugin' }); },
      configureServer(server) { server.middlewares.use('/hello', (_req, res) => res.end('hello route')); },
    },
  ],
};
`;
}

const WORDS = `{ companies: [{ name: 'Tarkan Resources', aliases: ['Tarkan'] }], boilerplate: ['^Ore Desk weekly wrap, issue \\\\d+$'] }`;

let dir: string;
const read = (file: string) => fs.readFileSync(path.join(dir, 'site', file), 'utf8');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'user-project-'));
  fs.mkdirSync(path.join(dir, 'articles'));
  fs.writeFileSync(path.join(dir, 'articles/tarkan.txt'), ARTICLE);
  fs.mkdirSync(path.join(dir, 'my-templates'));
  fs.writeFileSync(path.join(dir, 'my-templates/layout.eta'), fs.readFileSync(path.join(PROJECT, 'templates/layout.eta'), 'utf8').replace('Skip to content', 'Skip to the news'));
  fs.mkdirSync(path.join(dir, 'styles'));
  fs.writeFileSync(path.join(dir, 'styles/extra.css'), '.brand { color: rebeccapurple; }\n');
  fs.writeFileSync(path.join(dir, 'vite.config.ts'), config('{}'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('vite.config.ts in a user’s project', () => {
  it('builds with its settings, its template and its plugin; a word list edited later reaches the records', async () => {
    const first = await runCli(['build'], {}, dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const home = read('index.html');
    expect(home).toContain('<html lang="en-GB">');
    expect(home).toMatch(/<title>Copper Watch<\/title>/);
    expect(home).toContain('Skip to the news');
    expect(home).toMatch(/<li><a href="\/" aria-current="page">Home<\/a><\/li>\s*<li><a href="\/companies\/">Firms<\/a><\/li>/);
    // the plugin's generateBundle reached the site, and the stylesheet is linked after the site's own
    expect(read('hello.txt')).toBe('hello from a plugin');
    const sheets = [...home.matchAll(/<link rel="stylesheet" href="\/(assets\/[^"]+)">/g)].map((m) => m[1]!);
    expect(sheets).toHaveLength(2);
    expect(read(sheets[1]!)).toMatch(/\.brand\{color:#639\}/);
    expect(fs.existsSync(path.join(dir, 'site/companies/tarkan/index.html'))).toBe(true);
    expect(read('data/records.json')).toContain('Ore Desk weekly wrap');
    expect(read('data/records.json')).toContain('(checked by the desk)');

    fs.writeFileSync(path.join(dir, 'vite.config.ts'), config(WORDS));
    const second = await runCli(['build'], {}, dir);
    expect(second.code).toBe(0);
    // the records made with the old lists are not reused
    expect(second.stdout).toMatch(/built 1 articles? \(0 from cache\)/);
    expect(fs.readdirSync(path.join(dir, 'site/companies'))).toContain('tarkan-resources');
    expect(fs.readdirSync(path.join(dir, 'site/companies'))).not.toContain('tarkan');
    expect(read('data/records.json')).not.toContain('Ore Desk weekly wrap');
  }, 120_000);

  it('the command line overrides the file', async () => {
    const run = await runCli(['build', '--out', 'other', '--base', '/news/'], {}, dir);
    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'other/index.html'), 'utf8')).toContain('href="/news/companies/"');
  }, 120_000);

  it('a wrong setting is one message naming the key, and nothing is built', async () => {
    const good = fs.readFileSync(path.join(dir, 'vite.config.ts'), 'utf8');
    fs.writeFileSync(path.join(dir, 'vite.config.ts'), good.replace("language: 'en-GB'", 'language: 5'));
    try {
      const run = await runCli(['build', '--out', 'never'], {}, dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/vite\.config\.ts: the newsDigest settings are not valid:\n {2}newsDigest\.language: .*expected string/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(path.join(dir, 'never'))).toBe(false);
    } finally {
      fs.writeFileSync(path.join(dir, 'vite.config.ts'), good);
    }
  }, 60_000);

  it('dev serves the plugin’s route and the pages with the settings, and starts again when the file changes', async () => {
    const port = await freePort();
    const dev = startCli(['dev', '--port', String(port)], {}, dir);
    try {
      await until(async () => (await fetch(`http://localhost:${port}/hello`)).ok);
      expect(await (await fetch(`http://localhost:${port}/hello`)).text()).toBe('hello route');
      expect(await (await fetch(`http://localhost:${port}/`)).text()).toMatch(/<title>Copper Watch<\/title>/);
      fs.writeFileSync(path.join(dir, 'vite.config.ts'), fs.readFileSync(path.join(dir, 'vite.config.ts'), 'utf8').replace("title: 'Copper Watch'", "title: 'Copper Watch Daily'"));
      await until(async () => /<title>Copper Watch Daily<\/title>/.test(await (await fetch(`http://localhost:${port}/`)).text()));
    } finally {
      dev.child.kill('SIGTERM');
      await dev.done;
    }
  }, 90_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}
