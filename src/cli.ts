#!/usr/bin/env node
// Entry point: `tsx src/cli.ts build|dev|preview|add [options]` (npm run build / dev / preview / add).
import path from 'node:path';
import { GENERATOR_DIR } from './generator.ts';
import { parseCli, UsageError, type CliOptions } from './cli-options.ts';
import { buildInThread, BuildError } from './build-in-thread.ts';
import { OutputFolderRefusedError } from './site/output-guard.ts';

export const PROJECT_DIR = GENERATOR_DIR;

async function main(): Promise<number> {
  if (process.argv[2] === 'add') return (await import('./add/add.ts')).addCommand(process.argv.slice(3));
  let options: CliOptions;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const common = {
    seedsDir: options.seedsDir,
    outDir: options.outDir,
    base: options.base,
    siteUrl: options.siteUrl,
    templatesDir: path.join(PROJECT_DIR, 'templates'),
    publicDir: path.join(PROJECT_DIR, 'public'),
    strict: options.strict,
    verbose: options.verbose,
    cache: options.cache,
    emptyOutDir: options.emptyOutDir,
    cacheDir: options.cacheDir ?? undefined,
  };
  if (options.command === 'build') return buildInThread(common, options.maxHeapMb ?? undefined);
  if (options.command === 'dev') {
    const { startDevServer } = await import('./site/dev-server.ts');
    await startDevServer({ ...common, log: (line: string) => console.log(line), port: options.port });
    return -1;
  }
  const { startPreview } = await import('./site/preview.ts');
  await startPreview({ outDir: options.outDir, base: options.base, port: options.port });
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof OutputFolderRefusedError) {
      // refused before anything was written: a usage error
      console.error(`error: ${error.message}`);
      process.exit(2);
    }
    if (error instanceof BuildError) console.error(`error: ${error.message}`);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
