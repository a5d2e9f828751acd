// The word lists the stages read: the built-in ones in this folder, with the settings' lists
// (vite.config.ts, `words`) merged over them, read once when this module loads (see
// settings-word-lists.ts for how the settings' lists reach every thread).
import boilerplate from './boilerplate.json' with { type: 'json' };
import knownCompanies from './known-companies.json' with { type: 'json' };
import metals from './metals.json' with { type: 'json' };
import places from './places.json' with { type: 'json' };
import topics from './topics.json' with { type: 'json' };
import type { WordLists } from '../settings.ts';
import { settingsWordListsJson } from './settings-word-lists.ts';

const overlayJson = settingsWordListsJson();
const overlay = JSON.parse(overlayJson) as WordLists;

/** A list of named entries with the user's over it: one of the same name (any case) replaces the built-in one. */
function byName<T extends { name: string }>(builtIn: T[], user: T[] | undefined): T[] {
  if (!user?.length) return builtIn;
  const names = new Set(user.map((entry) => entry.name.toLowerCase()));
  return [...builtIn.filter((entry) => !names.has(entry.name.toLowerCase())), ...user];
}

const union = (builtIn: string[], user: string[] | undefined) => (user?.length ? [...new Set([...builtIn, ...user])] : builtIn);

export const knownCompaniesList = { ...knownCompanies, companies: byName(knownCompanies.companies, overlay.companies as typeof knownCompanies.companies | undefined) };
export const topicsList = { ...topics, topics: byName(topics.topics, overlay.topics as typeof topics.topics | undefined) };
export const metalsList = { ...metals, metals: byName(metals.metals, overlay.metals) };
export const placesList = {
  ...places,
  countries: union(places.countries, overlay.places?.countries),
  regions: union(places.regions, overlay.places?.regions),
  states: union(places.states, overlay.places?.states),
  cities: union(places.cities, overlay.places?.cities),
};
export const boilerplateList = { ...boilerplate, lines: [...boilerplate.lines, ...(overlay.boilerplate ?? []).map((pattern) => ({ rule: 'settings', pattern }))] };
