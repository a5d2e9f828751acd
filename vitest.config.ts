import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // the browser and whole-site tests build real sites: give them room on a shared 2-core machine
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // a build's worker threads load the TypeScript sources as the CLI's do (tsx): builds of 150
    // files or more extract in threads, and of 500 pages or more render in a second one
    execArgv: ['--import', 'tsx'],
  },
});
