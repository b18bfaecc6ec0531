import { defineConfig } from '@playwright/test';

/** Debian's Chromium: no browser is ever downloaded (see docs/ARCHITECTURE.md). */
const CHROMIUM = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/support/global-setup.ts',
  // Specs share one engine and some restart it: run them one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    {
      name: 'serve',
      // The Podman round (scripts/test.sh) leaves out the specs that run engines of their own (a restarted
      // dockerd, a second dockerd behind a context) or none (the serve token).
      testIgnore: process.env.BERTH_E2E_ROUND === 'podman' ? /(electron|engine-restart|engines|serve-token)\.spec\.ts/ : /electron\.spec\.ts/,
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: CHROMIUM,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    // Runs where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH); skipped with a message otherwise.
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
