import { describe, expect, it } from 'vitest';
import { findCompanies, shortFormsOf } from './companies.ts';

const names = (text: string) => findCompanies(text).map((c) => c.name);
const find = (text: string, name: string) => findCompanies(text).find((c) => c.name === name);

describe('companies', () => {
  it('finds names by legal suffix, corporate word and ticker, and strips suffix and ticker', () => {
    expect(names('The family company Marlow Prospecting took a stake in the copper explorer.')).toContain('Marlow Prospecting');
    const text = 'Kestrel Copper Ltd (ASX: KCL) agreed to sell its stake to Granite Peak Holdings Inc. Shares in Marlow Resources (TSX: MRL) jumped.';
    expect(names(text)).toEqual(['Kestrel Copper', 'Granite Peak', 'Marlow Resources']);
    expect(find(text, 'Kestrel Copper')?.ticker).toBe('ASX: KCL');
  });

  it('finds names by cue and apposition', () => {
    expect(names('Peruvian miner Volcanita said output fell. Ferrox, the country’s largest iron ore producer, disagreed.')).toEqual(['Volcanita', 'Ferrox']);
    expect(names('"Demand is soft," said Ana Lobo, an analyst at Brightwater Partners.')).toEqual(['Brightwater Partners']);
  });

  it('ties short forms, initials and "better known as" names to the full name', () => {
    const text = 'Northgate Lithium Corp, better known as Nolico, said on Monday that NLC would restart. Northgate expects output to rise and the company will hire 300 staff.';
    const [c, ...rest] = findCompanies(text);
    expect(rest).toEqual([]);
    expect(c?.name).toBe('Northgate Lithium');
    expect(c?.aliases).toEqual(expect.arrayContaining(['Nolico', 'NLC', 'Northgate']));
    expect(c?.mentions).toBe(5);
  });

  it('lists a former name as an alias, and the registry’s other names for a renamed company', () => {
    const text = 'Teck Resources, formerly known as Teck Cominco, sold its coal unit.';
    expect(find(text, 'Teck Resources')?.aliases).toEqual(['Teck Cominco']);
    const jx = findCompanies('JX Nippon Mining & Metals cut output. JX said demand was weak.');
    expect(jx.map((c) => c.name)).toEqual(['JX Nippon Mining & Metals']);
    expect(jx[0]?.aliases).toEqual(expect.arrayContaining(['JX', 'JX Advanced Metals']));
  });

  it('takes a single word that reports or trades for a business, but not a person’s surname or a metal', () => {
    const text = 'Veltrix said it would shut the plant. Shares in Ardmore fell 4%. Olga Petrov, its chief executive, agreed, and Petrov said so. Copper said nothing.';
    expect(names(text)).toEqual(['Veltrix', 'Ardmore']);
  });

  it('keeps news organisations, exchanges, places, mines and months out', () => {
    const text = 'Copper on the London Metal Exchange rose, Bloomberg reported. In March, the Kalahari Copper mine in Botswana restarted, the Mining Ministry said.';
    expect(names(text)).toEqual([]);
  });

  it('never lists one company twice', () => {
    expect(names('Rio Tinto Group and Rio Tinto Ltd are one company; Rio Tinto said so.')).toEqual(['Rio Tinto Group']);
  });

  it('offers short forms that are not places or bare corporate words', () => {
    expect(shortFormsOf('China Hongqiao Group')).toContain('Hongqiao');
    expect(shortFormsOf('China Hongqiao Group')).not.toContain('China');
    expect(shortFormsOf('Mineral Resources')).toContain('MinRes');
  });
});
