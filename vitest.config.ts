import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // the browser and whole-site tests build real sites: give them room on a shared 2-core machine
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
