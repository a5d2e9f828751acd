// A file that cannot be used becomes a skip with one message naming the file, line and fix.
import { ReadError } from '../read/read-article.ts';
import type { SkippedFile } from '../read/discover.ts';
import type { BuildMessage } from '../types.ts';

export interface SkipResult {
  skipped: SkippedFile;
  message: BuildMessage;
}

export function asSkipped(relPath: string, error: unknown): SkipResult {
  if (error instanceof ReadError) {
    return {
      skipped: { relPath, reason: error.reason, fix: error.fix, severity: 'warning' },
      message: { file: relPath, line: error.line, column: null, reason: `skipped: ${error.reason}; ${error.fix}`, ruleId: 'unreadable', severity: 'error' },
    };
  }
  const reason = `could not be processed (${error instanceof Error ? error.message : String(error)})`;
  return {
    skipped: { relPath, reason, fix: 'please report this file: it is a bug in the generator', severity: 'warning' },
    message: { file: relPath, line: null, column: null, reason: `skipped: ${reason}`, ruleId: 'internal-error', severity: 'error' },
  };
}
