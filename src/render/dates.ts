// Dates as pages show them: "18 September 2025", the span of a list's dates, and the sortable keys
// of the timeline ("2025", "2025-03", "2025-03-18").
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-09-18" → "18 September 2025"; "2026-03" → "March 2026"; FY2025 stays. */
export function humanDate(value: string | null | undefined): string {
  if (!value) return '';
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  if (!mo) return y!;
  const month = MONTHS[Number(mo) - 1] ?? mo;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

/** The newest and oldest dates of a page's articles (newest first), for an older page's heading. */
export function dateRange(articles: { date: string | null }[]): { newest: string; oldest: string } | null {
  const dated = articles.map((a) => a.date).filter((d): d is string => !!d);
  return dated.length ? { newest: dated[0]!, oldest: dated[dated.length - 1]! } : null;
}

/** "14 March 2025 to 2 April 2025" (a page's oldest and newest dates), or "undated articles". */
export function rangeLabel(range: { newest: string; oldest: string } | null): string {
  if (!range) return 'undated articles';
  const newest = humanDate(range.newest);
  const oldest = humanDate(range.oldest);
  return newest === oldest ? newest : `${oldest} to ${newest}`;
}

export { timelineKey } from '../extract/timeline-key.ts';

/** Newest first; within a year, "some time in 2025" heads the year, above its months and days. */
export function byTimelineKey(x: string, y: string): number {
  const order = (k: string) => (k.length === 4 ? `${k}-99` : k);
  const kx = order(x);
  const ky = order(y);
  return kx === ky ? 0 : kx < ky ? 1 : -1;
}
