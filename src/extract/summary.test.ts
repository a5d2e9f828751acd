import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';
import { SUMMARY_MAX, summarise } from './summary.ts';

describe('summarise', () => {
  it('takes the lead sentences up to the limit, skipping headings', () => {
    const text = 'Key points\n\nThe miner will close its oldest pit next year, it said on Friday. Workers will move to the new mine.\n\nA third sentence adds detail that is long enough to push the summary past its natural length, so it stays out of the summary for sure this time.';
    expect(summarise(splitSentences(text), text)).toBe('The miner will close its oldest pit next year, it said on Friday. Workers will move to the new mine.');
  });

  it('takes two sentences at most', () => {
    const text = 'Glencore will cut zinc output in Canada this year, it said. The cut follows a power outage. A third sentence explains the background at length.';
    expect(summarise(splitSentences(text), text)).toBe('Glencore will cut zinc output in Canada this year, it said. The cut follows a power outage.');
  });

  it('cuts an over-long lead sentence where a clause ends, with a full stop', () => {
    const long = `The miner said it would buy stakes in ${'small and remote '.repeat(12)}mines of rare metals such as tantalum and niobium, key examples of the materials needed to make the advanced semiconductors and batteries used in everything from smartphones to electric vehicles.`;
    const s = summarise(splitSentences(long));
    expect(s.length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(s).toMatch(/tantalum and niobium\.$/);
    const words = `The ${'very '.repeat(80)}long lead sentence ends here.`;
    expect(summarise(splitSentences(words))).toMatch(/very\.$/);
  });
});
