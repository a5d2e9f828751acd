import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { normaliseBase, parseCli, UsageError } from './cli-options.ts';

describe('command-line options', () => {
  it('has defaults for every option', () => {
    expect(parseCli(['build'])).toMatchObject({ command: 'build', seedsDir: path.resolve('seeds'), outDir: path.resolve('dist'), base: '/', port: null, strict: false });
  });

  it('takes values after the flag or with =', () => {
    const o = parseCli(['dev', '--seeds', 'x', '--out=y', '--base', 'digest', '--port', '3000', '--site-url', 'https://example.com/digest']);
    expect(o).toMatchObject({ seedsDir: path.resolve('x'), outDir: path.resolve('y'), base: '/digest/', port: 3000, siteUrl: 'https://example.com/digest/' });
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
});
