import { describe, expect, it } from 'vitest';
import { findCompanies } from './companies.ts';
import { findPlaces } from './places.ts';

const places = (text: string) => findPlaces(text, findCompanies(text).flatMap((c) => c.spans));

describe('places', () => {
  it('finds countries, states and cities as nouns, and names by pattern', () => {
    expect(places('The smelter in Kwinana, Western Australia, ships to Japan and South Korea from a port near Bunbury.')).toEqual(['Kwinana', 'Western Australia', 'Japan', 'South Korea', 'Bunbury']);
    expect(places('Mines in Hunan province and the Atacama region were shut.')).toEqual(['Hunan', 'Atacama']);
  });

  it('skips adjectives and places inside company or exchange names', () => {
    expect(places('Australian and Chilean miners sold to Jiangxi Copper on the Shanghai Futures Exchange; Perth-based analysts agreed.')).toEqual([]);
  });

  it('places a site in the country its adjective names', () => {
    expect(places('The group wrote down its Peruvian copper mine.')).toEqual(['Peru']);
  });

  it('reads a place named with its kind in capitals, and a port after a trade term', () => {
    expect(places('The smelter in Aichi Prefecture buys ore delivered CIF Qingdao.')).toEqual(['Aichi', 'Qingdao']);
    expect(places('The Justice Department opened an inquiry.')).toEqual([]);
  });
});
