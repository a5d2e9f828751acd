// A deterministic synthetic corpus of metals-news articles for the benchmark: the shape of
// ../shared/bench/synth-corpus.mjs (markdown with front matter), plus plain-text wire copy with
// hard wraps, datelines, bylines and boilerplate, so every stage does its real work.
import fs from 'node:fs';
import path from 'node:path';

const COMPANIES: [string, string][] = [
  ['Sumitomo Metal Mining', 'Japan'], ['Mitsubishi Materials', 'Japan'], ['Glencore', 'Switzerland'], ['BHP', 'Australia'],
  ['Rio Tinto', 'Australia'], ['Codelco', 'Chile'], ['Antofagasta', 'Chile'], ['Freeport-McMoRan', 'United States'],
  ['Jiangxi Copper', 'China'], ['Zijin Mining', 'China'], ['Anglo American', 'United Kingdom'], ['Teck Resources', 'Canada'],
  ['Albemarle', 'United States'], ['Lynas Rare Earths', 'Australia'], ['MP Materials', 'United States'], ['Vale', 'Brazil'],
  ['Boliden', 'Sweden'], ['Aurubis', 'Germany'], ['First Quantum Minerals', 'Canada'], ['Ivanhoe Mines', 'Canada'],
  ['Pilbara Minerals', 'Australia'], ['Tianqi Lithium', 'China'], ['Norilsk Nickel', 'Russia'], ['South32', 'Australia'],
];
const FIRST = ['Hiroshi', 'Akira', 'Maria', 'James', 'Li', 'Wei', 'Sofia', 'Daniel', 'Kenji', 'Laura', 'Peter', 'Ana', 'Mark', 'Yuki', 'Carlos', 'Emma'];
const LAST = ['Tanaka', 'Suzuki', 'Garcia', 'Smith', 'Zhang', 'Wang', 'Rossi', 'Keller', 'Sato', 'Martin', 'Novak', 'Silva', 'Brown', 'Ito', 'Mendoza', 'Larsen'];
const ROLES = ['chief executive', 'president', 'chief financial officer', 'head of copper marketing', 'chairman', 'chief operating officer'];
const METALS = ['copper', 'nickel', 'cobalt', 'lithium', 'zinc', 'tantalum', 'niobium', 'gold', 'silver', 'aluminium', 'tin', 'gallium', 'germanium', 'rare earths'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const BOILERPLATE = ['Sign up for our daily newsletter', 'Advertisement', 'Read more: Copper smelters weigh output cuts', 'Share this article'];
const CITIES = ['TOKYO', 'SYDNEY', 'SANTIAGO', 'LONDON', 'TORONTO', 'SHANGHAI'];

/** mulberry32: the same numbers for the same seed on every machine. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T,>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, int, pick };
}

export function article(i: number, seed = 7, dated?: string): { name: string; body: string } {
  const r = random(seed * 1_000_003 + i);
  const [company, country] = r.pick(COMPANIES);
  const [other] = r.pick(COMPANIES);
  const metal = r.pick(METALS);
  const metal2 = r.pick(METALS);
  const person = `${r.pick(FIRST)} ${r.pick(LAST)}`;
  const surname = person.split(' ')[1];
  const year = r.int(2015, 2026);
  const money = () => r.pick([() => `$${r.int(1, 9)}.${r.int(0, 9)}bn`, () => `$${r.int(10, 900)} million`, () => `${r.int(10, 900)} billion yen`, () => `A$${r.int(1, 40)}.${r.int(0, 9)}bn`])();
  const tonnes = () => r.pick([() => `${r.int(10, 900)},000 tonnes`, () => `${r.int(1, 90)}.${r.int(0, 9)} million tonnes`, () => `${r.int(10, 500)}kt`])();
  const paras = [
    `${company}, one of ${country}'s largest ${metal} producers, said on ${r.pick(['Monday', 'Tuesday', 'Thursday'])} it would ${r.pick(['cut', 'raise', 'review'])} output by ${tonnes()} in fiscal year ${year}, citing ${r.pick(['weak treatment charges', 'strong demand', 'tight concentrate supply'])}.`,
    `${company} ${r.pick(ROLES)} ${person} said the company expects ${metal} demand to grow by ${r.int(2, 15)}% a year through ${year + r.int(3, 15)}.`,
    `"We are ${r.pick(['confident', 'cautious', 'optimistic'])} about the market, but we need to ${r.pick(['protect margins', 'secure concentrate', 'invest in recycling'])}," ${surname} said in an interview.`,
    ...(r.next() < 0.5 ? [r.pick(BOILERPLATE)] : []),
    `The company reported ${r.pick(['operating profit', 'net income', 'revenue'])} of ${money()} for the year ended ${r.pick(MONTHS)} ${year - 1}, compared with ${money()} a year earlier.`,
    `${other}, another major producer, is considering similar measures at its ${metal2} operations, according to people familiar with the matter.`,
  ];
  for (let k = r.int(3, 8); k > 0; k--) {
    paras.push(`Analysts said ${metal} prices could ${r.pick(['rise', 'fall', 'stabilise'])} to $${r.int(5, 12)},${r.int(100, 999)} a tonne by ${r.pick(MONTHS)} ${year + 1}, while ${metal2} output in ${country} rose ${r.int(1, 30)}% in ${year - 1}.`);
  }
  const title = `${company} ${r.pick(['plans', 'weighs', 'announces', 'targets'])} ${metal} ${r.pick(['output cut', 'expansion', 'deal', 'investment'])} in ${year}`;
  const date = dated ?? `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  const slug = `${String(i).padStart(6, '0')}-${company.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  if (i % 4 === 3 && !dated) {
    // wire copy: hard-wrapped, dateline, reporting credit
    const wrap = (p: string) => p.replace(/(.{1,68})(\s+|$)/g, '$1\n').trim();
    paras[0] = `${r.pick(CITIES)}, ${r.pick(MONTHS).slice(0, 3)} ${r.int(1, 28)} (Reuters) - ${paras[0]}`;
    const body = `${title}\n\n${paras.map(wrap).join('\n\n')}\n\n(Reporting by ${r.pick(FIRST)} ${r.pick(LAST)}; Editing by ${r.pick(FIRST)} ${r.pick(LAST)})\n`;
    return { name: `${slug}.txt`, body };
  }
  const tags = [...new Set([metal, metal2])];
  return { name: `${slug}.md`, body: `---\ntitle: "${title}"\ndate: ${date}\ntags: [${tags.map((t) => JSON.stringify(t)).join(', ')}]\n---\n\n${paras.join('\n\n')}\n` };
}

export function writeCorpus(dir: string, count: number, seed = 7): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const { name, body } = article(i, seed);
    fs.writeFileSync(path.join(dir, name), body);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count) {
    console.error('usage: tsx bench/synth-corpus.ts <dir> <count>');
    process.exit(2);
  }
  writeCorpus(dir, Number(count));
  console.log(`wrote ${count} articles to ${dir}`);
}
