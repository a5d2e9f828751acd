import { describe, expect, it } from 'vitest';
import { findTopics } from './topics.ts';

const topics = (text: string) => findTopics(text).map((t) => t.name);

describe('findTopics', () => {
  it('assigns topics whose rules fire enough', () => {
    const text = 'The company booked an impairment on its smelter after treatment charges fell to a record low and TC/RCs for next year remain in dispute.';
    expect(topics(text)).toEqual(expect.arrayContaining(['treatment and refining charges', 'impairments and write-downs']));
  });

  it('leaves out topics with too little evidence', () => {
    expect(topics('The weather was fine.')).toEqual([]);
  });

  it('records where the rules matched', () => {
    const [t] = findTopics('Recycling of scrap grew as recycling plants opened.').filter((x) => x.name === 'recycling');
    expect(t!.spans[0]).toEqual({ start: 0, end: 9 });
  });

  it('finds a match inside another rule\'s match, and each match of a rule once', () => {
    const [t] = findTopics('Treatment and refining charges rose; refining charges, refining charges again.').filter((x) => x.name === 'treatment and refining charges');
    // "treatment and refining charges" and, inside it, "refining charges" (a rule of its own)
    expect(t!.spans.slice(0, 2)).toEqual([
      { start: 0, end: 30 },
      { start: 14, end: 30 },
    ]);
    expect(t!.spans.filter((s) => s.start === 14)).toHaveLength(1);
  });
});
