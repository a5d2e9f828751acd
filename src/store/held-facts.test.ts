// Packed figures and dates read back exactly as they were made, wherever the record goes.
import { describe, expect, it } from 'vitest';
import v8 from 'node:v8';
import { articleFromBytes } from '../read/read-article.ts';
import { processArticle } from '../pipeline/process-article.ts';
import { compactHeld, datesNaming, packHeld, storedHeld, unpackedHeld } from './held-record.ts';
import { link } from '../link/link.ts';
import { dateAndFigureOf, factsOf, forEachTimelinePoint, PackedFacts, revivedFacts } from './held-facts.ts';
import { keyOfTimelineCode, timelineKey } from '../extract/timeline-key.ts';
import { sentenceAt } from '../extract/sentences.ts';

const text = `Antofagasta expects copper output of 660,000 to 700,000 tonnes in 2025, its chief executive said on 4 March 2025.
The miner will spend $1.7bn (Y251.9bn) on the Centinela expansion, and said revenue rose 12% to $6.6 billion last year.
Shipments are due to resume next quarter.
`;
const record = processArticle(articleFromBytes(new TextEncoder().encode(text), 'antofagasta.txt'));
const unpacked = unpackedHeld(record);
/** The held record as a build reads it back from its cache file. */
const readBack = () => compactHeld(v8.deserialize(v8.serialize(storedHeld(record))));

describe('packed facts', () => {
  it('read back as made: the same fields in the same order, optional ones absent', () => {
    expect(unpacked.figures.some((f) => f.min != null && f.max != null)).toBe(true);
    expect(unpacked.figures.some((f) => f.convertsFigure != null)).toBe(true);
    expect(unpacked.dates.length).toBeGreaterThan(1);
    const { figures, dates } = factsOf(readBack());
    expect(JSON.stringify(figures)).toBe(JSON.stringify(unpacked.figures));
    expect(JSON.stringify(dates)).toBe(JSON.stringify(unpacked.dates));
  });

  it('are packed where the record is made: the unpacked form holds no fact objects and no text, and each date keeps where it starts in its sentence', () => {
    const onDisk = storedHeld(record);
    expect(Object.keys(onDisk)).not.toContain('figures');
    expect(Object.keys(onDisk)).not.toContain('text');
    expect(onDisk.facts).toBeInstanceOf(Uint8Array);
    const held = readBack();
    factsOf(held).dates.forEach((d, i) => expect(d.sentence.slice(held.dateOffsets[i], held.dateOffsets[i]! + d.text.length)).toBe(d.text));
    expect(held.dateOffsets).toEqual(compactHeld(packHeld(unpackedHeld(record))).dateOffsets);
  });

  it('keep numbers JSON cannot hold as they are, and dates\' values as text', () => {
    const copy = v8.deserialize(v8.serialize(unpacked)) as typeof unpacked;
    const f = copy.figures[0]!;
    copy.figures = [Infinity, -Infinity, NaN, -0, 1e300].map((value) => ({ ...f, value }));
    const { figures, dates } = factsOf(compactHeld(packHeld(copy)));
    figures.forEach((g, i) => expect(Object.is(g.value, copy.figures[i]!.value), String(copy.figures[i]!.value)).toBe(true));
    expect(dates.map((d) => d.value)).toEqual(unpacked.dates.map((d) => d.value));
    expect(dates.some((d) => typeof d.value === 'string')).toBe(true);
  });

  it('are held as bytes, read through factsOf, and their lists cannot be changed in place', () => {
    const held = readBack();
    expect(held.facts).toBeInstanceOf(PackedFacts);
    expect(Object.keys(held)).not.toContain('figures');
    expect(() => factsOf(held).figures.pop()).toThrow(TypeError);
    expect(() => factsOf(held).dates.push(factsOf(held).dates[0]!)).toThrow(TypeError);
  });

  it('go with the record: into its linked article as the same bytes, left out of JSON, and whole to another thread', () => {
    const held = readBack();
    const [article] = link([held]).articles;
    expect(article!.facts).toBe(held.facts);
    expect(factsOf(article!)).toEqual(factsOf(held));
    expect(JSON.stringify(article)).not.toContain('"facts"');
    // a render thread is sent the records by v8.serialize: the bytes go, and are read there alike
    const copy = v8.deserialize(v8.serialize(held)) as typeof held;
    copy.facts = revivedFacts(copy.facts);
    expect(JSON.stringify(factsOf(copy).figures)).toBe(JSON.stringify(unpacked.figures));
    expect(JSON.stringify(factsOf(copy).dates)).toBe(JSON.stringify(unpacked.dates));
  });

  it('give the timeline each date\'s key and place without unpacking, as the unpacked dates have them', () => {
    const held = readBack();
    const copy = v8.deserialize(v8.serialize(held)) as typeof held;
    copy.facts = revivedFacts(copy.facts);
    const pointsOf = (holder: typeof held) => {
      const points: [string, number][] = [];
      forEachTimelinePoint(holder, (code, date) => points.push([keyOfTimelineCode(code), date]));
      return points;
    };
    // each dated date, keyed; the same date in the same sentence once
    const seen = new Set<string>();
    const expected = unpacked.dates.flatMap((d, i): [string, number][] => {
      const key = timelineKey(d.value);
      if (!key || seen.has(`${key} ${d.sentence}`)) return [];
      seen.add(`${key} ${d.sentence}`);
      return [[key, i]];
    });
    expect(expected.length).toBeGreaterThan(1);
    expect(pointsOf(held)).toEqual(expected);
    expect(pointsOf(copy)).toEqual(expected);
  });

  it("name the dates whose sentence names a company, as the unpacked dates' sentences do", () => {
    const two = processArticle(articleFromBytes(new TextEncoder().encode(`${text}Codelco said on 12 May 2025 that its Chuquicamata smelter would restart in June 2025.\n`), 'two.txt'));
    const held = compactHeld(v8.deserialize(v8.serialize(storedHeld(two))));
    // a company is named in a sentence where one of its mentions (spans) lies
    const x = two.extraction;
    const named = (name: string) =>
      x.dates.flatMap((d, i) => {
        const s = sentenceAt(x.sentences, d.span.start)!;
        return x.companies.some((c) => c.name === name && c.spans.some((sp) => sp.start >= s.start && sp.end <= s.end)) ? [i] : [];
      });
    expect(named('Antofagasta').length).toBeGreaterThan(0);
    expect(named('Antofagasta').length).toBeLessThan(x.dates.length);
    expect(datesNaming(held, new Set(['Antofagasta']))).toEqual(named('Antofagasta'));
    expect(datesNaming(held, new Set(['Codelco']))).toEqual(named('Codelco'));
    expect(named('Codelco').length).toBeGreaterThan(0);
    expect(datesNaming(held, new Set(['Glencore']))).toEqual([]);
  });

  it('give a date and the first figure of its sentence alike, unpacked whole or not', () => {
    const withoutFigures = compactHeld(packHeld({ ...unpacked, figures: unpacked.figures.filter((f) => f.sentence !== unpacked.dates[0]!.sentence) }));
    for (const held of [readBack(), withoutFigures]) {
      const { figures, dates } = factsOf(held);
      dates.forEach((date, i) => {
        const expected = { date, figure: figures.find((f) => f.sentence === date.sentence) };
        // a fresh holder of the same bytes: nothing remembered, the bytes read in part
        const alone = { facts: new PackedFacts(held.facts.bytes) };
        expect(JSON.stringify(dateAndFigureOf(alone, i))).toBe(JSON.stringify(expected));
        expect(dateAndFigureOf(held, i)).toEqual(expected);
      });
    }
    expect(dateAndFigureOf(readBack(), 0).figure).toBeDefined();
    expect(dateAndFigureOf({ facts: new PackedFacts(withoutFigures.facts.bytes) }, 0).figure).toBeUndefined();
  });

  it('keep a line to each row and sentence whatever the text holds: newlines, quotes, a line separator; none at all', () => {
    const odd = 'Output was "cut"\nby 10% in\tMarch 2025\u2028after a fire, \\ it said.';
    const date = { ...unpacked.dates[0]!, sentence: odd };
    const figure = { ...unpacked.figures[0]!, sentence: odd };
    const held = compactHeld(packHeld({ ...unpacked, dates: [unpacked.dates[1]!, date], figures: [unpacked.figures[1]!, figure] }));
    expect(factsOf({ facts: new PackedFacts(held.facts.bytes) })).toEqual({ figures: [unpacked.figures[1], figure], dates: [unpacked.dates[1], date] });
    expect(dateAndFigureOf({ facts: new PackedFacts(held.facts.bytes) }, 1)).toEqual({ date, figure });
    const none = compactHeld(packHeld({ ...unpacked, dates: [], figures: [] }));
    expect(factsOf({ facts: new PackedFacts(none.facts.bytes) })).toEqual({ figures: [], dates: [] });
  });
});
