// The gazetteer's names (src/data/places.json with the settings' places merged): whether a name is
// a place, for the extractors of places, companies and people alike.
import { placesList as places } from '../data/word-lists.ts';

export const GAZETTEER = [...places.countries, ...places.regions, ...places.states, ...places.cities];
const GAZETTEER_SET = new Set(GAZETTEER.map((p) => p.toLowerCase()));
const REGIONS = new Set([...places.regions, ...places.states].map((p) => p.toLowerCase()));

/** Regions, provinces and states (not countries or cities). */
export function isRegionName(name: string): boolean {
  return REGIONS.has(name.toLowerCase());
}

export function isGazetteerPlace(name: string): boolean {
  return GAZETTEER_SET.has(name.toLowerCase());
}
