// A figure's normalised value as a reader sees it: "1,700,000,000 USD", "12–17 %", "450,000 t".
import type { Figure } from '../types.ts';
import { BoundedMemo } from '../memo.ts';

type FigureLike = Pick<Figure, 'value' | 'min' | 'max' | 'unit'>;

// one formatter for every figure: toLocaleString builds a new one on each call, which is slow
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

/**
 * Other values formatted, remembered: the same figure is formatted on its article's page, the figures
 * table, the timeline and its company's and metal's pages, and Intl's formatting was 0.5 s of a
 * build that rendered 1,000 pages of a 4,000-article site (113,000 of 123,000 asks answered in a
 * cold build's thread).
 */
const formatted = new BoundedMemo<number, string>(100_000);
const format = (n: number) => NUMBER.format(n);

export function formatNumber(n: number): string {
  // most figures are whole numbers: grouped here as Intl groups them, without asking it
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return groupedInteger(n);
  // a Map takes -0 and 0 for one key, and Intl prints them apart
  if (Object.is(n, -0)) return NUMBER.format(n);
  return formatted.get(n, format);
}

/** A safe integer as en-US writes it: 1234567 → "1,234,567", -1234 → "-1,234". */
function groupedInteger(n: number): string {
  const digits = String(n < 0 ? -n : n);
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${grouped}` : grouped;
}

export function formatFigureValue(f: FigureLike): string {
  const unit = f.unit === '%' ? '%' : ` ${f.unit}`;
  if (f.value != null) return `${formatNumber(f.value)}${unit}`;
  if (f.min != null && f.max != null) return `${formatNumber(f.min)}–${formatNumber(f.max)}${unit}`;
  if (f.min != null) return `≥ ${formatNumber(f.min)}${unit}`;
  if (f.max != null) return `≤ ${formatNumber(f.max)}${unit}`;
  return `(${f.unit})`;
}
