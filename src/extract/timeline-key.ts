// The sortable key a date value has on the timeline: a module of its own, small, so that the held
// facts can key each date where the record is made (held-facts.ts) without loading the date finder.

/** "FY2025" → "2025"; "2025-03" stays; anything else (no year) → null. */
export function timelineKey(value: string | null): string | null {
  if (!value) return null;
  const m = /^(?:FY|H[12]\s*|Q[1-4]\s*)?(\d{4})((?:-\d{2}){0,2})$/.exec(value);
  return m ? `${m[1]}${m[2]}` : null;
}

/**
 * A timeline key as one number, in the timeline's order (render/dates.ts byTimelineKey, newest
 * first: the larger number first): "2025-03-14" → 20250314, "2025-03" → 20250300, and "2025" →
 * 20259900, a year alone before its months as "2025-99" would be. Two keys have one number only
 * when they are the same key, so the timeline sorts its points by numbers (keyOfTimelineCode
 * gives the key back).
 */
export function timelineCode(key: string): number {
  const year = Number(key.slice(0, 4));
  if (key.length === 4) return year * 10_000 + 9900;
  return year * 10_000 + Number(key.slice(5, 7)) * 100 + (key.length > 7 ? Number(key.slice(8, 10)) : 0);
}

export function keyOfTimelineCode(code: number): string {
  const year = String(Math.floor(code / 10_000)).padStart(4, '0');
  const month = Math.floor(code / 100) % 100;
  const day = code % 100;
  if (month === 99) return year;
  const mm = String(month).padStart(2, '0');
  return day === 0 ? `${year}-${mm}` : `${year}-${mm}-${String(day).padStart(2, '0')}`;
}
