import { defineConfig } from 'vitest/config';

// Three projects: `unit` (pure logic, no engine), `integration` (services against a real private dockerd,
// started by scripts/test.sh; DOCKER_HOST points at it) and `fuzz` (the contract over a real serve process,
// out/main/serve.js: run after the build).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{electron,shared,renderer}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/*.fuzz.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['electron/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'fuzz',
          include: ['electron/**/*.fuzz.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
