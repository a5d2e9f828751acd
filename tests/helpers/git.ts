// git in a test's own repository: a name to commit with, and no repository above it looked for.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const hasGit = spawnSync('git', ['--version']).status === 0;

export function git(dir: string, ...args: string[]): string {
  const run = spawnSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8', env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}
