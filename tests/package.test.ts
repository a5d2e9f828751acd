// The package as a user gets it: packed, installed into an empty folder beside a folder of
// articles, and run there with no config file (the defaults).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT } from './helpers/build-site.ts';
import { BUNDLES } from '../src/generator.ts';
import { processFile } from '../src/pipeline/article-worker.ts';

let dir: string;
let installLog: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'installed-'));
  const tarball = execFileSync(process.execPath, [path.join(PROJECT, 'scripts/pack.mjs'), path.join(dir, 'packed')], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  const user = path.join(dir, 'user');
  fs.mkdirSync(path.join(user, 'articles'), { recursive: true });
  fs.cpSync(path.join(PROJECT, 'seeds'), path.join(user, 'articles'), { recursive: true });
  fs.writeFileSync(path.join(user, 'package.json'), JSON.stringify({ name: 'my-digest', private: true }));
  installLog = execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: user, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}, 240_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the installed package', () => {
  it('installs without asking anything of the user, and builds a folder of articles with `npx news-digest build`', () => {
    expect(installLog).not.toMatch(/warn/i);
    const user = path.join(dir, 'user');
    const installed = path.join(user, 'node_modules/metals-news-digest');
    // compiled JavaScript and the site's own client code; no TypeScript of the generator
    expect(fs.existsSync(path.join(installed, 'lib/cli.js'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'src/pipeline'))).toBe(false);
    // and the command's and each thread's code bundled (scripts/compile.mjs)
    for (const name of Object.values(BUNDLES)) expect(fs.existsSync(path.join(installed, 'lib/bundled', `${name}.js`))).toBe(true);
    const out = execFileSync('npx', ['news-digest', 'build', '--seeds', 'articles', '--out', 'site'], { cwd: user, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(out).toMatch(/built 2 articles/);
    const home = fs.readFileSync(path.join(user, 'site/index.html'), 'utf8');
    expect(home).toMatch(/<title>Metals News Digest<\/title>/);
    const articles = fs.readdirSync(path.join(user, 'site/articles'));
    expect(articles).toHaveLength(2);
    expect(fs.existsSync(path.join(user, 'site/companies/jx-advanced-metals/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(user, 'site/pagefind/shards.json'))).toBe(true);
    // the cache is the user's project's, not inside the installed package
    expect(fs.existsSync(path.join(user, 'node_modules/.cache/metals-news-digest'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'node_modules/.cache'))).toBe(false);
  }, 120_000);

  it("extracts with its extraction thread's bundle what the sources extract", async () => {
    const bundled = (await import(pathToFileURL(path.join(dir, 'user/node_modules/metals-news-digest/lib/bundled/extraction-thread.js')).href)) as typeof import('../src/pipeline/article-worker.ts');
    for (const name of fs.readdirSync(path.join(PROJECT, 'seeds'))) {
      const task = { absPath: path.join(PROJECT, 'seeds', name), relPath: name };
      const [fromBundle, fromSources] = [await bundled.processFile(task), await processFile(task)];
      expect('record' in fromBundle && fromBundle.record.extraction.companies.length).toBeGreaterThan(0);
      expect(fromBundle).toEqual(fromSources);
    }
  });

  it('takes its settings from a vite.config.ts that imports newsDigest from the package', () => {
    const user = path.join(dir, 'user');
    fs.writeFileSync(path.join(user, 'vite.config.ts'), "import { newsDigest } from 'metals-news-digest';\nexport default { plugins: [newsDigest({ title: 'My Metals Desk', seeds: 'articles', out: 'site' })] };\n");
    execFileSync('npx', ['news-digest', 'build'], { cwd: user, encoding: 'utf8' });
    expect(fs.readFileSync(path.join(user, 'site/index.html'), 'utf8')).toMatch(/<title>My Metals Desk<\/title>/);
  }, 120_000);

  it('npm ci of the project prints nothing the user must act on', () => {
    // the project's manifest and lock file in a folder of their own; `prepare` (the compile) left
    // out, as there are no sources there to compile
    const copy = path.join(dir, 'clone');
    fs.mkdirSync(copy);
    const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    delete manifest.scripts.prepare;
    fs.writeFileSync(path.join(copy, 'package.json'), JSON.stringify(manifest));
    fs.copyFileSync(path.join(PROJECT, 'package-lock.json'), path.join(copy, 'package-lock.json'));
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: copy, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/warn|deprecated|install-scripts|ERR/i);
  }, 240_000);
});
