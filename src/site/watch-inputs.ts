// Watches the seeds and templates folders for the dev server. Node's recursive fs.watch reports a
// new file within milliseconds, with its name; chokidar (Vite's watcher) re-reads the whole folder
// on every add, which takes hundreds of milliseconds in a folder of thousands of articles.
import fs from 'node:fs';
import path from 'node:path';

export type InputKind = 'seeds' | 'templates';

/**
 * Calls `onChange` with the path of each changed file relative to its folder (forward slashes),
 * or null when the system did not say which. Throws when a folder cannot be watched this way.
 */
export function watchInputs(dirs: [InputKind, string][], onChange: (kind: InputKind, relPath: string | null) => void, onError: (error: Error) => void): () => void {
  const watchers: fs.FSWatcher[] = [];
  try {
    for (const [kind, dir] of dirs) {
      const watcher = fs.watch(dir, { recursive: true }, (_event, name) => onChange(kind, name ? String(name).split(path.sep).join('/') : null));
      watcher.on('error', onError);
      watchers.push(watcher);
    }
  } catch (error) {
    for (const w of watchers) w.close();
    throw error;
  }
  return () => {
    for (const w of watchers) w.close();
  };
}
