// The story threshold against a corpus of copies and of different stories about the same event
// (tests/fixtures/stories): copies are made from wire stories the way sites republish them, and
// go through the read, clean and extract stages as seeds do.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleFromBytes } from '../read/read-article.ts';
import { processArticle } from '../pipeline/process-article.ts';
import { similarAtLeast, similarity, storySignature, words } from '../extract/story-signature.ts';
import { knownStories, STORY_THRESHOLD, storyLeads } from './stories.ts';
import { article } from '../../bench/synth-corpus.ts';

const DIR = path.resolve(import.meta.dirname, '../../tests/fixtures/stories');
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');
/** The article's cleaned text, as the record's signature is made from it. */
const cleaned = (relPath: string, text: string) => processArticle(articleFromBytes(Buffer.from(text), relPath)).doc.text;
const signatureOf = (relPath: string, text: string) => storySignature(cleaned(relPath, text));

const paragraphs = (text: string) => text.trim().split(/\n\s*\n/);
/** How sites republish a wire story: each change alone, then all together. */
const REPUBLISHED: Record<string, (text: string) => string> = {
  'last paragraph trimmed': (t) => paragraphs(t).slice(0, -1).join('\n\n'),
  'page furniture': (t) => {
    const p = paragraphs(t);
    p.splice(1, 0, 'Advertisement');
    p.splice(3, 0, 'Sign up for our daily newsletter');
    return [...p, 'Share this article', 'This story first appeared on Metals Daily. Follow us on LinkedIn for the latest mining news.'].join('\n\n');
  },
  'another headline, byline and dateline': (t) => `Miner moves on new deal, sources say\n\nBy Jane Roe\n\n${t.trim().replace(/^[A-Z][A-Z ]+, [A-Z][a-z]+ \d+ \([A-Za-z]+\) - /, 'LONDON (Bloomberg) -- ')}`,
};
REPUBLISHED['all of these'] = (t) => REPUBLISHED['another headline, byline and dateline']!(REPUBLISHED['page furniture']!(REPUBLISHED['last paragraph trimmed']!(t)));

const body = (name: string) => read(name).replace(/^---[\s\S]*?---\n/, '');
const WIRE = { antofagasta: body('wire-antofagasta.md'), lynas: read('corpus/lynas-wire.txt'), codelco: read('corpus/codelco-wire.txt') };
/** Different stories about the same events: same companies, people and figures, other words. */
const SAME_EVENT = { antofagasta: body('analysis-antofagasta.md'), lynas: read('corpus/lynas-feature.txt'), codelco: read('corpus/codelco-brief.txt') };

describe('story signatures', () => {
  it('ignore case and punctuation, and give a text without words no signature', () => {
    expect(words('Copper, at $9,100 a TONNE.')).toEqual(['copper', 'at', '9', '100', 'a', 'tonne']);
    const sentence = 'Output rose 9% to 1.32 million tonnes in the year to March, the company said, as its new mill at the northern pit ran at capacity.';
    expect(similarity(storySignature(sentence), storySignature(sentence.toUpperCase().replace(/[,.%]/g, ' ')))).toBe(1);
    // too short to tell a copy from another item of the same few words
    expect(storySignature('Copper prices rose 2% on the day, traders said.')).toHaveLength(0);
    expect(storySignature('  …  ')).toHaveLength(0);
    expect(similarity(storySignature(''), storySignature(''))).toBe(0);
  });

  it('read ASCII text into the same words as any other text', () => {
    const sentence = 'Output rose 9% to 1.32 million tonnes in the year to March, the company said, as its new mill at the northern pit ran at capacity.';
    // a dash adds no word, and makes the text non-ASCII
    expect([...storySignature(`${sentence} —`)]).toEqual([...storySignature(sentence)]);
    expect([...storySignature(`${sentence} Zürich`)]).not.toEqual([...storySignature(sentence)]);
  });

  for (const [story, wire] of Object.entries(WIRE)) {
    const original = signatureOf(`${story}.txt`, wire);
    for (const [how, republish] of Object.entries(REPUBLISHED)) {
      it(`find a copy of the ${story} story with ${how}`, () => {
        expect(similarity(original, signatureOf(`${story}-copy.txt`, republish(wire)))).toBeGreaterThanOrEqual(STORY_THRESHOLD);
      });
    }
    it(`keep apart a different ${story} story about the same event`, () => {
      const other = signatureOf(`${story}-other.txt`, SAME_EVENT[story as keyof typeof SAME_EVENT]);
      expect(similarity(original, other)).toBeLessThan(STORY_THRESHOLD);
      expect(similarity(signatureOf(`${story}-copy.txt`, REPUBLISHED['all of these']!(wire)), other)).toBeLessThan(STORY_THRESHOLD);
      expect(similarAtLeast(original, other, STORY_THRESHOLD)).toBe(false);
      expect(similarAtLeast(original, signatureOf(`${story}-copy.txt`, REPUBLISHED['all of these']!(wire)), STORY_THRESHOLD)).toBe(true);
    });
  }
});

describe('storyLeads', () => {
  const input = (relPath: string, date: string | null, text: string) => ({ source: { relPath }, date, signature: signatureOf(relPath, text) });

  it('makes the copies one story, led by the earliest (undated last, then by path), whatever the order', () => {
    const articles = [
      input('b-copy.txt', '2025-03-04', REPUBLISHED['all of these']!(WIRE.antofagasta)),
      input('analysis.txt', '2025-03-04', SAME_EVENT.antofagasta),
      input('undated-copy.txt', null, REPUBLISHED['page furniture']!(WIRE.antofagasta)),
      input('z-wire.txt', '2025-03-03', WIRE.antofagasta),
      input('a-copy.txt', '2025-03-03', REPUBLISHED['last paragraph trimmed']!(WIRE.antofagasta)),
      input('lynas.txt', '2025-06-12', WIRE.lynas),
    ];
    expect(storyLeads(articles)).toEqual([4, 1, 4, 4, 4, 5]);
    const reversed = [...articles].reverse();
    expect(storyLeads(reversed).map((i) => reversed[i]!.source.relPath)).toEqual(['lynas.txt', 'a-copy.txt', 'a-copy.txt', 'a-copy.txt', 'analysis.txt', 'a-copy.txt']);
  });

  it('keeps a thousand generated articles of one template, the same companies and metals, a thousand stories', () => {
    const many = Array.from({ length: 1000 }, (_, i) => {
      const { name, body } = article(i);
      return { source: { relPath: name }, date: null, signature: storySignature(body.replace(/^---[\s\S]*?---\n/, '')) };
    });
    expect(new Set(storyLeads(many)).size).toBe(1000);
  });

  it('with the stories a run over some of the articles found, compares only pairs with a new article, and finds what a run over all finds', () => {
    const copies = Object.entries(REPUBLISHED).flatMap(([how, republish], i) => [
      input(`antofagasta-${i}.txt`, `2025-03-0${i + 1}`, republish(WIRE.antofagasta)),
      input(`lynas-${i}.txt`, `2025-06-1${i}`, republish(WIRE.lynas)),
      input(`codelco-${how.length}.txt`, null, republish(WIRE.codelco)),
    ]);
    const generated = Array.from({ length: 300 }, (_, i) => {
      const { name, body } = article(i);
      return { source: { relPath: name }, date: null, signature: storySignature(body.replace(/^---[\s\S]*?---\n/, '')) };
    });
    const originals = [input('antofagasta.txt', '2025-03-01', WIRE.antofagasta), input('lynas.txt', null, WIRE.lynas), input('codelco.txt', null, WIRE.codelco), input('analysis.txt', null, SAME_EVENT.antofagasta)];
    const all = [...generated, ...copies, ...originals].map((a, i) => ({ ...a, source: { ...a.source, digest: `d${i}` } }));
    const whole = storyLeads(all);
    // every other article first, copies of each story on both sides
    const before = all.filter((_, i) => i % 2 === 0);
    const known = knownStories(before, storyLeads(before));
    expect(known.copies.length).toBeGreaterThan(0);
    expect(storyLeads(all, known)).toEqual(whole);
    expect(new Set(whole).size).toBe(300 + 4);

    // what it was told stands: two different stories said to be one stay one
    const keyAt = (k: number) => `${known.paths[k]}\0${known.digests[k]}`;
    const told = { ...known, copies: [...known.copies, [keyAt(0), keyAt(1)]] };
    const joined = storyLeads(all, told);
    expect(joined[0]).toBe(joined[2]);
    // an article it saw gone (or edited: another digest), every pair is compared again
    const edited = all.map((a, i) => (i === 2 ? { ...a, source: { ...a.source, digest: 'edited' } } : a));
    expect(storyLeads(edited, told)).toEqual(storyLeads(edited));
    // one of a story of its own gone, or edited: what it was told of the others still stands
    const single = known.paths.findIndex((_, k) => k > 1 && !known.copies.some((story) => story.includes(keyAt(k))));
    const at = all.findIndex((a) => `${a.source.relPath}\0${a.source.digest}` === keyAt(single));
    const without = all.filter((_, i) => i !== at);
    const withoutLeads = storyLeads(without, told);
    expect(withoutLeads[0]).toBe(withoutLeads[2]);
    expect(storyLeads(without, known)).toEqual(storyLeads(without));
    const editedSingle = all.map((a, i) => (i === at ? { ...a, source: { ...a.source, digest: 'edited' } } : a));
    expect(storyLeads(editedSingle, known)).toEqual(storyLeads(editedSingle));
  });
});
