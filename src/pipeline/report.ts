// Messages reported like a compiler's: `path:line:col severity reason [rule]`, one per line.
import type { BuildMessage } from '../types.ts';

export function formatMessage(m: BuildMessage, seedsLabel = ''): string {
  const where = `${seedsLabel}${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}`;
  return `${where} ${m.severity}: ${m.reason} [${m.ruleId}]`;
}

/** Errors and warnings always; notes (info) only with --verbose. */
export function shouldShow(m: BuildMessage, verbose: boolean): boolean {
  return verbose || m.severity !== 'info';
}
