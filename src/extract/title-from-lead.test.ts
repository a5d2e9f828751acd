import { describe, expect, it } from 'vitest';
import { HEADLINE_MAX, titleFromLead } from './title-from-lead.ts';

describe('titleFromLead', () => {
  it('leaves out the dateline, the agency, tickers, the weekday and the attribution', () => {
    expect(titleFromLead('LONDON, Dec 5 (Reuters) - Chilean miner Antofagasta said on Thursday it had agreed a zero charge, according to two sources.')).toBe('Chilean miner Antofagasta has agreed a zero charge');
    expect(titleFromLead('SANTIAGO Nov 27 Output at Codelco fell 9% in October.')).toBe('Output at Codelco fell 9% in October');
    expect(titleFromLead('Zinc miner Boliden AB (STO: BOL) will close a mine.')).toBe('Zinc miner Boliden AB will close a mine');
    expect(titleFromLead('OSAKA (Kyodo) -- Dowa Holdings Co. said Friday it will raise zinc output at its Akita smelter.')).toBe('Dowa Holdings Co. to raise zinc output at its Akita smelter');
    expect(titleFromLead('DENVER, Colorado, March 2, 2026 (GLOBE NEWSWIRE) -- Peak Silver Corp. has closed its US$20 million financing.')).toBe('Peak Silver Corp. has closed its US$20 million financing');
    expect(titleFromLead('TORONTO, Jan. 5, 2026 /PRNewswire/ - Lakeshore Gold Inc. announced first gold pour at its Beacon mine.')).toBe('Lakeshore Gold Inc. announced first gold pour at its Beacon mine');
  });

  it('writes a reported plan or deed as a headline does', () => {
    expect(titleFromLead('Norilsk Nickel said on Tuesday that it plans to sell its stake in a Finnish refinery.')).toBe('Norilsk Nickel to sell its stake in a Finnish refinery');
    expect(titleFromLead('South32 announced it would cut alumina output in Brazil.')).toBe('South32 to cut alumina output in Brazil');
    expect(titleFromLead('Two Chilean smelters said they had halted their furnaces after a power cut.')).toBe('Two Chilean smelters have halted their furnaces after a power cut');
    // a pronoun or a reporting verb is no headline's subject: left as it is
    expect(titleFromLead('The company said it would cut output by a tenth.')).toBe('The company said it would cut output by a tenth');
    expect(titleFromLead('Traders said they expect copper to rise.')).toBe('Traders said they expect copper to rise');
  });

  it('writes a wire capital as a word', () => {
    expect(titleFromLead('THE Democratic Republic of Congo extended its cobalt export ban.')).toBe('The Democratic Republic of Congo extended its cobalt export ban');
  });

  it('cuts a long lead where a clause or a phrase ends, never with "…" or on a small word', () => {
    const leads = [
      'Southern Copper Corp said on Monday it would press ahead with its long-delayed Tia Maria copper project in southern Peru after reaching a water agreement with farming communities.',
      'Aluminum Corporation of China Ltd (601600.SS), better known as Chalco, said first-half net profit rose 14.3% to Yu10 billion, as Beijing\'s cap on smelting capacity kept aluminium prices high.',
      'The company expects to produce between 390,000 and 410,000 ounces of gold in the year to June, up from earlier guidance, after its mine near Leonora beat expectations.',
    ];
    for (const lead of leads) {
      const title = titleFromLead(lead);
      expect(title.length).toBeLessThanOrEqual(HEADLINE_MAX);
      expect(title.length).toBeGreaterThan(30);
      expect(title).not.toMatch(/…|[,;:]$|\s(?:the|a|of|in|to|and)$/);
      // the lead's own words, in a headline's grammar ("X to press ahead" for "X said it would press ahead")
      expect(lead.replace(/ on Monday| \(601600\.SS\), better known as Chalco,/g, '').replace(' said it would ', ' to ')).toContain(title);
    }
  });
});
