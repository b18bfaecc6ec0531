/**
 * One serve-mode instance for the `serve` project, against the private engine that scripts/test.sh
 * started (DOCKER_HOST). Its URL reaches the specs as BERTH_E2E_URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { engineMissing } from '../../electron/testing/engine';
import { startServe } from './serve';

export default async function globalSetup(): Promise<(() => Promise<void>) | void> {
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    console.warn('SKIPPING the electron project: no Electron binary here (set ELECTRON_OVERRIDE_DIST_PATH to a folder holding one)');
  }
  if (await engineMissing()) {
    process.env.BERTH_E2E_SKIP = 'no engine at DOCKER_HOST';
    return;
  }
  if (!fs.existsSync(path.resolve(__dirname, '../../out/main/serve.js'))) {
    throw new Error('out/main/serve.js is missing: run `npm run build` first (npm test does)');
  }
  const serving = await startServe();
  process.env.BERTH_E2E_URL = serving.url;
  process.env.BERTH_E2E_ORIGIN = serving.origin;
  process.env.BERTH_E2E_DOCKER_CONFIG = serving.dockerConfig;
  return () => serving.stop();
}
