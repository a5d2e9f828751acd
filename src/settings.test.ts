import { describe, expect, it } from 'vitest';
import { parseSettings, SettingsError } from './settings.ts';
import { DEFAULT_SITE_SETTINGS } from './build-options.ts';

describe('the settings in vite.config.ts', () => {
  it('fills in every default, the built-in site settings among them', () => {
    const s = parseSettings({}, 'vite.config.ts', '/p');
    expect(s).toMatchObject({ title: DEFAULT_SITE_SETTINGS.title, language: 'en', base: '/', seeds: '/p/seeds', out: '/p/dist', templates: null, css: [], words: {} });
    expect(s.navigation).toEqual(DEFAULT_SITE_SETTINGS.navigation);
  });

  it('makes paths absolute against the config file’s folder', () => {
    const s = parseSettings({ templates: 'my/templates', css: ['a.css'], public: '../pub' }, 'vite.config.ts', '/p/q');
    expect(s).toMatchObject({ templates: '/p/q/my/templates', css: ['/p/q/a.css'], public: '/p/pub' });
  });

  it('names the key and what it expects when a value is wrong', () => {
    const wrong = (raw: unknown) => {
      try {
        parseSettings(raw, '/p/vite.config.ts', '/p');
      } catch (error) {
        expect(error).toBeInstanceOf(SettingsError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(wrong({ title: 3 })).toMatch(/^\/p\/vite\.config\.ts: .*\n  newsDigest\.title: .*expected string/);
    expect(wrong({ navigation: [{ label: 'X', path: 'https://elsewhere/' }] })).toMatch(/newsDigest\.navigation\[0\]\.path: a path inside the site/);
    expect(wrong({ words: { boilerplate: ['(unclosed'] } })).toMatch(/newsDigest\.words\.boilerplate\[0\]: a regular expression/);
    expect(wrong({ words: { companies: [{ name: 'X', formerNames: [{ name: 'Y', until: 'July' }] }] } })).toMatch(/formerNames\[0\]\.until: a month such as "2024-07"/);
    expect(wrong({ colour: 'red' })).toMatch(/newsDigest.*colour|Unrecognized key.*colour/);
    expect(wrong({ language: 'english language' })).toMatch(/newsDigest\.language: a language tag/);
  });
});
