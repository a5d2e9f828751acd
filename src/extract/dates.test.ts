import { describe, expect, it } from 'vitest';
import * as chronoEn from 'chrono-node/en';
import { findDates, headerDate, normaliseDate, textReader } from './dates.ts';

const values = (text: string, published: string | null = null) => findDates(text, published).map((d) => d.value);

describe('findDates', () => {
  it('reads years, including ones inside phrases', () => {
    expect(values('The mine should reach full output by 2031 and run through 2050.')).toEqual(['2031', '2050']);
    expect(values('Prices bottomed in mid-2023 and recovered in early 2024.')).toEqual(['2023', '2024']);
  });

  it('does not read years out of money, counts or names', () => {
    expect(values('Shares closed at A$20.24 and the ASX 200 rose; it shipped 2,025 tonnes.')).toEqual([]);
    expect(values('Output reached 2030 tonnes.')).toEqual([]);
  });

  it('normalises months, full dates and fiscal years', () => {
    expect(values('The line will open in October 2027.')).toEqual(['2027-10']);
    expect(values('Revenue for the year to Sept. 30, 2024 rose.')).toEqual(['2024-09-30']);
    expect(values('Guidance for fiscal year 2026 and FY27 was kept, as was the fiscal 2025 plan.')).toEqual(['FY2026', 'FY2027', 'FY2025']);
  });

  it('counts quarters and halves as their year', () => {
    expect(values('Deliveries slowed in Q2 2024 and should recover in the second half of 2026.')).toEqual(['2024', '2026']);
    expect(values('Deliveries slowed in the June quarter.')).toEqual([null]);
  });

  it('resolves relative dates against the publication date', () => {
    // 2025-04-10 is a Thursday
    expect(values('The company said on Tuesday that output fell last year.', '2025-04-10')).toEqual(['2025-04-08', '2024']);
    expect(values('The board will meet on Monday.', '2025-04-10')).toEqual(['2025-04-14']);
    expect(values('Talks began in February and resume in June.', '2025-04-10')).toEqual(['2025-02', '2025-06']);
    expect(values('Stocks fell this month.', '2025-04-10')).toEqual(['2025-04']);
  });

  it('keeps relative dates unresolved without a publication date', () => {
    const dates = findDates('The company said on Tuesday that output fell last year and would recover in June.', null);
    expect(dates.map((d) => [d.text, d.value])).toEqual([
      ['on Tuesday', null],
      ['last year', null],
      ['June', null],
    ]);
  });

  it('finds every kind of date chrono-node reads among sentences it is not given, at its place', () => {
    const text = [
      'Output rose 4% at the smelter.',
      'Shipments resumed on 4-5 March 2026 after the strike.',
      'The grade was steady.\n\nA year earlier the plant was idle.',
      'Prices fell two weeks ago.',
      'Sales were flat.',
      'It restarted yesterday, the company said on Friday.',
      'It will expand next month.',
    ].join(' ');
    const dates = findDates(text, '2026-04-10');
    expect(dates.map((d) => [d.text, d.value])).toEqual([
      ['4-5 March 2026', '2026-03-04'],
      ['4-5 March 2026', '2026-03-05'],
      ['A year earlier', null],
      ['two weeks ago', null],
      ['yesterday', '2026-04-09'],
      ['on Friday', '2026-04-10'],
      ['next month', '2026-05'],
    ]);
    for (const d of dates) if (d.span.end > d.span.start) expect(text.slice(d.span.start, d.span.end)).toBe(d.text);
  });

  it('finds a relative date of every kind date-patterns.json keeps, alone in its sentence among sentences chrono-node is not given', () => {
    // one example a `relative` pattern that gives a date: a pattern added without a cue fails here
    const examples = ['a year earlier', 'last week', 'three weeks ago', 'last year', 'later this year', 'earlier this month', 'next month', 'yesterday', 'two years ago'];
    for (const example of examples) {
      const text = `Output rose 4% at the smelter. Prices said ${example} were steady. Sales were flat.`;
      // chrono-node reads "later this year" as "this year": the found date is the phrase or its end
      const found = findDates(text, '2026-04-10');
      expect(found.length, example).toBe(1);
      expect(example.endsWith(found[0]!.text.toLowerCase()), example).toBe(true);
    }
  });

  it('keeps a date with a time of day as the date, and leaves dates in digits and times alone', () => {
    // every parser named as never kept was found: a renamed class would leave chrono's whole reader
    expect(textReader.parsers.length).toBeLessThan(chronoEn.casual.parsers.length);
    const dates = findDates('The vote is on March 5 at 10 a.m. local time. Ore shipped on 3/5/2025 at 14:00. It fell yesterday morning.', '2026-04-10');
    expect(dates.map((d) => [d.text, d.value])).toEqual([
      ['March 5', '2026-03-05'],
      ['yesterday', '2026-04-09'],
    ]);
  });

  it('does not take modal "may" or the verb "march" for months', () => {
    expect(values('Prices may fall as workers march on the capital.', '2025-04-10')).toEqual([]);
  });
});

describe('normaliseDate', () => {
  it('turns front-matter dates into YYYY-MM-DD', () => {
    expect(normaliseDate('2024-07-01')).toBe('2024-07-01');
    expect(normaliseDate('1 July 2024')).toBe('2024-07-01');
    expect(normaliseDate('Jul 1, 2024')).toBe('2024-07-01');
    expect(normaliseDate('2024-07-01T00:00:00.000Z')).toBe('2024-07-01');
  });
  it('refuses what is not a whole date', () => {
    expect(normaliseDate('July 2024')).toBeNull();
    expect(normaliseDate('soon')).toBeNull();
    expect(normaliseDate('2024-02-30')).toBeNull();
  });
});

describe('headerDate', () => {
  it('finds the date of a byline line at the top', () => {
    expect(headerDate('Zinc miner sells stake\nBy Ana Ruiz · Jan 9, 2026\n\nThe body starts here on March 3, 2020.')).toBe('2026-01-09');
  });
  it('ignores dates in the running text', () => {
    expect(headerDate('The company said on March 3, 2020 that it would sell the mine.\n\nMore text.')).toBeNull();
  });
  it('reads the day beside a time, and never a span from today as a day', () => {
    expect(headerDate('Copper smelter restarts\nFeb 14, 2025 10:30 AM\n\nText.')).toBe('2025-02-14');
    expect(headerDate('Copper smelter restarts\nPosted this morning, 12 May 2023\n\nText.')).toBe('2023-05-12');
    expect(headerDate('Copper smelter restarts\nDue within 14 days of 2 May 2025\n\nText.')).toBe('2025-05-02');
  });

  it('reads "last <month>" as the last such month before the publication date', () => {
    expect(values('Prices have doubled since last April.', '2026-02-10')).toEqual(['2025-04']);
    expect(values('The plant will restart in April.', '2026-02-10')).toEqual(['2026-04']);
    expect(values('The expansion reached nameplate capacity in July.', '2026-02-10')).toEqual(['2025-07']);
    expect(values('It said in January that output would rise from July.', '2026-02-10')).toEqual(['2026-01', '2026-07']);
  });
});
