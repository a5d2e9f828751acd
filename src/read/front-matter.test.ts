import { describe, expect, it } from 'vitest';
import { FrontMatterError, parseFrontMatter } from './front-matter.ts';

describe('front matter', () => {
  it('reads YAML fields and where the body starts', () => {
    const fm = parseFrontMatter('---\ntitle: Copper output falls\ndate: 2025-09-18\ntags: [copper, smelting]\n---\n\nBody text.\n');
    expect(fm.data).toEqual({ title: 'Copper output falls', date: '2025-09-18', tags: ['copper', 'smelting'] });
    expect(fm.body.trim()).toBe('Body text.');
    expect(fm.bodyLine).toBe(6);
  });

  it('reads a file with no front matter as all body', () => {
    const fm = parseFrontMatter('Just text.\n');
    expect(fm.data).toEqual({});
    expect(fm.bodyLine).toBe(1);
  });

  // gray-matter evaluates `---js` blocks with eval by default; `engines: {js: false}` does not stop it.
  it.each(['---js', '---javascript', '--- JavaScript', '---JS', '---  js  '])('never runs %s front matter', (fence) => {
    const globals = globalThis as { pwned?: boolean };
    delete globals.pwned;
    const text = `${fence}\n{ title: (globalThis.pwned = true, "x") }\n---\nBody\n`;
    expect(() => parseFrontMatter(text)).toThrow(FrontMatterError);
    expect(globals.pwned).toBeUndefined();
  });

  it('names the line of broken YAML', () => {
    try {
      parseFrontMatter('---\ntitle: ok\ndate: [unclosed\n---\nBody\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FrontMatterError);
      expect((error as FrontMatterError).line).toBeGreaterThanOrEqual(3);
    }
  });

  it('says which field has the wrong type', () => {
    expect(() => parseFrontMatter('---\ntitle:\n  nested: object\n---\nBody\n')).toThrow(/"title"/);
  });
});

describe('front matter that tries to choose where the page goes', () => {
  it.each(['../../x', '/etc/passwd', 'a/b', '..', 'Index', 'x'.repeat(81)])('refuses slug %s with a warning on its line', (slug) => {
    const fm = parseFrontMatter(`---\ntitle: T\nslug: ${JSON.stringify(slug)}\n---\nBody\n`);
    expect(fm.data.slug).toBeUndefined();
    expect(fm.warnings).toEqual([{ reason: expect.stringMatching(/not a safe page name/), line: 3 }]);
  });

  it('reads `id` as the slug, and refuses an unsafe one', () => {
    expect(parseFrontMatter('---\nid: copper-news\n---\nBody\n').data.slug).toBe('copper-news');
    expect(parseFrontMatter('---\nid: ../../../escaped\n---\nBody\n').warnings[0]).toMatchObject({ line: 2 });
  });

  it('drops a source or url that is not http(s), with a warning', () => {
    for (const [key, value] of [['url', '../../x'], ['source', 'javascript:alert(1)'], ['source', 'data:text/html,<script>']]) {
      const fm = parseFrontMatter(`---\n${key}: ${JSON.stringify(value)}\n---\nBody\n`);
      expect(fm.data.source).toBeUndefined();
      expect(fm.warnings[0]).toMatchObject({ reason: expect.stringMatching(/not an http\(s\) link/), line: 2 });
    }
    expect(parseFrontMatter('---\nsource: https://example.com/a\n---\nBody\n').data.source).toBe('https://example.com/a');
  });

  it('names the exact line of a YAML error', () => {
    expect(() => parseFrontMatter('---\ntitle: ok\ndate: [unclosed\ntags: x\n---\nBody\n')).toThrow(expect.objectContaining({ line: 4 }));
  });
});
