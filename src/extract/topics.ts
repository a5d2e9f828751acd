// Topics from the curated taxonomy in src/data/topics.json: an article gets a topic when the
// weighted matches of that topic's rules reach its minimum score. Spans are the rule matches.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Span, TermMention } from '../types.ts';
import { topicsList as topicData } from '../data/word-lists.ts';

interface TopicRule {
  pattern: string;
  weight: number;
}
interface TopicDef {
  name: string;
  description: string;
  minScore: number;
  rules: TopicRule[];
}

const TOPICS = (topicData.topics as TopicDef[]).map((t) => ({
  ...t,
  compiled: t.rules.map((r) => ({ re: new RegExp(`(?<![A-Za-z0-9])(?:${r.pattern})(?![A-Za-z0-9])`, 'gi'), weight: r.weight })),
}));
const MAX_PER_RULE = topicData.maxPerRule;
const MAX_TOPICS = topicData.maxTopics;

export interface TopicScore extends TermMention {
  score: number;
}

/** The topics whose rules fire enough in `text`, best first, at most MAX_TOPICS. */
export function findTopics(text: string): TopicScore[] {
  const found: TopicScore[] = [];
  for (const topic of TOPICS) {
    let score = 0;
    const spans: Span[] = [];
    for (const rule of topic.compiled) {
      const hits = [...text.matchAll(rule.re)];
      score += Math.min(hits.length, MAX_PER_RULE) * rule.weight;
      for (const h of hits) spans.push({ start: h.index, end: h.index + h[0].length });
    }
    if (score >= topic.minScore) found.push({ name: topic.name, spans: spans.sort((a, b) => a.start - b.start), score });
  }
  return found.sort((a, b) => b.score - a.score).slice(0, MAX_TOPICS);
}

export function extractTopics() {
  return (_tree: Root, file: VFile): void => {
    file.data.extraction!.topics = findTopics(file.data.doc!.text).map(({ name, spans }) => ({ name, spans }));
  };
}
