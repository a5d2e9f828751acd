// Messages reported like a compiler's: `path:line:col severity reason [rule]`, one per line.
import path from 'node:path';
import type { BuildMessage } from '../types.ts';

export function formatMessage(m: BuildMessage, seedsLabel = ''): string {
  const where = `${seedsLabel}${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}`;
  return `${where} ${m.severity}: ${m.reason} [${m.ruleId}]`;
}

/** Errors and warnings always; notes (info) only with --verbose. */
export function shouldShow(m: BuildMessage, verbose: boolean): boolean {
  return verbose || m.severity !== 'info';
}

/** The seeds folder as messages name it: relative to the working folder, with a slash. */
export function seedsLabel(seedsDir: string): string {
  const rel = path.relative(process.cwd(), path.resolve(seedsDir));
  return rel ? `${rel.split(path.sep).join('/')}/` : '';
}
