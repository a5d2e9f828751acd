// `--out` pointing at the wrong folder costs one message, exit code 2, and not one file: the seeds,
// the user's own files and the project stay where they were, with their bytes. A build into a new
// folder, and rebuilds into the folder it made, still work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT } from '../helpers/build-site.ts';
import { leftovers, runCli, snapshot } from './cli.ts';

let news: string;
/** Every file under the user's folder with its bytes' digest, as the test began. */
let before: Map<string, string>;

// relative paths, from a project folder of the user's own (`news/`, with a package.json)
const build = (...args: string[]) => runCli(['build', '--seeds', 'seeds', '--no-cache', ...args], { HOME: path.dirname(news) }, news);

beforeAll(() => {
  news = path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'guard-'))), 'news');
  fs.mkdirSync(path.join(news, 'docs'), { recursive: true });
  fs.cpSync(path.join(PROJECT, 'seeds'), path.join(news, 'seeds'), { recursive: true });
  fs.writeFileSync(path.join(news, 'package.json'), '{ "name": "my-news" }\n');
  fs.writeFileSync(path.join(news, 'docs/thesis.txt'), 'four years of work');
  fs.symlinkSync(path.join(news, 'seeds'), path.join(path.dirname(news), 'seeds-link'));
  before = snapshot(news);
});
afterAll(() => fs.rmSync(path.dirname(news), { recursive: true, force: true }));

describe('the output folder guard, as a user runs the build', () => {
  const refused: Array<[string, string[], RegExp]> = [
    ['the seeds folder', ['--out', 'seeds/'], /--out seeds is the seeds folder/],
    ['a folder inside the seeds', ['--out', './seeds/../seeds/site'], /lies inside the seeds folder \(seeds\): the next build would read the site as articles/],
    ['a folder through a link into the seeds', ['--out', '../seeds-link/site'], /lies inside the seeds folder/],
    ['the project folder that holds the seeds', ['--out', '.'], /is the project folder|holds the seeds folder/],
    ['the home folder', ['--out', '..'], /holds your home folder|is your home folder/],
    ['a folder of the user\'s files', ['--out', 'docs'], /--out docs holds files this generator did not write \(thesis\.txt\).*--empty-out-dir/],
    ['the seeds, even with --empty-out-dir', ['--out', 'seeds', '--empty-out-dir'], /is the seeds folder/],
  ];
  for (const [what, args, message] of refused) {
    it(`refuses ${what}: exit 2, one message, every file in place`, async () => {
      const run = await build(...args);
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(snapshot(news)).toEqual(before);
      expect(fs.readdirSync(path.dirname(news)).sort()).toEqual(['news', 'seeds-link']);
    });
  }

  it('builds into a new folder, rebuilds into the folder it made, and replaces a folder of others\' files only when told', async () => {
    const first = await build('--out', 'site');
    expect(first.code, first.stderr).toBe(0);
    expect(fs.existsSync(path.join(news, 'site/articles'))).toBe(true);
    fs.writeFileSync(path.join(news, 'seeds/zinc.md'), '---\ntitle: Zinc smelter restarts\ndate: 2025-05-02\n---\n\nNordic Zinc said it restarted its smelter, which makes 1,000 tonnes a week.\n');
    const again = await build('--out', 'site');
    expect(again.code, again.stderr).toBe(0);
    expect(fs.readFileSync(path.join(news, 'site/data/records.json'), 'utf8')).toContain('1,000 tonnes');
    // the spare is not beside the site, where a deploy of news/ would take it
    expect(fs.readdirSync(news).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(leftovers(path.join(news, 'site'))).toContain('spare');

    const replaced = await build('--out', 'docs', '--empty-out-dir');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(fs.existsSync(path.join(news, 'docs/thesis.txt'))).toBe(false);
    expect(fs.existsSync(path.join(news, 'docs/articles'))).toBe(true);
    // the user's files went; they are not kept as the spare for the next build to reuse
    expect(leftovers(path.join(news, 'docs')).filter((n) => n === 'spare')).toEqual([]);
    const seeds = [...before].filter(([file]) => file.startsWith('seeds/'));
    for (const [file, digest] of seeds) expect(snapshot(news).get(file), file).toBe(digest);
    fs.rmSync(path.join(news, 'seeds/zinc.md'));
  }, 120_000);
});
