// Swarm logs, task shells and membership controls end to end (issue #16), through a second serve process against
// the private swarm's manager (scripts/swarm.sh), as e2e/swarm.spec.ts does. Services are made with the docker CLI,
// which is the oracle (`docker service logs --no-task-ids`, `docker service ps`, `docker swarm join-token -q`).
// Nothing here leaves or joins the shared swarm: electron/swarm/init-join.int.test.ts does that on a swarm of its
// own. BERTH_SWARM_SHOTS=DIR writes 1280×720 screenshots of the merged logs and the Engines swarm controls to DIR.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { docker, engineKind, TEST_IMAGE, testSwarm, uniqueName } from '../electron/testing/engine';
import { expect, namedRow, test } from './support/fixtures';
import { startServe, type Serving } from './support/serve';
import { screenReaderOn, terminalLine } from './support/terminal';

const lines = (s: string) => s.split('\n').filter(Boolean);
const shots = process.env.BERTH_SWARM_SHOTS;

/** The cells' texts of every row of the logs table in `scope`. */
async function logRows(page: Page): Promise<string[][]> {
  return page
    .getByRole('table', { name: 'Logs' })
    .getByRole('row')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('[role=cell]')].map((c) => (c.textContent ?? '').trim())));
}

/** Serious or critical WCAG 2.1 A/AA violations on the page as it is (axe-core, as e2e/swarm.spec.ts). */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `[${v.impact}] ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, name) });
}

test('a service’s Logs show every node’s lines with their task prefixes, searchable, and say so when the service is removed; a task’s Shell opens a terminal in its container', async ({ page }) => {
  test.skip(process.env.BERTH_E2E_ROUND === 'podman', 'SKIPPING the swarm part in the Podman round: the private swarm is Docker (the Docker round runs it)');
  const swarm = await testSwarm();
  test.skip(!swarm, 'SKIPPING: BERTH_TEST_SWARM_MANAGER is not set or does not answer (npm test starts a private swarm: scripts/swarm.sh)');
  test.setTimeout(150_000);
  const manager = swarm!.manager;
  const name = uniqueName('e2elogs');
  const shell = uniqueName('e2eshell');
  const made = [name, shell];
  let serving: Serving | undefined;
  try {
    // At most two tasks a node: three tasks on two nodes at least. The shell's one task on the manager itself.
    await docker(['service', 'create', '--detach', '--no-resolve-image', '--stop-grace-period', '1s', '--replicas', '3', '--replicas-max-per-node', '2', '--name', name, TEST_IMAGE, 'sh', '-c', 'echo host=$(hostname); exec sleep 3600'], manager);
    await docker(['service', 'create', '--detach', '--no-resolve-image', '--stop-grace-period', '1s', '--constraint', 'node.role==manager', '--name', shell, TEST_IMAGE, 'sleep', '3600'], manager);
    serving = await startServe({ dockerHost: manager, port: 9311 });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(serving.url);
    await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('Docker');
    await screenReaderOn(page);
    await page.getByRole('link', { name: 'Swarm' }).click();
    await page.getByRole('tab', { name: 'Services' }).click();
    const row = namedRow(page, 'Services', name);
    await expect(row).toContainText('3/3', { timeout: 30_000 });
    const cli = async () => lines(await docker(['service', 'logs', '--no-task-ids', name], manager)).map((l) => l.replace(/\s+\| /, ' | ')).sort();
    await expect.poll(async () => (await cli()).length, { timeout: 30_000 }).toBe(3);

    await row.getByRole('button', { name: 'Logs' }).click();
    const dialog = page.getByRole('dialog', { name: `Logs of service ${name}` });
    await expect(dialog).toBeVisible();
    // Task, stream, text: the same lines and prefixes as the CLI's.
    await expect.poll(async () => (await logRows(page)).map(([source, , text]) => `${source} | ${text}`).sort(), { timeout: 15_000 }).toEqual(await cli());
    const ps = lines(await docker(['service', 'ps', name, '--filter', 'desired-state=running', '--format', '{{.Name}}@{{.Node}}'], manager)).sort();
    expect((await logRows(page)).map(([source]) => source).sort()).toEqual(ps);
    expect(new Set(ps.map((p) => p.split('@')[1])).size).toBeGreaterThanOrEqual(2);
    await shot(page, 'swarm-service-logs.png');
    expect(await violations(page)).toEqual([]);

    // Search: one task's hostname matches one line; "Only matching lines" shows just it.
    const [source, , text] = (await logRows(page))[0]!;
    await dialog.getByRole('searchbox', { name: 'Search logs' }).fill(text!.replace('host=', ''));
    await expect(dialog.getByRole('status')).toContainText('3 lines · 1 matching');
    await dialog.getByRole('checkbox', { name: 'Only matching lines' }).check();
    await expect.poll(async () => (await logRows(page)).map(([s, , t]) => `${s} | ${t}`)).toEqual([`${source} | ${text}`]);
    await dialog.getByRole('checkbox', { name: 'Only matching lines' }).uncheck();
    await dialog.getByRole('searchbox', { name: 'Search logs' }).fill('');

    // Unticked, the log is read once and ends; Follow stays offered and follows again (review 27, F9: it was disabled).
    await dialog.getByRole('checkbox', { name: 'Follow' }).uncheck();
    await expect(dialog.getByRole('status')).toHaveText('3 lines · end of log');
    await expect(dialog.getByRole('checkbox', { name: 'Follow' })).toBeEnabled();
    await dialog.getByRole('checkbox', { name: 'Follow' }).check();
    await expect(dialog.getByRole('status')).toHaveText('3 lines');

    // The service removed while followed: moby keeps the stream open and silent; Berth says it ended, lines kept.
    await docker(['service', 'rm', name], manager);
    await expect(dialog.getByRole('alert')).toHaveText(`service ${name} was removed: following ended (the lines received are kept)`, { timeout: 15_000 });
    await expect(dialog.getByRole('status')).toHaveText('3 lines');
    // Nothing is left to follow: Follow no longer claims it does.
    await expect(dialog.getByRole('checkbox', { name: 'Follow' })).not.toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'Follow' })).toBeDisabled();
    await shot(page, 'swarm-service-logs-removed.png');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);

    // Shell into the task on the manager: `hostname` prints its container's hostname.
    const [taskId, task, node] = (await docker(['service', 'ps', shell, '--no-trunc', '--filter', 'desired-state=running', '--format', '{{.ID}} {{.Name}} {{.Node}}'], manager)).split(' ');
    await expect.poll(async () => docker(['inspect', '--format', '{{.Status.State}}', taskId!], manager), { timeout: 30_000 }).toBe('running');
    const container = await docker(['inspect', '--format', '{{.Status.ContainerStatus.ContainerID}}', taskId!], manager);
    const hostname = await docker(['inspect', '--format', '{{.Config.Hostname}}', container], manager);
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByLabel('Service').selectOption(shell);
    const taskRow = namedRow(page, 'Swarm tasks', task!);
    await expect(taskRow).toContainText('running', { timeout: 15_000 });
    await shot(page, 'swarm-tasks-shell.png');
    await taskRow.getByRole('button', { name: 'Shell' }).click();
    const title = `${task}@${node}`;
    await expect(page.getByRole('tab', { name: title })).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('group', { name: `Terminal ${title}` }).click();
    await page.keyboard.type('hostname');
    await page.keyboard.press('Enter');
    await expect(terminalLine(page, title, hostname)).toBeAttached({ timeout: 10_000 });
    await shot(page, 'swarm-task-terminal.png');
  } finally {
    await docker(['service', 'rm', ...made], manager).catch(() => {});
    await serving?.stop();
  }
});

test('an empty service log says why: a service scaled to 0, a service whose one task cannot be placed', async ({ page }) => {
  test.skip(process.env.BERTH_E2E_ROUND === 'podman', 'SKIPPING the swarm part in the Podman round: the private swarm is Docker');
  const swarm = await testSwarm();
  test.skip(!swarm, 'SKIPPING: BERTH_TEST_SWARM_MANAGER is not set or does not answer (npm test starts a private swarm: scripts/swarm.sh)');
  const manager = swarm!.manager;
  const none = uniqueName('e2enone');
  const pending = uniqueName('e2epend');
  let serving: Serving | undefined;
  try {
    await docker(['service', 'create', '--detach', '--no-resolve-image', '--replicas', '0', '--name', none, TEST_IMAGE, 'sleep', '3600'], manager);
    await docker(['service', 'create', '--detach', '--no-resolve-image', '--constraint', 'node.labels.berth-nobody==here', '--name', pending, TEST_IMAGE, 'sleep', '3600'], manager);
    // The oracle: the engine has no line for either.
    for (const s of [none, pending]) expect(await docker(['service', 'logs', s], manager)).toBe('');
    serving = await startServe({ dockerHost: manager, port: 9313 });
    await page.goto(serving.url);
    await page.getByRole('link', { name: 'Swarm' }).click();
    await page.getByRole('tab', { name: 'Services' }).click();
    for (const [s, replicas, why] of [
      [none, '0/0', '0 lines: the service wants no task now (0 replicas) and no task of it left a line'],
      [pending, '0/1', '0 lines: none of its 1 task runs yet: the Tasks tab says why'],
    ] as const) {
      const row = namedRow(page, 'Services', s);
      await expect(row).toContainText(replicas, { timeout: 30_000 });
      await row.getByRole('button', { name: 'Logs' }).click();
      const dialog = page.getByRole('dialog', { name: `Logs of service ${s}` });
      await expect(dialog.getByRole('status')).toContainText(why);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toHaveCount(0);
    }
    // Removed while its logs are open: the log says following ended, no longer why it is empty, and Follow is off.
    await namedRow(page, 'Services', none).getByRole('button', { name: 'Logs' }).click();
    const dialog = page.getByRole('dialog', { name: `Logs of service ${none}` });
    await expect(dialog.getByRole('status')).toContainText('no task of it left a line');
    await docker(['service', 'rm', none], manager);
    await expect(dialog.getByRole('alert')).toContainText(`service ${none} was removed: following ended`, { timeout: 15_000 });
    await expect(dialog.getByRole('status')).not.toContainText('no task of it left a line');
    await expect(dialog.getByRole('checkbox', { name: 'Follow' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
  } finally {
    await docker(['service', 'rm', none, pending], manager).catch(() => {});
    await serving?.stop();
  }
});

test('the Engines view on a swarm manager shows masked join commands whose Copy gives the whole command, and asks before leaving', async ({ page, context }) => {
  test.skip(process.env.BERTH_E2E_ROUND === 'podman', 'SKIPPING the swarm part in the Podman round: the private swarm is Docker');
  const swarm = await testSwarm();
  test.skip(!swarm, 'SKIPPING: BERTH_TEST_SWARM_MANAGER is not set or does not answer (npm test starts a private swarm: scripts/swarm.sh)');
  const manager = swarm!.manager;
  const worker = await docker(['swarm', 'join-token', '-q', 'worker'], manager);
  const managerToken = await docker(['swarm', 'join-token', '-q', 'manager'], manager);
  const address = `${(await docker(['info', '--format', '{{.Swarm.NodeAddr}}'], manager)).trim()}:2377`;
  const serving = await startServe({ dockerHost: manager, port: 9312 });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serving.origin });
    await page.setViewportSize({ width: 1280, height: 720 });
    // Every frame the server sends the page: no join token before a Copy asks for one.
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
    await page.goto(serving.url);
    await page.getByRole('link', { name: 'Engines' }).click();
    const region = page.getByRole('region', { name: 'Swarm' });
    await expect(region).toContainText('This engine is a swarm manager (3 nodes, 1 manager).');
    const commands = region.getByRole('group', { name: 'Join commands' });
    await expect(commands.getByLabel('worker join command', { exact: true })).toHaveText(`docker swarm join --token SWMTKN-1-•••••••• ${address}`);
    await expect(commands.getByLabel('manager join command', { exact: true })).toHaveText(`docker swarm join --token SWMTKN-1-•••••••• ${address}`);
    // Nowhere in the page: the tokens are fetched at Copy and never drawn.
    for (const t of [worker, managerToken]) expect(await page.content()).not.toContain(t.split('-').at(-1));
    await expect(region.getByRole('button', { name: 'Initialize swarm' })).toHaveCount(0);
    await shot(page, 'engines-swarm-manager.png');
    expect(await violations(page)).toEqual([]);

    for (const t of [worker, managerToken]) expect(frames.join('\n')).not.toContain(t.split('-').at(-1));
    await commands.getByRole('button', { name: 'Copy the worker join command' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`docker swarm join --token ${worker} ${address}`);
    // Said beside the button, not in a notice over the buttons (it covered them at 1280×720).
    await expect(commands.getByRole('status', { name: 'worker join command copied' })).toHaveText('Copied');
    await commands.getByRole('button', { name: 'Copy the manager join command' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`docker swarm join --token ${managerToken} ${address}`);
    await expect(commands.getByRole('status', { name: 'manager join command copied' })).toHaveText('Copied');
    await expect(commands.getByRole('status', { name: 'worker join command copied' })).toHaveText('');
    await expect(page.locator('.notices').getByText(/Copied the/)).toHaveCount(0);
    await shot(page, 'engines-swarm-copied.png');
    for (const t of [worker, managerToken]) expect(await page.content()).not.toContain(t.split('-').at(-1));

    // Leave asks first; a manager must choose force, and the reason is said. Cancelled: the swarm is shared.
    await region.getByRole('button', { name: 'Leave swarm' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Leave the swarm?' });
    await expect(confirm).toContainText('may cost the swarm its quorum');
    await expect(confirm.getByRole('button', { name: 'Leave' })).toBeDisabled();
    await confirm.getByRole('checkbox', { name: /Force/ }).check();
    await expect(confirm.getByRole('button', { name: 'Leave' })).toBeEnabled();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toHaveCount(0);
    expect(await docker(['info', '--format', '{{.Swarm.LocalNodeState}}'], manager)).toBe('active');
  } finally {
    await serving.stop();
  }
});

test('the Engines view on the round’s own engine (no swarm; Podman in the Podman round) offers Initialize and Join, the token as a password', async ({ berth }) => {
  await berth.setViewportSize({ width: 1280, height: 720 });
  await berth.getByRole('link', { name: 'Engines' }).click();
  const region = berth.getByRole('region', { name: 'Swarm' });
  if ((await engineKind()) === 'podman') {
    await expect(region).toContainText('Swarm needs Docker Engine: Podman has no swarm mode');
    await expect(region.getByRole('button')).toHaveCount(0);
    return;
  }
  await expect(region).toContainText('This engine is in no swarm.');
  await expect(region.getByRole('button', { name: 'Leave swarm' })).toHaveCount(0);
  await region.getByRole('button', { name: 'Initialize swarm' }).click();
  const init = berth.getByRole('dialog', { name: 'Initialize a swarm' });
  await init.getByLabel('Advertise address').fill('not an address/');
  await expect(init.getByRole('alert')).toContainText('expected host[:port]');
  await expect(init.getByRole('button', { name: 'Initialize' })).toBeDisabled();
  await init.getByRole('button', { name: 'Cancel' }).click();
  await region.getByRole('button', { name: 'Join swarm' }).click();
  const join = berth.getByRole('dialog', { name: 'Join a swarm' });
  await expect(join.getByLabel('Join token')).toHaveAttribute('type', 'password');
  await join.getByLabel('Manager address').fill('10.0.0.1:2377');
  await join.getByLabel('Join token').fill('not-a-token');
  await expect(join.getByRole('alert')).toContainText('SWMTKN-1-');
  await expect(join.getByRole('button', { name: 'Join' })).toBeDisabled();
  await shot(berth, 'engines-join-dialog.png');
  await join.getByRole('button', { name: 'Cancel' }).click();
  await shot(berth, 'engines-swarm-none.png');
});
