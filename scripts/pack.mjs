// `npm run pack [-- DEST]`: the installable package, metals-news-digest-<version>.tgz in DEST (the
// project folder by default). Packed from a staging folder whose package.json keeps what an
// installed copy needs: no scripts (the package carries its compiled lib/, so an install runs
// nothing and npm asks the user to approve nothing), no development dependencies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const dest = path.resolve(process.argv[2] ?? root);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// compile, as the install of a clone does (prepare): lib/ and its bundles
const { compile } = await import(pathToFileURL(path.join(root, 'scripts/compile.mjs')).href);
if ((await compile()).typeErrors) throw new Error('the generator has type errors (above): nothing packed');

const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'news-digest-pack-'));
try {
  for (const entry of ['bin', 'lib', 'templates', 'public', 'src/site/client', 'README.md']) {
    fs.cpSync(path.join(root, entry), path.join(staging, entry), {
      recursive: true,
      // the compiled JavaScript and its declarations; not the compiler's own state
      filter: (file) => !/\.tsbuildinfo$|\.compiled$|\.test\.ts$/.test(file),
    });
  }
  const { scripts, devDependencies, allowScripts, files, ...installed } = manifest;
  fs.writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(installed, null, 2)}\n`);
  fs.mkdirSync(dest, { recursive: true });
  const [packed] = JSON.parse(execFileSync('npm', ['pack', staging, '--json', '--pack-destination', dest], { encoding: 'utf8' }));
  console.log(path.join(dest, packed.filename));
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
