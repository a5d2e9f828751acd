import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { SourceFormat } from '../types.ts';
import { cleanArticle } from './clean.ts';
import { compileTest } from './blocks.ts';

function clean(value: string, format: SourceFormat = 'txt', bodyLine = 1, frontMatter: { title?: string } = {}) {
  const file = new VFile({ value, path: `x.${format}` });
  file.data.source = { relPath: `x.${format}`, format, frontMatter, bodyLine, digest: '', mtime: '' };
  return cleanArticle(file);
}

describe('clean: plain text', () => {
  it('takes a short first line as the headline and joins hard-wrapped, indented wire copy', () => {
    const doc = clean(
      'Zinc smelter shuts as power costs bite\n\n    PERTH, Oct 2 (Reuters) - A zinc smelter in\nTasmania will close next month, its owner said,\nblaming power prices.\n\n    The closure affects 400 staff.\n',
    );
    expect(doc.headline).toBe('Zinc smelter shuts as power costs bite');
    expect(doc.dateline).toBe('PERTH, Oct 2 (Reuters)');
    expect(doc.text).toBe('A zinc smelter in Tasmania will close next month, its owner said, blaming power prices.\n\nThe closure affects 400 staff.');
  });

  it('reads CRLF and mixed line ends, and points blocks at their source lines after the front matter', () => {
    const doc = clean('First paragraph of the story runs here.\r\n\r\nSecond paragraph.\n\rThird.', 'txt', 5);
    expect(doc.text.split('\n\n')).toEqual(['First paragraph of the story runs here.', 'Second paragraph.', 'Third.']);
    expect(doc.blockStarts.map((b) => b.line)).toEqual([5, 7, 9]);
  });

  it('turns a short line in capitals into a subheading and keeps it in the text', () => {
    const doc = clean('The mine reopened on Monday after a flood.\n\nWATER WOES\n\nPumps ran for six weeks.');
    expect(doc.body.children.map((n) => n.type)).toEqual(['paragraph', 'heading', 'paragraph']);
    expect(doc.text).toContain('WATER WOES');
  });

  it('takes the reporter from a wire credit, not the editor, and removes the credit', () => {
    const doc = clean('Output rose 4% in May, the company said.\n\n(Reporting by Ana Ruiz in Santiago; Additional reporting by\nTom Lee; Editing by Kim Wu)');
    expect(doc.byline).toBe('Ana Ruiz');
    expect(doc.text).not.toContain('Reporting');
    expect(doc.removed.map((r) => r.rule)).toContain('reporting-credit');
  });

  it('keeps an editing-only credit when no reporter is known', () => {
    const doc = clean('Output rose 4% in May, the company said.\n\n(Editing by Kim Wu)');
    expect(doc.byline).toBeNull();
    expect(doc.text).toContain('Editing by Kim Wu');
  });

  it('finds a byline card under the headline', () => {
    const doc = clean('Nickel miner cuts jobs in New Caledonia\nPriya Nair · Senior Reporter · Jan 9, 2025\n\nThe nickel miner will cut 200 jobs.');
    expect(doc.headline).toBe('Nickel miner cuts jobs in New Caledonia');
    expect(doc.byline).toBe('Priya Nair');
    expect(doc.text).toBe('The nickel miner will cut 200 jobs.');
  });

  it('removes promotions by their shape: a title, a pitch to the reader and a call to action', () => {
    const doc = clean(
      'The smelter restarted in July.\n\nBattery Supply Chain Forum 2026\n\nMeet the buyers shaping your market in Seoul this spring.\n\nBook your place\n\nThe restart took three weeks.',
    );
    expect(doc.text).toBe('The smelter restarted in July.\n\nThe restart took three weeks.');
    expect(doc.removed.filter((r) => r.rule === 'promotion')).toHaveLength(3);
  });

  it('removes a title, an unreadable pitch line and a call to action together', () => {
    const doc = clean('Cobalt fell 5%.\n\nSmarter market data\n\nOne dashboard for prices, flows and forecasts across 40 commodities.\n\nLearn more\n\nStocks rose.');
    expect(doc.text).toBe('Cobalt fell 5%.\n\nStocks rose.');
  });

  it('never takes page furniture on the first line for a headline', () => {
    const doc = clean('Share this article\n\nThe smelter will close in May.');
    expect(doc.headline).toBeNull();
    expect(doc.text).toBe('The smelter will close in May.');
  });

  it('removes a newsletter box written as separate short lines inside one paragraph', () => {
    const doc = clean('Copper rose 2%.\n\nThe Smelter Brief\nAll the week’s refining news, in your inbox.\nYour email\nSign up\n\nZinc fell 1%.');
    expect(doc.text).toBe('Copper rose 2%.\n\nZinc fell 1%.');
  });

  it('removes furniture lines: advertisements, related links, placeholders, captions and comments', () => {
    const doc = clean(
      [
        'The refinery will double capacity.',
        'ADVERTISEMENT',
        'Related: Lithium prices hit a two-year high',
        '{{ article.author }}',
        'Photo: A haul truck at the pit / Getty Images',
        'Capacity will reach 90,000 tonnes.',
        '3 comments',
        'rockhound · 2 days ago',
        'Good news for the town.',
      ].join('\n\n'),
    );
    expect(doc.text).toBe('The refinery will double capacity.\n\nCapacity will reach 90,000 tonnes.');
  });

  it('removes breadcrumbs written with ">" and share lines that list the networks, in markdown too', () => {
    const page = ['Home > Mining > Gold', 'Share this story: Facebook | X | Email', 'The mill restarted in May.', '> "We are back," the manager said.'].join('\n\n');
    expect(clean(page, 'md').text).toBe('The mill restarted in May.\n\n"We are back," the manager said.');
    expect(clean('Markets > Copper > Prices rose 5% in Chile on Monday as supply tightened at the port.').text).toContain('Prices rose 5%');
  });

  it('keeps reader-addressed prose that sells nothing, and words that only start like furniture', () => {
    const text = 'If you look at the cost curve, half the industry loses money.\n\nYou cannot run a smelter on hope.\n\nRelated-party sales rose 4% in the half.';
    expect(clean(text).text).toBe(text);
  });

  it('removes a comment counter under the headline without touching the story', () => {
    const doc = clean('Tin price hits a two-year high\n\n12 comments\n\nTin rose 3% on supply fears.\n\nMyanmar output is still halted.');
    expect(doc.text).toBe('Tin rose 3% on supply fears.\n\nMyanmar output is still halted.');
  });

  it('keeps a short first line when the front matter has another title', () => {
    const doc = clean('Output cut by a fifth as nickel stays low\n\nThe refiner will cut output.', 'txt', 4, { title: 'Refiner trims nickel output' });
    expect(doc.headline).toBeNull();
    expect(doc.text).toContain('Output cut by a fifth');
  });

  it('never takes a whole article typed without blank lines for a box', () => {
    const text = 'The miner will halt the mine in June.\nAdvertisement\nPrices have fallen 85% since 2022.\nRead more: Lithium miners cut jobs\nSubscribe\nThe company will keep its other projects.';
    expect(clean(text).text).toBe('The miner will halt the mine in June.\n\nPrices have fallen 85% since 2022.\n\nThe company will keep its other projects.');
  });

  it('keeps list items above a bare call to action', () => {
    const doc = clean('The plan has two parts:\n\n• Output to stop in June\n\n• Staff to move to other sites\n\nSubscribe\n\nThe union objected.');
    expect(doc.text).toBe('The plan has two parts:\n\n• Output to stop in June\n\n• Staff to move to other sites\n\nThe union objected.');
  });

  it('keeps a short sentence that only looks like a title', () => {
    const doc = clean('Prices fell 8% in the quarter.\n\nAnalysts disagree\n\nSome expect a rebound by June.');
    expect(doc.text).toContain('Analysts disagree');
  });
});

describe('clean: markdown', () => {
  it('takes the h1 as headline, drops images and raw HTML, keeps links in the tree', () => {
    const doc = clean(
      '# Copper explorer raises A$40 million\n\n<div class="ad"></div>\n\n![Drill rig](https://example.com/rig.jpg)\n\nThe explorer, backed by [a major miner](https://example.com/m), raised A$40 million.\n\n- Drilling: 12 holes\n- Budget: A$9 million\n',
      'md',
    );
    expect(doc.headline).toBe('Copper explorer raises A$40 million');
    expect(doc.text).toBe('The explorer, backed by a major miner, raised A$40 million.\n\nDrilling: 12 holes\nBudget: A$9 million');
    const paragraph = doc.body.children[0];
    expect(paragraph?.type === 'paragraph' && paragraph.children.some((c) => c.type === 'link')).toBe(true);
    expect(doc.removed.map((r) => r.rule)).toEqual(expect.arrayContaining(['raw-html', 'image']));
  });

  it('removes "Read more:" links and italic photo credits', () => {
    const doc = clean('Gold hit a record.\n\nRead more: [Silver follows gold higher](https://example.com/s)\n\n*Image: Bullion bars / Reuters*\n\nCentral banks kept buying.', 'md');
    expect(doc.text).toBe('Gold hit a record.\n\nCentral banks kept buying.');
  });
});

describe('clean: furniture of releases, announcements and news sites', () => {
  const furniture = [
    'ASX RELEASE',
    'TSX-V: ABC | OTCQB: ABCDF',
    'This announcement has been approved for release by the Board of Abc Metals Limited.',
    'Authorised by the Managing Director.',
    'Neither the TSX Venture Exchange nor its Regulation Services Provider accepts responsibility for the adequacy or accuracy of this release.',
    'ASX takes no responsibility for the contents of this announcement.',
    'SOURCE Abc Metals Corp.',
    'View original content to download multimedia: https://www.example-newswire.com/releases/abc.html',
    'CONTACT: Jane Roe, +1 416 555 0100, jroe@abc.example',
    '(This story has not been edited by our staff and is published from a syndicated feed.)',
    '(With inputs from agencies)',
    '[Editor: Wang Lei]',
    'Enditem',
    'icon print-bicon print icon mail-bicon mail',
    'Reading Time: 4 minutes',
    'Updated 3 Mar 2026, 7:15 pm',
    'We use cookies to personalise content and to analyse our traffic.',
    'Accept all | Manage preferences',
    'About Us | Advertise | Contact Us | Privacy Policy',
    'Previous: Outlook | Next: Sustainability',
    'Join our WhatsApp channel for market updates',
    'This commentary does not constitute investment advice.',
  ];
  it('removes each as a line of its own', () => {
    const news = 'Abc Metals said output at its Delta mine rose 8% in the quarter.';
    for (const line of furniture) {
      const doc = clean(`${news}\n\n${line}\n\nThe company kept its guidance for the year.`);
      expect(doc.text, line).toBe(`${news}\n\nThe company kept its guidance for the year.`);
    }
  });

  it('keeps news that shares their words', () => {
    const lines = [
      'The London Stock Exchange has approved the listing of the new shares.',
      'About 300 workers were laid off at the smelter in March.',
      'The board approved the budget for the expansion, the company said.',
      'Source documents seen by reporters showed the cost had doubled.',
    ];
    for (const line of lines) expect(clean(`Output rose 8% in the quarter.\n\n${line}`).text, line).toContain(line);
  });

  it('keeps a flattened table one row per line and bullets one per line', () => {
    const doc = clean('Prices this week\nCopper cathode, CIF Shanghai: $9,400-9,480/t\nNickel briquettes, in-warehouse: $16,200-16,400/t\nZinc SHG, ex-works: $2,850-2,900/t\n\nHighlights\n• Output rose 8%\n• Costs fell 3%');
    expect(doc.text).toContain('Copper cathode, CIF Shanghai: $9,400-9,480/t\n\nNickel briquettes');
    expect(doc.text).toContain('• Output rose 8%\n\n• Costs fell 3%');
  });
});

describe('compileTest', () => {
  it('tests a pattern opening with \\b as the pattern itself does', () => {
    const t = compileTest('\\b(?:sign up|subscribe)\\b.{0,20}\\bnewsletters?\\b', 'iu');
    expect(t.test('Subscribe to our newsletter')).toBe(true);
    expect(t.test('Resubscribe to our newsletter')).toBe(false);
    expect(t.test('subscribe to our newsletters, resubscribe')).toBe(true);
    expect(t.test('subscribers get newsletters')).toBe(false);
  });
});
