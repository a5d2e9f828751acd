import { describe, expect, it } from 'vitest';
import { findCompanies } from './companies.ts';
import { findPeople } from './people.ts';

const people = (text: string) => findPeople(text, findCompanies(text)).map(({ name, role, company }) => ({ name, role, company }));

describe('people', () => {
  it('reads titles before and after the name, with the company the article gives', () => {
    const text = 'Harbour Metals Ltd chief executive Ines Duarte said the plant was ready. Ray Okafor, chief financial officer of Harbour Metals, said costs fell. "Demand will recover," said Lena Berg, a commodities analyst at Polar Securities in Oslo.';
    expect(people(text)).toEqual([
      { name: 'Ines Duarte', role: 'chief executive', company: 'Harbour Metals' },
      { name: 'Ray Okafor', role: 'chief financial officer', company: 'Harbour Metals' },
      { name: 'Lena Berg', role: 'commodities analyst', company: 'Polar Securities' },
    ]);
  });

  it('resolves "its" and possessives, and keeps surname-first names whole', () => {
    const text = 'Rival Sunfield Mining Corp has no plans to follow. Its managing director, Wei Lin, told reporters the price was too low. Xinlong Group’s chairman, Zhang Hao, disagreed. Zhang said demand was strong.';
    const found = findPeople(text, findCompanies(text));
    expect(found.map((p) => [p.name, p.role, p.company])).toEqual([
      ['Wei Lin', 'managing director', 'Sunfield Mining'],
      ['Zhang Hao', 'chairman', 'Xinlong Group'],
    ]);
    expect(found[1]?.spans).toHaveLength(2);
  });

  it('gives a bare title the article’s main company, and a public office none', () => {
    const text = 'Tarn Minerals said output rose. Tarn Minerals will expand, chief executive Omar Said told analysts. Mining minister Carla Ruiz welcomed the plan.';
    expect(people(text)).toEqual([
      { name: 'Omar Said', role: 'chief executive', company: 'Tarn Minerals' },
      { name: 'Carla Ruiz', role: 'Mining minister', company: null },
    ]);
  });

  it('finds a speaker behind a relative clause', () => {
    expect(people('Lars Holm, who runs the zinc desk at Nordvik Trading, said stocks were thin.').map((p) => p.name)).toEqual(['Lars Holm']);
  });

  it('does not take companies or places for people', () => {
    expect(people('Southern Copper said output rose. New Caledonia said exports fell.')).toEqual([]);
  });

  it('ties “the broker’s” or “the bank’s” to the bank the article cited, not its subject', () => {
    const text = 'Northgate Mining reported a loss on Thursday. Analysts at Citi said the charge was expected. The broker\'s Kate McCutcheon said the shares looked cheap.';
    expect(people(text)).toContainEqual({ name: 'Kate McCutcheon', role: null, company: 'Citi' });
  });

  it('knows a person by a common given name or an honorific when no title or speech is beside it', () => {
    expect(people('The stake was bought by the billionaire investor group of Robert Klein and Dr Helga Sorensen.').map((p) => p.name)).toEqual(['Robert Klein', 'Helga Sorensen']);
    expect(people('Talks were held near Elizabeth Street and in the Jordan Valley.')).toEqual([]);
  });

  it('reads an office named before a name, with no company, and does not take its words for a company', () => {
    const text = "Zambia's Minister of Mines and Minerals Development, Paul Kabuswe, said the licences would be reviewed.";
    expect(people(text)).toEqual([{ name: 'Paul Kabuswe', role: 'Minister of Mines and Minerals Development', company: null }]);
    expect(findCompanies(text).map((c) => c.name)).toEqual([]);
  });

  it('ties a person to an organisation by the full name the article gives its short form', () => {
    const text = 'The Australian Aluminium Council (AAC) warned of closures. "Power costs are the issue," said Rina Hart, chief executive of the AAC.';
    expect(people(text)).toContainEqual({ name: 'Rina Hart', role: 'chief executive', company: 'Australian Aluminium Council' });
    // a short form spelled from another language's name stays as written
    const local = 'The Indonesian Nickel Miners Association (APNI) warned of shortages. "Ore is tight," said Rina Hartono, secretary general of the APNI.';
    expect(people(local)).toContainEqual({ name: 'Rina Hartono', role: 'secretary general', company: 'APNI' });
  });

  it('takes "X, a trader at Y" for a person working at Y', () => {
    const text = '"Buyers are back," said Wu Haoran, a trader at Ningbo Jinlong Metals.';
    expect(people(text)).toEqual([{ name: 'Wu Haoran', role: 'trader', company: 'Ningbo Jinlong Metals' }]);
    expect(findCompanies(text).map((c) => c.name)).toEqual(['Ningbo Jinlong Metals']);
  });

  it('reads a signature under a letter as the signatory of the article\'s company', () => {
    const text = 'Harbour Metals Ltd had a strong year and Harbour Metals paid a record dividend.\n\nMichael Tan Chairman 20 March 2026';
    expect(people(text)).toEqual([{ name: 'Michael Tan', role: 'Chairman', company: 'Harbour Metals' }]);
    // a title with more after it is no signature
    expect(people('Shares in Harbour Metals Ltd rose. The board met Michael Tan Chairman of the union.')).toEqual([{ name: 'Michael Tan', role: null, company: null }]);
  });
});
