// Direct speech: text in double quotation marks (curly or straight) that reads as speech, with
// its speaker. A paragraph whose quotation is not closed continues into the next one that opens
// with a mark. The speaker is the person named in the attribution after the quote ("," she
// said", "said X, an analyst at Y") or before it ("X said:"); "he/she said" and unattributed
// follow-on quotes go to the speaker in charge. Scare quotes (under four words, or a quoted term
// inside a sentence) are not speech.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { CompanyMention, PersonMention, Quote, Span } from '../types.ts';
import { note } from './place.ts';

const MIN_WORDS = 4;
const SPEECH_VERB = /\b(?:said|says|told|added|stated|noted|wrote|writes|explained|warned|argued|asked|replied|continued|commented|mentioned|insisted|saying|according to)\b/;
const PRONOUN_ATTRIBUTION = /^[\s,]*(?:(?:he|she|they)\s+(?:said|says|added|told|stated|noted|wrote|explained|warned|argued|continued)|(?:said|added|says)\s+(?:he|she))\b/i;

export function extractQuotes() {
  return (_tree: Root, file: VFile): void => {
    const x = file.data.extraction!;
    x.quotes = findQuotes(file.data.doc!.text, x.people ?? [], file, x.companies ?? []);
  };
}

interface RawQuote extends Span {
  /** Offsets of the marks around it (the close is the block end when the quote runs on). */
  open: number;
  close: number;
  closed: boolean;
  block: number;
  continues: boolean;
}

export function findQuotes(text: string, people: PersonMention[], file?: VFile, companies: CompanyMention[] = []): Quote[] {
  const mentions = people.flatMap((p) => p.spans.map((s) => ({ ...s, name: p.name }))).sort((a, b) => a.start - b.start);
  // a company speaks through a statement: "," the company said", "Rio Tinto said in a statement: “…”"
  const speakingCompanies = companies
    .flatMap((c) => c.spans.map((s) => ({ ...s, name: c.name })))
    .filter((s) => /^\s+(?:said|says|told|added|stated|wrote)\b/.test(text.slice(s.end, s.end + 10)) || /\b(?:said|says|according to)\s+$/.test(text.slice(Math.max(0, s.start - 14), s.start)));
  const blocks = blockSpans(text);
  const raw: RawQuote[] = [];
  let runningOn = false;
  blocks.forEach((b, bi) => {
    const found = quotesIn(text, b, bi, runningOn);
    runningOn = found.length > 0 && !found[found.length - 1]!.closed;
    raw.push(...found);
  });

  const quotes: Quote[] = [];
  let lastSpeaker: string | null = null;
  let prev: (RawQuote & { speaker: string | null }) | null = null;
  for (const q of raw) {
    const inner = text.slice(q.start, q.end);
    const words = inner.split(/\s+/).filter((w) => /\p{L}/u.test(w));
    if (words.length < MIN_WORDS || !readsAsSpeech(text, q, blocks[q.block]!)) continue;
    const block = blocks[q.block]!;
    let speaker: string | null = null;
    const after = afterAttribution(text, q, block);
    if (after) speaker = speakerIn(mentions, after) ?? (PRONOUN_ATTRIBUTION.test(text.slice(after.start, after.end)) ? pronounSpeaker(text, mentions, block, q, lastSpeaker) : null);
    if (!speaker && after) speaker = speakerIn(speakingCompanies, after);
    if (!speaker) {
      const before = beforeAttribution(text, q, block);
      if (before) speaker = lastIn(mentions, before) ?? lastIn(speakingCompanies, before);
    }
    if (!speaker && prev && (prev.block === q.block || q.continues)) speaker = prev.speaker;
    if (!speaker) speaker = lastIn(mentions, { start: block.start, end: q.open });
    // an unattributed quote paragraph right after a quoted one carries on the same voice
    if (!speaker && prev && prev.block === q.block - 1) speaker = prev.speaker;
    if (!speaker && file) note(file, `no speaker found for the quote "${inner.slice(0, 40)}…"`, 'quotes/no-speaker', q.start);
    quotes.push({ speaker, text: inner, span: { start: q.start, end: q.end } });
    prev = { ...q, speaker };
    if (speaker) lastSpeaker = speaker;
  }
  return quotes;
}

function blockSpans(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/** Pairs the double quotation marks of one block; an unclosed last quote runs to the block's end. */
function quotesIn(text: string, block: Span, bi: number, runningOn: boolean): RawQuote[] {
  const out: RawQuote[] = [];
  let open: number | null = null;
  for (let i = block.start; i < block.end; i++) {
    const ch = text[i]!;
    if (ch !== '"' && ch !== '“' && ch !== '”') continue;
    // a mark after a word or stop and before a space closes, whichever way it curls (typed “…“ is common)
    const closesByPlace = i > block.start && /[\p{L}\p{N}.,!?…]/u.test(text[i - 1]!) && /[\s,.;:)]|^$/u.test(text[i + 1] ?? '');
    const opens = (ch === '“' && !(open !== null && closesByPlace)) || (ch === '"' && (i === block.start || /[\s([{—–-]/.test(text[i - 1]!)) && /\S/.test(text[i + 1] ?? ''));
    if (open === null && opens) open = i;
    else if (open !== null && !opens) {
      out.push({ start: open + 1, end: i, open, close: i, closed: true, block: bi, continues: false });
      open = null;
    } else if (open !== null && opens) open = i;
  }
  if (open !== null) out.push({ start: open + 1, end: block.end, open, close: block.end, closed: false, block: bi, continues: false });
  const first = out[0];
  if (runningOn && first && first.open === block.start) first.continues = true;
  for (const q of out) {
    while (q.end > q.start && /\s/.test(text[q.end - 1]!)) q.end--;
  }
  return out;
}

/** Speech opens a sentence or follows "said:"/"," — or ends on its own punctuation; a quoted term inside a sentence does neither. */
function readsAsSpeech(text: string, q: RawQuote, block: Span): boolean {
  const before = text.slice(block.start, q.open).trimEnd();
  const opensSentence = before === '' || /[.!?:,;—–-]$/.test(before) || /[.!?]["”]$/.test(before);
  const endsOnPunctuation = /[.,!?…]$/.test(text.slice(q.start, q.end)) || !q.closed;
  // "Hartley said the lode was “getting thicker and stronger with depth”.": a partial quote that ends its sentence after a speech verb
  const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('.” '), before.lastIndexOf('." ')) + 1);
  const partial = q.closed && SPEECH_VERB.test(sentence) && /^["”]?\s*[.!?](?:\s|$)/.test(text.slice(q.close + 1, q.close + 4));
  return opensSentence || endsOnPunctuation || partial;
}

/** From the closing mark to the end of the attribution's sentence (never into the next quote). */
function afterAttribution(text: string, q: RawQuote, block: Span): Span | null {
  if (!q.closed) return null;
  const start = q.close + 1;
  const rest = text.slice(start, block.end);
  const nextQuote = rest.search(/[“"]/);
  let end = nextQuote >= 0 ? nextQuote : rest.length;
  const stop = /[.!?](?:\s|$)/.exec(rest.slice(0, end));
  if (stop) end = stop.index;
  if (end === 0) return null;
  return { start, end: start + Math.min(end, 160) };
}

/** From the start of the quote's sentence to its opening mark: "Mori said: “…". */
function beforeAttribution(text: string, q: RawQuote, block: Span): Span | null {
  const lead = text.slice(block.start, q.open);
  const sentenceStart = Math.max(lead.lastIndexOf('. '), lead.lastIndexOf('.” '), lead.lastIndexOf('." '));
  const start = sentenceStart >= 0 ? block.start + sentenceStart + 2 : block.start;
  const span = { start, end: q.open };
  const seg = text.slice(span.start, span.end);
  return seg.trim() && SPEECH_VERB.test(seg) && /[:,]\s*$/.test(seg) ? span : null;
}

function speakerIn(mentions: { start: number; end: number; name: string }[], span: Span): string | null {
  return mentions.find((m) => m.start >= span.start && m.end <= span.end)?.name ?? null;
}

function lastIn(mentions: { start: number; end: number; name: string }[], span: Span): string | null {
  let found: string | null = null;
  for (const m of mentions) if (m.start >= span.start && m.end <= span.end) found = m.name;
  return found;
}

/** "he said": the person this paragraph has speaking ("Bedard said …"), else the last speaker, else the last person named. */
function pronounSpeaker(text: string, mentions: { start: number; end: number; name: string }[], block: Span, q: RawQuote, lastSpeaker: string | null): string | null {
  const sayer = mentions.find((m) => m.start >= block.start && m.end <= q.open && /^\s+(?:said|says|told|added)\b/.test(text.slice(m.end, m.end + 12)));
  return sayer?.name ?? lastSpeaker ?? lastIn(mentions, { start: 0, end: q.open });
}
