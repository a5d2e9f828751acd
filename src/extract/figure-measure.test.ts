import { describe, expect, it } from 'vitest';
import { findFigures } from './figures.ts';

/** Each figure of a sentence as [text, measure, direction]. */
const read = (sentence: string) => findFigures(sentence).map((f) => [f.text, f.measure ?? null, f.direction ?? null]);

describe('what a figure measures', () => {
  it('reads the subject of a change, and its direction; the level it reached measures the same', () => {
    expect(read('Quarterly copper production at the mine fell 12% to 180,000 tonnes, the company said.')).toEqual([
      ['12%', 'quarterly copper production', 'fall'],
      ['180,000 tonnes', 'quarterly copper production', null],
    ]);
    expect(read('Shares of the miner, which listed in 2019, rose 4% to C$12.10.')).toEqual([
      ['4%', 'share price', 'rise'],
      ['C$12.10', 'share price', null],
    ]);
    expect(read('Revenue was $2.1 billion, up 9%.')).toEqual([
      ['$2.1 billion', 'revenue', null],
      ['9%', 'revenue', 'rise'],
    ]);
  });

  it('reads the object of a verb that changes it: "cut X to N from M", "raise X by N%"', () => {
    expect(read('The smelter cut its annual zinc output target for 2026 to 300,000 tonnes from 340,000 tonnes.')).toEqual([
      ['300,000 tonnes', 'annual zinc output target', 'target'],
      ['340,000 tonnes', 'annual zinc output target', 'target'],
    ]);
    expect(read('The deal would lift group capital spending by 5%.')).toEqual([['5%', 'group capital spending', 'rise']]);
    expect(read('The offer values the company at $3 billion.')).toEqual([['$3 billion', 'market value', null]]);
  });

  it('reads "X of N", "X was N", a noun after the amount, and "N of X"', () => {
    expect(read('The miner posted a net loss of $45 million.')).toEqual([['$45 million', 'net loss', null]]);
    expect(read('All-in sustaining costs were $1,400 an ounce.')).toEqual([['$1,400 an ounce', 'all-in sustaining costs per ounce', null]]);
    expect(read('It booked a $90 million impairment and holds a 25% stake in the venture.')).toEqual([
      ['$90 million', 'impairment', null],
      ['25%', 'stake', null],
    ]);
    expect(read('They will build the $2 billion copper smelter.')).toEqual([['$2 billion', 'cost of the copper smelter', null]]);
    expect(read('The mine produced 45,000 tonnes of lithium carbonate.')).toEqual([['45,000 tonnes', 'lithium carbonate output', null]]);
    expect(read('Copper traded at $9,800 a tonne in London.')).toEqual([['$9,800 a tonne', 'copper price per tonne', null]]);
  });

  it('names money by what is done with it', () => {
    expect(read('The group will spend A$300 million to expand its processing plant.')).toEqual([['A$300 million', 'spending to expand processing plant', null]]);
    expect(read('The company will invest $1.2 billion in a new refinery.')).toEqual([['$1.2 billion', 'investment in new refinery', null]]);
    expect(read('Rivals agreed to buy the producer for $6.7 billion.')).toEqual([['$6.7 billion', 'acquisition price', null]]);
    expect(read('It raised $500 million in a share placement.')).toEqual([['$500 million', 'funds raised in share placement', null]]);
  });

  it('leaves a name or a time out of the measure, and a converted amount measures what it converts', () => {
    expect(read('Shares closed at A$5.10 in Sydney.')).toEqual([['A$5.10', 'share price', null]]);
    expect(read('The group reported a total of 90 billion yen ($600 million) in writedowns.')).toEqual([
      ['90 billion yen', 'writedowns', null],
      ['$600 million', 'writedowns', null],
    ]);
    expect(read('Sales reached $4 billion in the six months.')).toEqual([['$4 billion', 'sales', null]]);
  });
});

describe('what a figure measures in lists, tables and announcements', () => {
  it('takes the label of a list item or table row, also for the year before in brackets', () => {
    expect(read('- Sales volumes: 84,000 tonnes (2023: 79,500 tonnes)')).toEqual([
      ['84,000 tonnes', 'sales volumes', null],
      ['79,500 tonnes', 'sales volumes', null],
    ]);
    expect(read('Ferrochrome, ex-works South Africa: $1.05-1.12/lb, up $0.03')).toEqual([
      ['$1.05-1.12/lb', 'ferrochrome price per pound', null],
      ['$0.03', 'ferrochrome price per pound', 'rise'],
    ]);
  });

  it('reads grades, ownership, completion, distances and content', () => {
    expect(read('The zone averages 3.4g/t Au over its length.')[0]?.[1]).toBe('gold grade');
    expect(read('The 70%-owned project is in Nevada.')[0]?.[1]).toBe('ownership');
    expect(read('The crusher is about 85% complete.')[0]?.[1]).toBe('completion');
    expect(read('The deposit lies 40 kilometres east of Kalgoorlie.')[0]?.[1]).toBe('distance east of kalgoorlie');
    expect(read('Iron ore with 62% iron traded higher.')[0]?.[1]).toBe('iron content');
  });

  it('reads "at a cost of", "for gross proceeds of", a margin over a rate and a stake held', () => {
    expect(read('The plant was finished at a cost of about $80 million.')[0]?.[1]).toBe('cost');
    expect(read('It sold 10 million shares for gross proceeds of C$5 million.')[0]?.[1]).toBe('gross proceeds');
    expect(read('The notes pay the benchmark rate plus 3.25%.')[0]?.[1]).toBe('margin over the benchmark rate');
    expect(read('The state holds 15% and the founder the rest.')[0]?.[1]).toBe('stake');
  });

  it('reads "per cent" as a percentage, and a rise in a thing to a level', () => {
    expect(read('Net sales rose 12 per cent to Rs 450 crore.')).toEqual([
      ['12 per cent', 'net sales', 'rise'],
      ['Rs 450 crore', 'net sales', null],
    ]);
    expect(read('It posted a 9% rise in operating profit to $2.4 billion.')[1]).toEqual(['$2.4 billion', 'operating profit', null]);
    expect(read('Shares of the refiner ended 2.5 per cent lower at Rs 310.')).toEqual([
      ['2.5 per cent', 'share price', 'fall'],
      ['Rs 310', 'share price', null],
    ]);
  });

  it('calls stocks counted in tonnes inventories, not a share price', () => {
    expect(read('Warehouse stocks fell to 95,000 tonnes.')[0]?.[1]).toBe('warehouse stocks');
  });

  it('keeps a share price for an owner named by a possessive', () => {
    expect(read("The miner's shares fell 3% to A$1.20.")[0]).toEqual(['3%', 'share price', 'fall']);
  });
});
