// What a page may contain as markup: the templates' own tags, and nothing an input could smuggle
// in (script, event handlers, javascript:/data: URLs, frames, objects, styles, base, refresh).
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT } from '../helpers/build-site.ts';

export const XSS_PAYLOADS = fs
  .readFileSync(path.join(PROJECT, 'tests/fixtures/xss-payloads.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '');

const FORBIDDEN_TAGS = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'style', 'base', 'bgsound', 'xmp', 'img']);
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'data', 'background', 'dynsrc', 'lowsrc', 'poster', 'xlink:href']);

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Problems in a page's markup; an empty list when the page is safe. */
export function unsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g)) {
    const tag = m[1]!.toLowerCase();
    const attrs = m[2]!;
    const at = `<${m[0].slice(1, 80)}`;
    const attributes = [...attrs.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)].map((x) => ({ name: x[1]!.toLowerCase(), value: x[2] ?? '' }));
    const attr = (name: string) => attributes.find((x) => x.name === name)?.value;
    // the only svg is the templates' own charts (src/render/charts.ts)
    if (FORBIDDEN_TAGS.has(tag) && !(tag === 'svg' && attr('class')?.startsWith('"chart '))) problems.push(`forbidden tag ${at}`);
    if (tag === 'input' && /image/i.test(attr('type') ?? '')) problems.push(`image input ${at}`);
    if (tag === 'script' && !/^\s+(?:type="module" src="[^"]+"|type="application\/ld\+json")\s*$/.test(attrs)) problems.push(`script ${at}`);
    if (tag === 'meta' && attr('http-equiv') && attr('http-equiv') !== '"Content-Security-Policy"') problems.push(`meta http-equiv ${at}`);
    for (const { name, value } of attributes) {
      if (name.startsWith('on')) problems.push(`event handler ${at}`);
      if (name === 'style') problems.push(`style attribute ${at}`);
      if (URL_ATTRS.has(name)) {
        const url = decodeEntities(value.replace(/^["']|["']$/g, '')).replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (/^(?:javascript|vbscript|data):/.test(url)) problems.push(`${url.split(':')[0]} URL ${at}`);
      }
    }
  }
  // JSON-LD can only hold escaped text: nothing in it may close the element
  for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) if (/[<>]/.test(m[1]!)) problems.push('raw < or > in JSON-LD');
  return problems;
}

export const CSP_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/;

/** Whether a page carries a CSP meta tag whose script-src forbids inline script. */
export function forbidsInlineScript(html: string): boolean {
  const csp = CSP_META.exec(html)?.[1]?.replace(/&#39;/g, "'");
  if (!csp) return false;
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
  const scriptSrc = directives.get('script-src') ?? directives.get('default-src');
  return !!scriptSrc && !scriptSrc.includes("'unsafe-inline'") && !scriptSrc.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha"));
}
