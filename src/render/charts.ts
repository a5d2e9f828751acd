// Charts drawn at build time as inline SVG: no script, no inline style (the CSP forbids both), only
// presentation attributes and classes the stylesheet colours (so dark mode and print follow). Each
// chart is an <svg role="img"> with <title> and <desc>, and the page shows the same numbers in a
// table next to it for readers who cannot see it.
import { formatNumber } from './figure-format.ts';

export interface Bar {
  label: string;
  value: number;
}

export interface ChartText {
  /** Short title (the SVG's <title> and aria-label). */
  title: string;
  /** One sentence saying what the chart shows (the SVG's <desc>). */
  desc: string;
  /** Unique on its page: prefix of the title and desc ids. */
  id: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Truncates a label to fit the label column. */
function fit(label: string, chars: number): string {
  return label.length <= chars ? label : `${label.slice(0, chars - 1)}…`;
}

/**
 * Horizontal bars, one per item, largest first as given: labels left, value at the end of the
 * bar. Width is fixed in viewBox units and the SVG scales to its container.
 */
export function horizontalBarChart(bars: Bar[], text: ChartText): string {
  const id = text.id;
  const rowH = 24;
  const labelW = 150;
  const width = 560;
  const valueW = 48;
  const barMax = width - labelW - valueW;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * rowH + 8;
  const rows = bars
    .map((b, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(2, Math.round((b.value / max) * barMax));
      return (
        `<g class="chart-row"><text class="chart-label" x="${labelW - 8}" y="${y + rowH / 2}" text-anchor="end" dominant-baseline="middle">${esc(fit(b.label, 22))}</text>` +
        `<rect class="chart-bar" x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 6}" rx="2"></rect>` +
        `<text class="chart-value" x="${labelW + w + 6}" y="${y + rowH / 2}" dominant-baseline="middle">${esc(formatNumber(b.value))}</text></g>`
      );
    })
    .join('');
  return (
    `<svg class="chart chart-hbar" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${id}-t">${esc(text.title)}</title><desc id="${id}-d">${esc(text.desc)}</desc>${rows}</svg>`
  );
}

/** Vertical columns over a time axis (years or months), labelled below; empty periods show as gaps. */
export function columnChart(bars: Bar[], text: ChartText): string {
  const id = text.id;
  const width = 560;
  const height = 180;
  const top = 16;
  const bottom = 28;
  const left = 8;
  const plotH = height - top - bottom;
  const slot = (width - left * 2) / Math.max(1, bars.length);
  const barW = Math.max(2, Math.min(48, slot * 0.7));
  const max = Math.max(1, ...bars.map((b) => b.value));
  // label every bar when there is room (a label is about 7 px a character), else every n-th
  const labelW = Math.max(...bars.map((b) => Math.min(9, b.label.length))) * 7 + 6;
  const every = Math.max(1, Math.ceil(labelW / slot));
  const cols = bars
    .map((b, i) => {
      const x = left + i * slot + (slot - barW) / 2;
      const h = b.value === 0 ? 0 : Math.max(2, Math.round((b.value / max) * plotH));
      const y = top + plotH - h;
      const cx = x + barW / 2;
      return (
        `<g class="chart-col">${h > 0 ? `<rect class="chart-bar" x="${x.toFixed(1)}" y="${y}" width="${barW.toFixed(1)}" height="${h}" rx="2"></rect>` : ''}` +
        (b.value > 0 ? `<text class="chart-value" x="${cx.toFixed(1)}" y="${y - 4}" text-anchor="middle">${esc(formatNumber(b.value))}</text>` : '') +
        (i % every === 0 ? `<text class="chart-label" x="${cx.toFixed(1)}" y="${height - 8}" text-anchor="middle">${esc(fit(b.label, 9))}</text>` : '') +
        `</g>`
      );
    })
    .join('');
  return (
    `<svg class="chart chart-col" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${id}-t">${esc(text.title)}</title><desc id="${id}-d">${esc(text.desc)}</desc>` +
    `<line class="chart-axis" x1="${left}" y1="${top + plotH + 0.5}" x2="${width - left}" y2="${top + plotH + 0.5}"></line>${cols}</svg>`
  );
}

/**
 * Counts per period between the first and last period with data, gaps filled with zeros: by
 * month when the span is two years or less, else by year. One pass over the dates, no spread of
 * them (a company named in 200,000 articles overflowed the stack of Math.min(...years)).
 */
export function perPeriod(dates: (string | null)[]): Bar[] {
  const years = new Map<number, number>();
  /** By month, `year * 12 + month - 1`, while every dated one names its month. */
  const months = new Map<number, number>();
  let first = Infinity;
  let last = -Infinity;
  let everyMonth = true;
  for (const d of dates) {
    if (!d || !YEAR_FIRST.test(d)) continue;
    const y = Number(d.slice(0, 4));
    if (y < first) first = y;
    if (y > last) last = y;
    years.set(y, (years.get(y) ?? 0) + 1);
    if (!everyMonth) continue;
    if (!MONTH_FIRST.test(d)) everyMonth = false;
    else {
      const at = y * 12 + Number(d.slice(5, 7)) - 1;
      months.set(at, (months.get(at) ?? 0) + 1);
    }
  }
  if (first > last) return [];
  const bars: Bar[] = [];
  if (last - first <= 1 && everyMonth) {
    const ats = [...months.keys()];
    const to = Math.max(...ats); // at most 24 months
    for (let at = Math.min(...ats); at <= to; at++) bars.push({ label: monthLabel(Math.floor(at / 12), (at % 12) + 1), value: months.get(at) ?? 0 });
  } else {
    for (let y = first; y <= last; y++) bars.push({ label: String(y), value: years.get(y) ?? 0 });
  }
  return bars;
}
const YEAR_FIRST = /^\d{4}/;
const MONTH_FIRST = /^\d{4}-(?:0[1-9]|1[0-2])/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function monthLabel(y: number, m: number): string {
  return `${MONTHS[m - 1]} ${String(y).slice(2)}`;
}
