import { describe, expect, it } from 'vitest';
import { findMetals } from './metals.ts';

const names = (text: string) => findMetals(text).metals.map((m) => m.name);

describe('findMetals', () => {
  it('finds elements under their canonical names, with every mention', () => {
    const { metals } = findMetals('Aluminum and cobalt rose; aluminium stocks fell.');
    expect(metals).toEqual([
      { name: 'aluminium', spans: [{ start: 0, end: 8 }, { start: 26, end: 35 }] },
      { name: 'cobalt', spans: [{ start: 13, end: 19 }] },
    ]);
  });

  it('reads metals inside compounds and forms', () => {
    expect(names('It makes lithium-ion cells and nickel-manganese-cobalt cathodes from copper concentrate.')).toEqual(['lithium', 'nickel', 'manganese', 'cobalt', 'copper']);
    expect(names('Rare earth magnets need dysprosium.')).toEqual(['rare earths', 'dysprosium']);
  });

  it('skips metal words in company and place names', () => {
    expect(names('Northern Cobalt Corp and Copper Mountain Mining signed a deal with Lithium Americas.')).toEqual([]);
    expect(names('Zinc prices rose while Gold Fields gained.')).toEqual(['zinc']);
    expect(names('PERTH — Nickel slid again.\n\n- Cobalt: unchanged')).toEqual(['nickel', 'cobalt']);
  });

  it('skips idioms', () => {
    expect(names('The silver lining is that they will iron out the problems.')).toEqual([]);
  });

  it('counts "lead" only as a metal in metal context', () => {
    expect(names('She will lead the talks and take the lead.')).toEqual([]);
    expect(names('The lead smelter also makes zinc and lead-acid battery scrap.')).toEqual(['lead', 'zinc']);
    expect(names('Output of zinc, lead and silver rose.')).toEqual(['zinc', 'lead', 'silver']);
  });

  it('does not count mentions inside excluded spans', () => {
    const text = 'Jinchuan nickel group buys nickel.';
    expect(findMetals(text, [{ start: 0, end: 21 }]).metals).toEqual([{ name: 'nickel', spans: [{ start: 27, end: 33 }] }]);
  });

  it('reads an element symbol after a grade, and only there', () => {
    expect(names('The hole hit 12m @ 2.1g/t Au and 0.6% Cu.')).toEqual(['gold', 'copper']);
    expect(names('Au Minerals and Co-owner Ltd signed the deal.')).toEqual([]);
    expect(names('A 50% Co-owned plant.')).toEqual([]);
  });
});
