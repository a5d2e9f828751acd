import { describe, expect, it } from 'vitest';
import { findCompanies } from './companies.ts';
import { findPeople } from './people.ts';
import { findQuotes } from './quotes.ts';

const quotes = (text: string) => findQuotes(text, findPeople(text, findCompanies(text))).map((q) => [q.speaker, q.text]);

describe('quotes', () => {
  it('attributes quotes after and before, split by the attribution', () => {
    const text = '“We will not sell the smelter at any price,” chief executive Ana Costa said. “It is the heart of the group.”\n\nAnalyst Tom Reyes said: "Nobody expects a deal before the spring."';
    expect(quotes(text)).toEqual([
      ['Ana Costa', 'We will not sell the smelter at any price,'],
      ['Ana Costa', 'It is the heart of the group.'],
      ['Tom Reyes', 'Nobody expects a deal before the spring.'],
    ]);
  });

  it('resolves "she said" and continues a quote over paragraphs', () => {
    const text = 'Mara Singh, head of research at Delta Metals, said prices would rise. "The deficit is real and growing," she said.\n\n"We see copper tight for years. Stocks are at record lows.\n\n"Nothing on the supply side can change that soon."';
    expect(quotes(text)).toEqual([
      ['Mara Singh', 'The deficit is real and growing,'],
      ['Mara Singh', 'We see copper tight for years. Stocks are at record lows.'],
      ['Mara Singh', 'Nothing on the supply side can change that soon.'],
    ]);
  });

  it('closes a quote typed with the wrong curly mark', () => {
    const text = '“Grades are falling faster than we planned,“ said Eva Lind, chief executive of Borea Mining.';
    expect(quotes(text)).toEqual([['Eva Lind', 'Grades are falling faster than we planned,']]);
  });

  it('ignores scare quotes and quoted terms', () => {
    const text = 'Jon Park, an analyst at Rand Capital, called the cut "overdue". The firm calls its plan "a disciplined growth model for the decade" in filings.';
    expect(quotes(text)).toEqual([]);
  });

  it('takes a partial quote that closes its sentence after a speech verb, and leaves scare quotes', () => {
    const text = 'Chief executive Ana Costa said the expansion was "well ahead of the schedule we set". The so-called "green premium" has faded.';
    expect(quotes(text)).toEqual([['Ana Costa', 'well ahead of the schedule we set']]);
  });
});
