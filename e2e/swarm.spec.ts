// Docker Swarm end to end (issue #16): a second serve process against the private swarm's manager
// (scripts/swarm.sh: one manager, two workers); services are made, scaled and removed with the docker CLI, and
// the CLI against the same manager is the oracle (`docker node ls`, `docker service ps`). The Swarm view must
// follow without a reload. Then the view on the round's own engine (not a swarm; Podman in the Podman round)
// must explain why it lists nothing. The tasks table is named "Swarm tasks" (the "Tasks" link is Berth's own).
// The three tabs with data are checked with axe-core in both themes; BERTH_SWARM_SHOTS=DIR also writes their
// screenshots (1280×720) to DIR.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { docker, engineKind, TEST_IMAGE, testSwarm, uniqueName } from '../electron/testing/engine';
import { expect, namedRow, test } from './support/fixtures';
import { startServe, type Serving } from './support/serve';
import { swarmOrSkip } from './support/swarm-services';

const lines = (s: string) => s.split('\n').filter(Boolean);

/** The cells' texts of every row of the table named `name` (header row left out). */
function cellsOf(page: Page, name: string): Promise<string[][]> {
  return page
    .getByRole('table', { name })
    .getByRole('row')
    .evaluateAll((rows) => rows.filter((r) => r.querySelector('[role=cell]')).map((r) => [...r.querySelectorAll('[role=cell]')].map((c) => (c.textContent ?? '').trim())));
}

/**
 * Each tab with data, in both themes: axe-core (WCAG 2.1 A and AA, as e2e/accessibility.spec.ts, which sees only
 * the explanation: its engine is in no swarm) finds no serious or critical violation; with `dir`, a 1280×720
 * screenshot of each into it.
 */
async function everyTab(page: Page, dir: string | undefined, service: string, hostname: string): Promise<void> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    for (const tab of ['Nodes', 'Services', 'Tasks'] as const) {
      // Every tab unfiltered: the running service's tasks and the pending one with its reason.
      await page.getByRole('tab', { name: tab }).click();
      await expect(namedRow(page, tab === 'Tasks' ? 'Swarm tasks' : tab, tab === 'Nodes' ? hostname : tab === 'Services' ? service : `${service}.1`)).toBeVisible();
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      for (const v of result.violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${tab} (${colorScheme}): [${v.impact}] ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      if (dir) await page.screenshot({ path: path.join(dir, `swarm-${tab.toLowerCase()}-${colorScheme}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found).toEqual([]);
}

test('a swarm service made with the CLI: its tasks spread over the nodes, scaled live, removed; nodes as docker node ls', async ({ page }) => {
  test.skip(process.env.BERTH_E2E_ROUND === 'podman', 'SKIPPING the swarm part in the Podman round: the private swarm is Docker (the Docker round runs it); the explanation test below runs here');
  // Under CI=true a missing swarm throws (a failure), as the other engine suites do.
  const swarm = await testSwarm();
  test.skip(!swarm, 'SKIPPING: BERTH_TEST_SWARM_MANAGER is not set or does not answer (npm test starts a private swarm: scripts/swarm.sh)');
  test.setTimeout(150_000);
  const manager = swarm!.manager;
  const name = uniqueName('web');
  const made = [name];
  let serving: Serving | undefined;
  try {
    serving = await startServe({ dockerHost: manager });
    await page.goto(serving.url);
    await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('Docker');
    await page.getByRole('link', { name: 'Swarm' }).click();
    await expect(page.getByRole('tab', { name: 'Nodes' })).toHaveAttribute('aria-selected', 'true');

    // Nodes: the same hostnames, statuses, availabilities, leader and engine versions as docker node ls.
    const cliNodes = lines(await docker(['node', 'ls', '--format', '{{.Hostname}}|{{.ID}}|{{.Status}}|{{.Availability}}|{{.ManagerStatus}}|{{.EngineVersion}}'], manager)).map((l) => l.split('|'));
    expect(cliNodes).toHaveLength(3);
    const asCli = (cells: string[][]) =>
      cells
        .map(([host, id, role, availability, status, engine]) => [host!.replace(' (this engine)', ''), id, status, availability, role === 'manager (leader)' ? 'leader' : role === 'worker' ? '' : 'manager', engine].join('|').toLowerCase())
        .sort();
    const expected = cliNodes.map(([host, id, status, availability, managerStatus, engine]) => [host, id!.slice(0, 12), status, availability, managerStatus === 'Leader' ? 'leader' : managerStatus ? 'manager' : '', engine].join('|').toLowerCase()).sort();
    await expect.poll(async () => asCli(await cellsOf(page, 'Nodes'))).toEqual(expected);

    // A replicated service made with the CLI appears, live, at 3/3.
    await page.getByRole('tab', { name: 'Services' }).click();
    await docker(['service', 'create', '--detach', '--no-resolve-image', '--stop-grace-period', '1s', '--replicas', '3', '--name', name, TEST_IMAGE, 'sleep', '3600'], manager);
    const row = namedRow(page, 'Services', name);
    await expect(row).toContainText('3/3', { timeout: 30_000 });
    await expect(row).toContainText('replicated');
    await expect(row).toContainText(TEST_IMAGE);

    // Its tasks, from the row's Tasks button: the tasks docker service ps lists, on the nodes it names: all three.
    const cliTasks = async () => lines(await docker(['service', 'ps', name, '--filter', 'desired-state=running', '--format', '{{.Name}} {{.Node}} {{.CurrentState}}'], manager)).map((l) => l.split(' ').slice(0, 3).join(' ').toLowerCase()).sort();
    const ourTasks = async () =>
      (await cellsOf(page, 'Swarm tasks'))
        .filter(([, , desired]) => desired === 'running')
        .map(([task, node, , current]) => `${task} ${node} ${current}`)
        .sort();
    await row.getByRole('button', { name: 'Tasks' }).click();
    await expect(page.getByRole('tab', { name: 'Tasks' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('Service')).toHaveValue(name);
    await expect.poll(ourTasks, { timeout: 30_000 }).toEqual(await cliTasks());
    expect(new Set((await ourTasks()).map((t) => t.split(' ')[1])).size).toBe(3);

    // Filter by node: only that node's tasks.
    const node = cliNodes[1]![0]!;
    await page.getByLabel('Node').selectOption(node);
    await expect.poll(async () => [...new Set((await cellsOf(page, 'Swarm tasks')).map((c) => c[1]))]).toEqual([node]);
    await page.getByLabel('Node').selectOption('');

    // A service no node can take (a constraint nobody meets): its task pending, with the scheduler's reason.
    const stuck = uniqueName('stuck');
    made.push(stuck);
    await docker(['service', 'create', '--detach', '--no-resolve-image', '--constraint', 'node.labels.berth-nowhere==1', '--name', stuck, TEST_IMAGE, 'sleep', '3600'], manager);
    await page.getByLabel('Service').selectOption(stuck);
    const pending = namedRow(page, 'Swarm tasks', `${stuck}.1`);
    await expect(pending).toContainText('pending', { timeout: 30_000 });
    // The CLI quotes the engine's error (docker/cli formatter: %q).
    const reason = async () => (await docker(['service', 'ps', stuck, '--no-trunc', '--format', '{{.Error}}'], manager)).trim().replace(/^"(.*)"$/, '$1');
    await expect.poll(reason, { timeout: 15_000 }).toContain('no suitable node');
    await expect(pending).toContainText(await reason());
    // The Services row says it too, after its count.
    await page.getByRole('tab', { name: 'Services' }).click();
    await expect(namedRow(page, 'Services', stuck)).toContainText(`0/1 · ${await reason()}`);
    // A scale-down counts as the CLI counts: a task still stopping is running (and said to be stopping).
    const slow = uniqueName('slowstop');
    made.push(slow);
    await docker(['service', 'create', '--detach', '--no-resolve-image', '--stop-grace-period', '60s', '--replicas', '2', '--name', slow, TEST_IMAGE, 'sleep', '3600'], manager);
    await expect(namedRow(page, 'Services', slow)).toContainText('2/2', { timeout: 30_000 });
    await docker(['service', 'scale', '--detach', `${slow}=1`], manager);
    await expect(namedRow(page, 'Services', slow)).toContainText('2/1 · 1 stopping', { timeout: 15_000 });
    expect((await docker(['service', 'ls', '--filter', `name=${slow}`, '--format', '{{.Replicas}}'], manager)).trim()).toBe('2/1');
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await expect(page.getByRole('tab', { name: 'Tasks' })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('combobox', { name: 'Service', exact: true }).selectOption(name);

    await everyTab(page, process.env.BERTH_SWARM_SHOTS, name, cliNodes[1]![0]!);

    // Scaled with the CLI to 5: 5/5 appears without a reload, and the tasks follow.
    await page.getByRole('tab', { name: 'Services' }).click();
    await expect(row).toContainText('3/3');
    await docker(['service', 'scale', '--detach', `${name}=5`], manager);
    await expect(row).toContainText('5/5', { timeout: 30_000 });
    await row.getByRole('button', { name: 'Tasks' }).click();
    await expect.poll(async () => (await ourTasks()).length, { timeout: 30_000 }).toBe(5);
    await expect.poll(ourTasks, { timeout: 30_000 }).toEqual(await cliTasks());

    // Removed with the CLI: gone from Services.
    await page.getByRole('tab', { name: 'Services' }).click();
    await docker(['service', 'rm', name], manager);
    await expect(row).toHaveCount(0, { timeout: 15_000 });
  } finally {
    await docker(['service', 'rm', ...made], manager).catch(() => {});
    await serving?.stop();
  }
});

test('on a swarm worker the Swarm view says only a manager lists the swarm, and names its manager', async ({ page }) => {
  test.skip(process.env.BERTH_E2E_ROUND === 'podman', 'SKIPPING the swarm part in the Podman round: the private swarm is Docker');
  const swarm = await testSwarm();
  test.skip(!swarm, 'SKIPPING: BERTH_TEST_SWARM_MANAGER is not set or does not answer (npm test starts a private swarm: scripts/swarm.sh)');
  const worker = swarm!.workers[0]!;
  const managerAddr = (await docker(['info', '--format', '{{.Swarm.NodeAddr}}'], swarm!.manager)).trim();
  const serving = await startServe({ dockerHost: worker });
  try {
    await page.goto(serving.url);
    await page.getByRole('link', { name: 'Swarm' }).click();
    const view = page.getByRole('region', { name: 'Swarm' });
    await expect(view).toContainText('This engine is a worker node of a swarm: only a manager lists');
    await expect(view).toContainText(`Its managers: ${managerAddr}`);
    await expect(page.getByRole('table')).toHaveCount(0);
  } finally {
    await serving.stop();
  }
});

test('a task that stays starting longer than the first follow-ups (its health check passes after 20 s) is shown running, with no event to tell', async ({ page }) => {
  test.skip(process.env.BERTH_E2E_ROUND === 'podman', 'SKIPPING the swarm part in the Podman round: the private swarm is Docker');
  const swarm = await testSwarm();
  test.skip(!swarm, 'SKIPPING: BERTH_TEST_SWARM_MANAGER is not set or does not answer (npm test starts a private swarm: scripts/swarm.sh)');
  test.setTimeout(120_000);
  const manager = swarm!.manager;
  const name = uniqueName('slow');
  const serving = await startServe({ dockerHost: manager });
  try {
    await page.goto(serving.url);
    await page.getByRole('link', { name: 'Swarm' }).click();
    await page.getByRole('tab', { name: 'Tasks' }).click();
    // Moby reports a task `starting` until its container is healthy, and sends no event when it is: only the
    // view's own follow-ups can see it. The first ones (0.25 → 8 s, 15.75 s in all) ended before this one ran.
    await docker(['service', 'create', '--detach', '--no-resolve-image', '--stop-grace-period', '1s', '--health-cmd', 'test -f /ok', '--health-interval', '1s', '--health-retries', '1000', '--name', name, TEST_IMAGE, 'sh', '-c', 'sleep 20; touch /ok; exec sleep 3600'], manager);
    const task = namedRow(page, 'Swarm tasks', `${name}.1`);
    await expect(task).toContainText('starting', { timeout: 30_000 });
    const current = async () => (await docker(['service', 'ps', name, '--format', '{{.CurrentState}}'], manager)).split(' ')[0]!.toLowerCase();
    await expect.poll(current, { timeout: 60_000 }).toBe('running');
    // Within one follow-up (4 s) of the engine's own answer.
    await expect(task.getByRole('cell').nth(3)).toHaveText('running', { timeout: 6_000 });
  } finally {
    await docker(['service', 'rm', name], manager).catch(() => {});
    await serving.stop();
  }
});

test('a crash-looping service is followed at a bounded pace, and its failure shown, not a lucky 2/2 (review 27, F1)', async ({ page }) => {
  const { manager } = await swarmOrSkip();
  test.setTimeout(120_000);
  const name = uniqueName('loop');
  const serving = await startServe({ dockerHost: manager });
  /** When the page sent each `swarm.overview` (Date.now(), ms). */
  const reads: number[] = [];
  page.on('websocket', (ws) => ws.on('framesent', (f) => void (String(f.payload).includes('"swarm.overview"') && reads.push(Date.now()))));
  try {
    // Each task runs 1 s and exits 1; swarmkit starts another after its restart delay (5 s): no event says so.
    await docker(['service', 'create', '--detach', '--no-resolve-image', '--replicas', '2', '--name', name, TEST_IMAGE, 'sh', '-c', 'sleep 1; exit 1'], manager);
    await page.goto(serving.url);
    await page.getByRole('link', { name: 'Swarm' }).click();
    await page.getByRole('tab', { name: 'Services' }).click();
    const row = namedRow(page, 'Services', name);
    // The engine's own words for the failure reach the row (the view is still reading while the loop goes on).
    await expect(row).toContainText('non-zero exit', { timeout: 40_000 });
    // Over the next four tasks the loop makes (the engine is the clock: `docker service ps`, new task IDs)…
    const seen = new Set(lines(await docker(['service', 'ps', name, '-q'], manager)));
    const from = Date.now();
    let made = 0;
    await expect
      .poll(
        async () => {
          for (const id of lines(await docker(['service', 'ps', name, '-q'], manager))) if (!seen.has(id)) {
            seen.add(id);
            made++;
          }
          return made;
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThanOrEqual(4);
    const span = Date.now() - from;
    const n = reads.filter((t) => t >= from).length;
    // …the view still follows (the backoff goes up to one read per 4 s), and at a bounded pace: restarting the backoff
    // at every new task read 2–3 times a second for as long as the loop went on (24–44 reads in 15 s).
    expect(n, `${n} swarm.overview reads in ${span} ms`).toBeGreaterThanOrEqual(Math.floor(span / 6000));
    expect(n, `${n} swarm.overview reads in ${span} ms`).toBeLessThanOrEqual(Math.ceil(span / 1500) + 2);
    console.log(`crash loop: ${n} swarm.overview reads in ${span} ms`);
  } finally {
    await docker(['service', 'rm', name], manager).catch(() => {});
    await serving.stop();
  }
});

test('on the round’s own engine (no swarm; Podman in the Podman round) the Swarm view explains why it lists nothing', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Swarm' }).click();
  const view = berth.getByRole('region', { name: 'Swarm' });
  if ((await engineKind()) === 'podman') await expect(view).toContainText('Swarm needs Docker Engine: Podman has no swarm mode');
  else await expect(view).toContainText('This engine is not part of a swarm (swarm state inactive). Initialize swarm in Engines');
  await expect(berth.getByRole('table')).toHaveCount(0);
  await expect(berth.getByRole('tablist', { name: 'Swarm' })).toHaveCount(0);
});
