// A figure's normalised value as a reader sees it: "1,700,000,000 USD", "12–17 %", "450,000 t".
import type { Figure } from '../types.ts';

type FigureLike = Pick<Figure, 'value' | 'min' | 'max' | 'unit'>;

// one formatter for every figure: toLocaleString builds a new one on each call, which is slow
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

export function formatFigureValue(f: FigureLike): string {
  const unit = f.unit === '%' ? '%' : ` ${f.unit}`;
  if (f.value != null) return `${formatNumber(f.value)}${unit}`;
  if (f.min != null && f.max != null) return `${formatNumber(f.min)}–${formatNumber(f.max)}${unit}`;
  if (f.min != null) return `≥ ${formatNumber(f.min)}${unit}`;
  if (f.max != null) return `≤ ${formatNumber(f.max)}${unit}`;
  return `(${f.unit})`;
}
