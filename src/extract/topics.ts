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

const wholeWords = (pattern: string) => `(?<![A-Za-z0-9])(?:${pattern})(?![A-Za-z0-9])`;
const TOPICS = (topicData.topics as TopicDef[]).map((t) => ({
  ...t,
  compiled: t.rules.map((r) => ({ re: new RegExp(wholeWords(r.pattern), 'yi'), weight: r.weight })),
}));
/**
 * Where some rule matches: a lookahead of every rule at once, so one pass over the text finds every
 * place a rule's match can start (overlapping ones too). A rule run sticky at those places alone,
 * left to right from the end of its last match, finds what scanning the whole text with it finds.
 */
const ANY_RULE = new RegExp(`(?=${wholeWords(TOPICS.flatMap((t) => t.rules.map((r) => r.pattern)).join('|'))})`, 'gi');
const MAX_PER_RULE = topicData.maxPerRule;
const MAX_TOPICS = topicData.maxTopics;

export interface TopicScore extends TermMention {
  score: number;
}

/** The topics whose rules fire enough in `text`, best first, at most MAX_TOPICS. */
export function findTopics(text: string): TopicScore[] {
  const starts: number[] = [];
  for (const m of text.matchAll(ANY_RULE)) starts.push(m.index);
  const found: TopicScore[] = [];
  for (const topic of TOPICS) {
    let score = 0;
    const spans: Span[] = [];
    for (const rule of topic.compiled) {
      const hits = matchesAt(rule.re, text, starts);
      score += Math.min(hits.length, MAX_PER_RULE) * rule.weight;
      spans.push(...hits);
    }
    if (score >= topic.minScore) found.push({ name: topic.name, spans: spans.sort((a, b) => a.start - b.start), score });
  }
  return found.sort((a, b) => b.score - a.score).slice(0, MAX_TOPICS);
}

/** The matches of a sticky `re` tried at `starts` (ascending), each from where the last one ended. */
function matchesAt(re: RegExp, text: string, starts: number[]): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (const at of starts) {
    if (at < from) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) continue;
    const end = at + m[0].length;
    out.push({ start: at, end });
    from = end > at ? end : at + 1;
  }
  return out;
}

export function extractTopics() {
  return (_tree: Root, file: VFile): void => {
    file.data.extraction!.topics = findTopics(file.data.doc!.text).map(({ name, spans }) => ({ name, spans }));
  };
}
