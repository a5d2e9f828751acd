// The editable registry of known companies (src/data/known-companies.json): canonical names,
// short forms and former names, so that "JX Nippon Mining & Metals" and "JX Advanced Metals"
// land on one company page.
import { memoized } from '../memo.ts';
import { knownCompaniesList as registryData } from '../data/word-lists.ts';

export interface KnownCompany {
  name: string;
  aliases?: string[];
  formerNames?: { name: string; until?: string }[];
  tickers?: string[];
}

/**
 * The key two spellings of one company name share: case, punctuation, "the" and possessives folded.
 * (Legal suffixes are already stripped by the companies extractor.) Remembered: a build of 4,000
 * articles folds 283 names 55,000 times (about 0.2 s).
 */
export const companyKey = memoized(foldName);

function foldName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[’‘`]/g, "'")
    .replace(/'s?$/i, '')
    .replace(/^the\s+/i, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export class CompanyRegistry {
  private byKey = new Map<string, KnownCompany>();

  constructor(readonly companies: KnownCompany[]) {
    for (const c of companies) {
      for (const n of [c.name, ...(c.aliases ?? []), ...(c.formerNames ?? []).map((f) => f.name)]) {
        this.byKey.set(companyKey(n), c);
      }
    }
  }

  lookup(name: string): KnownCompany | undefined {
    return this.byKey.get(companyKey(name));
  }

  formerNamesOf(company: KnownCompany): string[] {
    return (company.formerNames ?? []).map((f) => f.name);
  }
}

export const knownCompanies = new CompanyRegistry((registryData as { companies: KnownCompany[] }).companies);
