// Helpers of the Swarm e2e specs (swarm-services.spec.ts, swarm-rolling.spec.ts, swarm.spec.ts): the swarm or a skip,
// serve mode on its manager, the Create service dialog, and the docker CLI's view of a service's running tasks.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { docker, TEST_IMAGE, testSwarm, type TestSwarm } from '../../electron/testing/engine';
import { expect, test } from './fixtures';
import { startServe, type Serving } from './serve';

export const lines = (s: string) => s.split('\n').filter(Boolean);
export const shots = process.env.BERTH_SWARM_SHOTS;
/** A sleeper that ends at SIGTERM (a bare `sleep` as PID 1 waits out the 10 s grace period at every update). */
export const SLEEPER = `sh -c 'trap "exit 0" TERM; sleep 3600 & wait'`;

/** The swarm, or a skip: the Podman round, or no swarm (a failure under CI=true, as testSwarm throws). */
export async function swarmOrSkip(): Promise<TestSwarm> {
  test.skip(process.env.BERTH_E2E_ROUND === 'podman', 'SKIPPING the swarm tests in the Podman round: the private swarm is Docker (the Docker round runs them)');
  const swarm = await testSwarm();
  test.skip(!swarm, 'SKIPPING: BERTH_TEST_SWARM_MANAGER is not set or does not answer (npm test starts a private swarm: scripts/swarm.sh)');
  return swarm!;
}

/** Serve mode on the manager, the page on the Swarm view's Services tab at 1280×720. */
export async function openServices(page: Page, manager: string): Promise<Serving> {
  const serving = await startServe({ dockerHost: manager });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(serving.url);
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('Docker');
  await page.getByRole('link', { name: 'Swarm' }).click();
  await page.getByRole('tab', { name: 'Services' }).click();
  return serving;
}

/** Screenshots at 1280×720 and 1920×1080 as `swarm-<what>-<w>.png`, when BERTH_SWARM_SHOTS is set. */
export async function screenshots(page: Page, what: string): Promise<void> {
  if (!shots) return;
  for (const [width, height] of [[1920, 1080], [1280, 720]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(shots, `swarm-${what}-${width}.png`) });
  }
}

/** The Create service dialog, opened from the Services tab, with the test image, `name` and the sleeper filled in. */
export async function createDialog(page: Page, name: string) {
  await page.getByRole('button', { name: 'Create service' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a service' });
  await dialog.getByLabel('Image').fill(TEST_IMAGE);
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Command').fill(SLEEPER);
  return dialog;
}

/** `node image` of the service's running tasks, as `docker service ps` shows them. */
export const runningTasks = async (manager: string, name: string) =>
  lines(await docker(['service', 'ps', name, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.Image}} {{.CurrentState}}'], manager))
    .filter((l) => / Running /.test(` ${l} `))
    .map((l) => l.split(' ').slice(0, 2).join(' '));

/** The running tasks' nodes in the Swarm tasks table (columns: name, node, desired, current). */
export const tableRunning = (page: Page) =>
  page
    .getByRole('table', { name: 'Swarm tasks' })
    .getByRole('row')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('[role=cell]')].map((c) => (c.textContent ?? '').trim())).filter((c) => c[2] === 'running' && c[3] === 'running').map((c) => c[1]!));

