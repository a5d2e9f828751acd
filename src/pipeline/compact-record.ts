// A record that came through a worker or the cache holds its own copy of every sentence string
// (each figure and date repeats its sentence). Re-slicing them from the article text lets V8 share
// one copy: about a third less memory per article.
import { sentenceAt } from '../extract/sentences.ts';
import type { ArticleRecord } from '../types.ts';

/** Records already compacted: the dev server's rebuilds take the same records again and again. */
const compacted = new WeakSet<ArticleRecord>();

export function compactRecord(record: ArticleRecord): ArticleRecord {
  if (compacted.has(record)) return record;
  compacted.add(record);
  const text = record.doc.text;
  const sentences = record.extraction.sentences;
  for (const s of sentences) if (text.slice(s.start, s.end) === s.text) s.text = text.slice(s.start, s.end);
  const shared = (sentence: string, at: number) => {
    const s = sentenceAt(sentences, at);
    return s && s.text === sentence ? s.text : sentence;
  };
  for (const f of record.extraction.figures) f.sentence = shared(f.sentence, f.span.start);
  for (const d of record.extraction.dates) d.sentence = shared(d.sentence, d.span.start);
  return record;
}
