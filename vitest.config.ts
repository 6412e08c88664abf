import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['**/*.test.ts'],
    // Every Next.js build folder (.next, .next-e2e, …): their node_modules hold packages' own tests.
    exclude: ['**/node_modules/**', 'e2e/**', '.next*/**', '.clonedeck/**', 'scratch/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
