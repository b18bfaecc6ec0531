// The engine goes away under Berth and comes back: the UI says so, retries, then resyncs everything.
// This spec runs its own private dockerd (two data-roots on one socket), so the shared engine is untouched.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { docker, uniqueName } from '../electron/testing/engine';
import { expect, test } from '@playwright/test';
import { startServe, type Serving } from './support/serve';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');

async function engine(cmd: 'start' | 'stop', dir: string, dataRoot?: string): Promise<void> {
  await run('bash', [path.join(ROOT, 'scripts/engine.sh'), cmd, dir], { env: { ...process.env, BERTH_DATA_ROOT: dataRoot ?? '' } });
}

test('engine killed and restarted: Berth says unreachable, then recovers and resyncs', async ({ page }) => {
  test.skip(!!process.env.BERTH_E2E_SKIP, `SKIPPING: ${process.env.BERTH_E2E_SKIP}`);
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync('/tmp/berth-rs-');
  const host = `unix://${dir}/docker.sock`;
  const env = { ...process.env, DOCKER_HOST: host };
  const inA = uniqueName('only-in-a');
  const inB = uniqueName('only-in-b');
  let serving: Serving | undefined;
  try {
    // Prepare engine B's state, then run engine A on the same socket.
    await engine('start', dir, `${dir}/b`);
    await run('bash', [path.join(ROOT, 'scripts/test-image.sh')], { env });
    await docker(['create', '--name', inB, 'berth-test/busybox'], host);
    await engine('stop', dir);
    await engine('start', dir, `${dir}/a`);
    await run('bash', [path.join(ROOT, 'scripts/test-image.sh')], { env });
    await docker(['create', '--name', inA, 'berth-test/busybox'], host);

    serving = await startServe({ dockerHost: host });
    await page.goto(serving.url);
    const status = page.getByRole('status', { name: 'Engine status' });
    const table = page.getByRole('table', { name: 'Containers' });
    await expect(status).toContainText('Docker');
    await expect(table.getByRole('row').filter({ hasText: inA })).toHaveCount(1);

    await engine('stop', dir);
    await expect(status).toContainText(`Engine unreachable: ${host}`);
    await expect(status).toContainText('retrying');
    // The last known list stays on screen, marked as such.
    await expect(page.getByRole('alert')).toContainText('Showing the last known state');
    await expect(table.getByRole('row').filter({ hasText: inA })).toHaveCount(1);

    await engine('start', dir, `${dir}/b`);
    await expect(status).toContainText('Docker', { timeout: 15_000 });
    await expect(table.getByRole('row').filter({ hasText: inB })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: inA })).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);

    // Events flow again after the reconnect.
    const later = uniqueName('after');
    await docker(['create', '--name', later, 'berth-test/busybox'], host);
    await expect(table.getByRole('row').filter({ hasText: later })).toHaveCount(1);
  } finally {
    await serving?.stop();
    await engine('stop', dir).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
