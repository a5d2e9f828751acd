import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences.ts';
import { SUMMARY_MAX, summarise } from './summary.ts';

describe('summarise', () => {
  it('takes the lead sentences up to the limit, skipping headings', () => {
    const text = 'Key points\n\nThe miner will close its oldest pit next year, it said on Friday. Workers will move to the new mine.\n\nA third sentence adds detail that is long enough to push the summary past its natural length, so it stays out of the summary for sure this time.';
    expect(summarise(splitSentences(text), text)).toBe('The miner will close its oldest pit next year, it said on Friday. Workers will move to the new mine.');
  });

  it('cuts an over-long lead at a word', () => {
    const long = `The ${'very '.repeat(80)}long lead sentence ends here.`;
    const s = summarise(splitSentences(long));
    expect(s.length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(s).toMatch(/very…$/);
  });
});
