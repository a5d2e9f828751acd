import { describe, expect, it } from 'vitest';
import { perPeriod } from './charts.ts';

describe('perPeriod', () => {
  it('counts by month within two years, the months between filled with zeros', () => {
    expect(perPeriod(['2024-12-30', '2025-02-01', '2024-12-01', null, '2025-02'])).toEqual([
      { label: 'Dec 24', value: 2 },
      { label: 'Jan 25', value: 0 },
      { label: 'Feb 25', value: 2 },
    ]);
  });

  it('counts by year over a longer span, or when a date names only its year', () => {
    expect(perPeriod(['2021-03-01', '2024-01-05', '2024-06-01'])).toEqual([
      { label: '2021', value: 1 },
      { label: '2022', value: 0 },
      { label: '2023', value: 0 },
      { label: '2024', value: 2 },
    ]);
    expect(perPeriod(['2024', '2024-05-01'])).toEqual([{ label: '2024', value: 2 }]);
  });

  it('has no bars without a dated article, and counts 200,000 dates', () => {
    expect(perPeriod([null, 'soon'])).toEqual([]);
    const many = Array.from({ length: 200_000 }, (_, i) => `20${10 + (i % 10)}-01-01`);
    expect(perPeriod(many)).toHaveLength(10);
  });
});
