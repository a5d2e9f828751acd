// The sortable key a date value has on the timeline: a module of its own, small, so that the held
// facts can key each date where the record is made (held-facts.ts) without loading the date finder.

/** "FY2025" → "2025"; "2025-03" stays; anything else (no year) → null. */
export function timelineKey(value: string | null): string | null {
  if (!value) return null;
  const m = /^(?:FY|H[12]\s*|Q[1-4]\s*)?(\d{4})((?:-\d{2}){0,2})$/.exec(value);
  return m ? `${m[1]}${m[2]}` : null;
}
