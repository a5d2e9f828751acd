// The build as a user runs it: `tsx src/cli.ts build ...` as a child process. Run as
// `node --import tsx` (what `npx tsx` does, without npx's wrapper process) so the pid is the
// build itself: SIGKILL then kills the build, not a wrapper that leaves it running.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT, walk } from '../helpers/build-site.ts';
import { DEFAULT_CACHE_DIR } from '../../src/store/record-cache.ts';
import { workFolderOf } from '../../src/site/output-folder.ts';

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in the project folder, or in `cwd` (the paths given are then relative to it). */
export function startCli(args: string[], env: Record<string, string> = {}, cwd = PROJECT): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(PROJECT, 'src/cli.ts'), ...args], {
    cwd,
    env: { ...process.env, ...env, NO_COLOR: '1', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: string[], env: Record<string, string> = {}, cwd = PROJECT): Promise<CliRun> {
  return startCli(args, env, cwd).done;
}

/** Every file below `dir` with a digest of its bytes. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of walk(dir).sort()) files.set(rel, crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, rel))).digest('hex'));
  return files;
}

/** The work folder of an output folder built by the CLI (the default cache). */
export const workFolder = (outDir: string) => workFolderOf(outDir, DEFAULT_CACHE_DIR);

/** What a build leaves in the output's work folder while it runs (staging, previous, lock), the spare, or a replaced site being removed. */
export function leftovers(outDir: string): string[] {
  const work = workFolder(outDir);
  return fs.existsSync(work) ? fs.readdirSync(work).filter((n) => n !== 'output-path') : [];
}
