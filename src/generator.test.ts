import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLES_FOLDER, BUNDLES_MADE_AFTER, bundlesMadeFrom } from './generator.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A compiled folder as scripts/compile.mjs leaves it: the compiler's state, then the bundles made after it. */
function compiledFolder(withState = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lib-'));
  dirs.push(dir);
  if (withState) fs.writeFileSync(path.join(dir, '.tsbuildinfo'), '{}');
  fs.mkdirSync(path.join(dir, BUNDLES_FOLDER));
  const tsBuildInfo = withState ? fs.statSync(path.join(dir, '.tsbuildinfo')).mtimeMs : null;
  fs.writeFileSync(path.join(dir, BUNDLES_FOLDER, BUNDLES_MADE_AFTER), JSON.stringify({ tsBuildInfo }));
  return dir;
}

describe('the bundles the command and its threads start from', () => {
  it('are used while the compiled code is as they were made from, and not once a compile without them has changed it', () => {
    const dir = compiledFolder();
    expect(bundlesMadeFrom(dir)).toBe(true);
    // tsc alone, run again: its state file is written anew, the bundles are left older
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(dir, '.tsbuildinfo'), later, later);
    expect(bundlesMadeFrom(dir)).toBe(false);
  });

  it('are used in an installed package (no compiler state), and not where there are none', () => {
    const installed = compiledFolder();
    fs.rmSync(path.join(installed, '.tsbuildinfo'));
    expect(bundlesMadeFrom(installed)).toBe(true);
    const none = compiledFolder();
    fs.rmSync(path.join(none, BUNDLES_FOLDER), { recursive: true });
    expect(bundlesMadeFrom(none)).toBe(false);
  });
});
