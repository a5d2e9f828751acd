// Seeds for the site-quality tests: the project's seeds plus a few dated articles (tests/fixtures/
// dated), so the timeline, the charts and the figures table have real content to check.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT } from './build-site.ts';

export function qualitySeeds(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'digest-seeds-'));
  for (const from of [path.join(PROJECT, 'seeds'), path.join(PROJECT, 'tests/fixtures/dated')]) {
    for (const name of fs.readdirSync(from)) fs.copyFileSync(path.join(from, name), path.join(dir, name));
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
