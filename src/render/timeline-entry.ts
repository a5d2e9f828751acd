// A dated point of an article as the timeline and a company's "plans and events" show it: the date,
// what kind of point it is, and its sentence split around the date.
import type { LinkedArticle } from '../link/link.ts';
import { formatFigureValue } from './figure-format.ts';
import { humanDate } from './dates.ts';
import { dateAndFigureOf } from '../store/held-facts.ts';

export interface TimelineEntry {
  key: string;
  year: string;
  when: string;
  /** published: the article's date; past: a date before the article's own; ahead: a plan or target after it. */
  kind: 'published' | 'past' | 'ahead' | 'dated';
  kindLabel: string;
  /** The sentence split around the date phrase, so the phrase can be marked. */
  before: string;
  phrase: string;
  after: string;
  /** A figure stated in the same sentence: "450,000 t · annual production capacity". */
  figure: string | null;
  article: { title: string; url: string; date: string | null };
}

/** Date `dateIndex` of an article (-1: its publication) as a timeline entry. */
export function timelineEntry(a: LinkedArticle, dateIndex: number, key: string): TimelineEntry {
  const ref = { key, date: dateIndex };
  const article = { title: a.title, url: a.url, date: a.date };
  const year = ref.key.slice(0, 4);
  if (ref.date < 0) {
    return { key: ref.key, year, when: humanDate(ref.key), kind: 'published', kindLabel: 'Published', before: '', phrase: '', after: '', figure: null, article };
  }
  const { date: d, figure: f } = dateAndFigureOf(a, ref.date);
  const at = a.record.dateOffsets[ref.date]!;
  const split = at >= 0 ? { before: d.sentence.slice(0, at), phrase: d.sentence.slice(at, at + (d.end - d.start)), after: d.sentence.slice(at + (d.end - d.start)) } : { before: d.sentence, phrase: '', after: '' };
  let kind: TimelineEntry['kind'] = 'dated';
  if (a.date) {
    const own = a.date.slice(0, ref.key.length);
    kind = ref.key > own ? 'ahead' : 'past';
  }
  const figure = f ? `${formatFigureValue(f)}${f.measure ? ` · ${f.measure}` : ''}` : null;
  const fiscal = /^FY/.test(d.value ?? '') ? `fiscal year ${year}` : humanDate(ref.key);
  return { key: ref.key, year, when: fiscal, kind, kindLabel: kind === 'ahead' ? 'Plan or target' : kind === 'past' ? 'Event' : 'Date', ...split, figure, article };
}
