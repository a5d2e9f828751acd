import { describe, expect, it } from 'vitest';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { checkFolders, normaliseBase, parseCli, resolveOptions, UsageError } from './cli-options.ts';
import { parseSettings } from './settings.ts';

const defaults = parseSettings({}, 'defaults', process.cwd());

describe('command-line options', () => {
  it('has defaults for every option, from the settings', () => {
    expect(resolveOptions(parseCli(['build']), defaults)).toMatchObject({ command: 'build', seedsDir: path.resolve('seeds'), outDir: path.resolve('dist'), base: '/', port: null, strict: false, siteUrl: null, cacheDir: null });
  });

  it('takes values after the flag or with =', () => {
    const o = resolveOptions(parseCli(['dev', '--seeds', 'x', '--out=y', '--base', 'digest', '--port', '3000', '--site-url', 'https://example.com/digest']), defaults);
    expect(o).toMatchObject({ seedsDir: path.resolve('x'), outDir: path.resolve('y'), base: '/digest/', port: 3000, siteUrl: 'https://example.com/digest/' });
  });

  it('overrides the settings only where given', () => {
    const settings = parseSettings({ seeds: 'articles', out: 'site', base: 'news', siteUrl: 'https://example.com/news' }, 'vite.config.ts', '/project');
    expect(resolveOptions(parseCli(['build', '--out', 'elsewhere']), settings)).toMatchObject({
      seedsDir: '/project/articles',
      outDir: path.resolve('elsewhere'),
      base: '/news/',
      siteUrl: 'https://example.com/news/',
    });
  });

  it('normalises the base path', () => {
    expect(normaliseBase('/digest')).toBe('/digest/');
    expect(normaliseBase('a/b/')).toBe('/a/b/');
    expect(() => normaliseBase('../up')).toThrow(UsageError);
  });

  it('explains what is wrong with an option', () => {
    expect(() => parseCli(['build', '--port', 'eighty'])).toThrow(/--port/);
    expect(() => parseCli(['build', '--colour'])).toThrow(/unknown option/);
    expect(() => parseCli(['serve'])).toThrow(/unknown command/);
  });

  it('says so when a folder a command reads is missing or a file, not with a stack', () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'folders-'));
    const options = (command: 'build' | 'dev' | 'preview', dirs: { seeds?: string; out?: string; cache?: string }) => ({ command, seedsDir: path.join(work, dirs.seeds ?? 'seeds'), outDir: path.join(work, dirs.out ?? 'site'), cacheDir: dirs.cache ? path.join(work, dirs.cache) : null });
    const shown = (name: string) => path.relative(process.cwd(), path.join(work, name));
    try {
      fs.mkdirSync(path.join(work, 'seeds'));
      fs.writeFileSync(path.join(work, 'article.md'), '# A title\n');
      expect(() => checkFolders(options('build', {}))).not.toThrow();
      expect(() => checkFolders(options('dev', { cache: 'not-yet' }))).not.toThrow();
      expect(() => checkFolders(options('build', { seeds: 'nope' }))).toThrow(new UsageError(`the seeds folder ${shown('nope')} does not exist: give --seeds the folder of articles, or set seeds in vite.config.ts`));
      expect(() => checkFolders(options('dev', { seeds: 'article.md' }))).toThrow(/seeds folder .*article\.md is a file, not a folder/);
      expect(() => checkFolders(options('build', { cache: 'article.md' }))).toThrow(new UsageError(`--cache-dir ${shown('article.md')} is a file, not a folder`));
      // preview serves a built site, and reads no seeds
      expect(() => checkFolders(options('preview', { seeds: 'nope' }))).toThrow(new UsageError(`there is no built site in ${shown('site')}: build it first (npm run build), or give --out the folder a build wrote`));
      fs.mkdirSync(path.join(work, 'site'));
      fs.writeFileSync(path.join(work, 'site/index.html'), '<!doctype html>');
      expect(() => checkFolders(options('preview', { seeds: 'nope' }))).not.toThrow();
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
