// The scratch folders of --no-cache builds: a build that was killed leaves one, the next removes it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeScratchOfEndedBuilds } from './record-cache.ts';

describe('scratch folders of --no-cache builds', () => {
  it('are removed once their build has ended, and only then', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scratch-test-'));
    try {
      const ended = spawnSync(process.execPath, ['-e', '']).pid!;
      for (const name of [`digest-records-${ended}-a1b2c3`, `digest-records-${process.pid}-d4e5f6`, 'digest-records-g7h8i9', 'other-folder']) {
        fs.mkdirSync(path.join(tmp, name, '00'), { recursive: true });
      }
      await removeScratchOfEndedBuilds(tmp);
      // a running build's folder, and folders not named by a build's process, stay
      expect(fs.readdirSync(tmp).sort()).toEqual([`digest-records-${process.pid}-d4e5f6`, 'digest-records-g7h8i9', 'other-folder']);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
