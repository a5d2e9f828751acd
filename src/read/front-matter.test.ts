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
