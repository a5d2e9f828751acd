import { describe, expect, it } from 'vitest';
import { findFigures } from './figures.ts';

const one = (text: string) => {
  const figures = findFigures(text);
  expect(figures).toHaveLength(1);
  return figures[0]!;
};

describe('findFigures', () => {
  it('scales money written with symbols, codes and words', () => {
    expect(one('The smelter cost $2.3bn to build.')).toMatchObject({ text: '$2.3bn', value: 2_300_000_000, unit: 'USD' });
    expect(one('It raised US$45 million from investors.')).toMatchObject({ value: 45_000_000, unit: 'USD' });
    expect(one('The miner booked a C$12.5 million charge.')).toMatchObject({ value: 12_500_000, unit: 'CAD' });
    expect(one('Sales reached HK$800m last quarter.')).toMatchObject({ value: 800_000_000, unit: 'HKD' });
    expect(one('The refinery will cost EUR 5 million.')).toMatchObject({ value: 5_000_000, unit: 'EUR' });
    expect(one('The grant was worth 7 million euros.')).toMatchObject({ value: 7_000_000, unit: 'EUR' });
    expect(one('Profit fell to Y3.2bn in the period.')).toMatchObject({ value: 3_200_000_000, unit: 'JPY' });
    expect(one('The plant cost Yu4 billion.')).toMatchObject({ value: 4_000_000_000, unit: 'CNY' });
    expect(one('It will spend RMB 900 million on the line.')).toMatchObject({ value: 900_000_000, unit: 'CNY' });
    expect(one('The deal values it at 85 billion yen.')).toMatchObject({ value: 85_000_000_000, unit: 'JPY' });
    expect(one('A £40m loan was agreed.')).toMatchObject({ value: 40_000_000, unit: 'GBP' });
  });

  it('reads pence as hundredths of a pound, and British "pc" as per cent', () => {
    expect(one('Its shares fell to 342 pence in London.')).toMatchObject({ value: 3.42, unit: 'GBP' });
    expect(one('The stock closed at 118p on Friday.')).toMatchObject({ value: 1.18, unit: 'GBP' });
    expect(one('Profits rose 12pc last year.')).toMatchObject({ value: 12, unit: '%' });
    expect(findFigures('The call starts at 3pm and lasts 2 hours.')).toEqual([]);
  });

  it('reads tonnes, ounces and pounds with their scales', () => {
    expect(one('The mine shipped 42kt of concentrate.')).toMatchObject({ value: 42_000, unit: 't' });
    expect(one('Reserves stand at 1.8Mt of ore.')).toMatchObject({ value: 1_800_000, unit: 't' });
    expect(one('Output was 3.1 million metric tons.')).toMatchObject({ value: 3_100_000, unit: 't' });
    expect(one('The quota covers 90 million wet tonnes of ore.')).toMatchObject({ value: 90_000_000, unit: 't' });
    expect(one('The mine poured 215koz in the year.')).toMatchObject({ value: 215_000, unit: 'oz' });
    expect(one('It expects to sell 1.5 billion pounds of copper.')).toMatchObject({ value: 1_500_000_000, unit: 'lb' });
  });

  it('reads percentages and percentage points', () => {
    expect(one('Output rose 7.5% in May.')).toMatchObject({ value: 7.5, unit: '%', measure: 'output', direction: 'rise' });
    expect(one('Costs climbed 11 percent.')).toMatchObject({ value: 11, unit: '%' });
    expect(one('The margin widened 2.5 percentage points.')).toMatchObject({ value: 2.5, unit: '%' });
    expect(one('Older plants run at margins of minus 3%.')).toMatchObject({ value: -3, unit: '%' });
  });

  it('reads prices per unit, including cents', () => {
    expect(one('Zinc traded at $3,010 a tonne.')).toMatchObject({ value: 3010, unit: 'USD', measure: 'zinc price per tonne' });
    expect(one('The charge was $30/t this year.')).toMatchObject({ value: 30, unit: 'USD', measure: 'charge per tonne' });
    expect(one('Refining fees were 3.4c/lb.')).toMatchObject({ value: 0.034, unit: 'USD', measure: 'refining fees per pound' });
    expect(one('Spot fees sank to -$12.75/t.')).toMatchObject({ value: -12.75, unit: 'USD' });
    expect(one('Gold averaged A$4,800 an ounce.')).toMatchObject({ value: 4800, unit: 'AUD', measure: 'gold price per ounce' });
    expect(one('Cobalt sold for 250,000 yuan per tonne.')).toMatchObject({ value: 250_000, unit: 'CNY' });
  });

  it('keeps both ends of a range', () => {
    expect(one('Returns of 9-14% are expected.')).toMatchObject({ value: null, min: 9, max: 14, unit: '%' });
    expect(one('Costs of A$1,200-A$1,300 a tonne are forecast.')).toMatchObject({ min: 1200, max: 1300, unit: 'AUD' });
    expect(one('Prices could rise between 3% and 6% next year.')).toMatchObject({ min: 3, max: 6, unit: '%' });
    expect(one('It plans to spend $1-2 billion.')).toMatchObject({ min: 1_000_000_000, max: 2_000_000_000, unit: 'USD' });
  });

  it('keeps a bracketed conversion as a second figure pointing at the first', () => {
    const figures = findFigures('The company earned 120 billion yen ($810 million) in the year.');
    expect(figures.map((f) => [f.value, f.unit, f.convertsFigure])).toEqual([
      [120_000_000_000, 'JPY', undefined],
      [810_000_000, 'USD', 0],
    ]);
  });

  it('ignores counts, years, tickers and ordinals', () => {
    expect(findFigures('About 450 workers at two plants walked out in 2024.')).toEqual([]);
    expect(findFigures('Shares of Acme (6501.T) and 000630.SZ rose in Q2; it is the third-largest miner.')).toEqual([]);
    expect(findFigures('The FTSE 100 index was flat and FY2026 targets stand.')).toEqual([]);
    expect(findFigures('The pit is 250m deep.')).toEqual([]);
  });

  it('keeps the sentence that holds each figure', () => {
    const [f] = findFigures('First line. Nickel fell 4% on Monday.');
    expect(f!.sentence).toBe('Nickel fell 4% on Monday.');
  });
});

describe('findFigures: price reports, exchange announcements and tables', () => {
  it('reads a price range that writes its currency and unit once', () => {
    expect(one('Tin concentrate was offered at $21.50-22.75 per kg this week.')).toMatchObject({ unit: 'USD', min: 21.5, max: 22.75, measure: 'tin concentrate price per kilogram' });
    expect(one('Guidance: US$0.95–1.10/lb')).toMatchObject({ unit: 'USD', min: 0.95, max: 1.1 });
    expect(one('Chrome ore fetched $3.80-3.95 per dry metric tonne unit.')).toMatchObject({ min: 3.8, max: 3.95, measure: 'chrome ore price per tonne unit' });
  });

  it('keeps a change and the level it reached apart', () => {
    const figures = findFigures('Ferrovanadium rose by $12 to $48.50 a kilogram.');
    expect(figures.map((f) => [f.value, f.min ?? null])).toEqual([
      [12, null],
      [48.5, null],
    ]);
  });

  it('reads the metres of a drill intercept, but not money in millions', () => {
    const figures = findFigures('Hole KD-07 returned 24.0m @ 1.85% Cu from 96.0m, including 8.0m @ 3.1% Cu.');
    expect(figures.map((f) => [f.value, f.unit, f.measure])).toEqual([
      [24, 'm', 'intercept width'],
      [1.85, '%', 'copper grade'],
      [96, 'm', 'intercept depth'],
      [8, 'm', 'intercept width'],
      [3.1, '%', 'copper grade'],
    ]);
    expect(one('The explorer raised A$4m from the sale.')).toMatchObject({ value: 4_000_000, unit: 'AUD' });
    expect(findFigures('The shaft is 250m from the road.')).toHaveLength(0);
  });

  it('reads amounts with hyphens between the number, the scale and the unit', () => {
    expect(one('It plans a 1.2-million-tonne pellet plant.')).toMatchObject({ value: 1_200_000, unit: 't' });
    expect(one('A 15,000-metre drilling campaign starts in May.')).toMatchObject({ value: 15_000, unit: 'm' });
  });
});
