// `npm run dev` runs the dev server in a child process and starts it again when vite.config.ts, or
// a file it imports, changes: every setting (word lists, which each stage reads once, included)
// then takes effect, as with Vite's own restart on a config edit. A config that fails to load
// leaves its message and waits for the next edit.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const DEV_CHILD_ENV = 'METALS_NEWS_DIGEST_DEV_SERVER';

/** Runs `argv` (this command) as the dev server, again after each edit of `files`; resolves to its exit code when it stops by itself. */
export function superviseDev(argv: string[], files: string[]): Promise<number> {
  return new Promise((resolve) => {
    let child: ChildProcess | null = null;
    let restarting = false;
    let timer: NodeJS.Timeout | null = null;
    const start = () => {
      child = spawn(process.execPath, [...process.execArgv, ...argv], { stdio: 'inherit', env: { ...process.env, [DEV_CHILD_ENV]: '1' } });
      child.on('exit', (code, signal) => {
        child = null;
        if (restarting) {
          restarting = false;
          start();
        } else if (code !== 2) resolve(code ?? (signal ? 1 : 0));
        // exit 2: the config or an option is wrong; the next edit starts it again
      });
    };
    const restart = () => {
      timer = null;
      console.log('dev: the config file changed; starting again');
      if (child) {
        restarting = true;
        child.kill('SIGTERM');
      } else start();
    };
    // the folders, not the files: an editor that saves by replacing a file ends a watch on it
    for (const folder of new Set(files.map((file) => path.dirname(file)))) {
      const names = new Set(files.filter((file) => path.dirname(file) === folder).map((file) => path.basename(file)));
      fs.watch(folder, (_event, name) => {
        if (name && !names.has(String(name))) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(restart, 100);
      });
    }
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        child?.kill(signal);
        process.exit(130);
      });
    }
    start();
  });
}
