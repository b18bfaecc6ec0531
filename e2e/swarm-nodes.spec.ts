// Swarm node actions, secrets and overlay networks end to end (issue #16), through the UI of a second serve
// process against the private swarm's manager (scripts/swarm.sh), the docker CLI against the same manager as
// the oracle (`docker node inspect`, `docker service ps`, `docker secret ls`, `docker network inspect`). A
// drained node is activated again in a finally. In the Podman round these skip at once: the swarm is Docker's.
// BERTH_SWARM_SHOTS=DIR writes 1280×720 screenshots of the Nodes (More menu open), Secrets and Networks tabs
// in both themes to DIR.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { docker, TEST_IMAGE, testSwarm, uniqueName, type TestSwarm } from '../electron/testing/engine';
import { expect, namedRow, test } from './support/fixtures';
import { startServe, type Serving } from './support/serve';

const lines = (s: string) => s.split('\n').filter(Boolean);
const shots = process.env.BERTH_SWARM_SHOTS;

/** The swarm, or a skip: the Podman round, or no swarm (a failure under CI=true, as testSwarm throws). */
async function swarmOrSkip(): Promise<TestSwarm> {
  test.skip(process.env.BERTH_E2E_ROUND === 'podman', 'SKIPPING the swarm node actions in the Podman round: the private swarm is Docker (the Docker round runs them)');
  const swarm = await testSwarm();
  test.skip(!swarm, 'SKIPPING: BERTH_TEST_SWARM_MANAGER is not set or does not answer (npm test starts a private swarm: scripts/swarm.sh)');
  return swarm!;
}

/** Serve mode on the manager, the page on the Swarm view's tab `tab`. */
async function openSwarm(page: Page, manager: string, tab: string): Promise<Serving> {
  const serving = await startServe({ dockerHost: manager });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(serving.url);
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText('Docker');
  await page.getByRole('link', { name: 'Swarm' }).click();
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
  return serving;
}

/** Both themes' screenshots of what is on screen, as `swarm-<what>-<theme>.png`, when BERTH_SWARM_SHOTS is set. */
async function screenshots(page: Page, what: string): Promise<void> {
  if (!shots) return;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await page.screenshot({ path: path.join(shots, `swarm-${what}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('drain a worker from its Nodes row: its tasks move to the other nodes; Activate puts it back', async ({ page }) => {
  const { manager, workers } = await swarmOrSkip();
  test.setTimeout(120_000);
  const workerId = await docker(['info', '--format', '{{.Swarm.NodeID}}'], workers[0]);
  const hostname = await docker(['node', 'inspect', '--format', '{{.Description.Hostname}}', workerId], manager);
  const name = uniqueName('drainui');
  /** Running tasks of the service as `docker service ps` shows them: their nodes. */
  const runningNodes = async () => lines(await docker(['service', 'ps', name, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.CurrentState}}'], manager)).filter((l) => l.includes(' Running ')).map((l) => l.split(' ')[0]!);
  const availability = () => docker(['node', 'inspect', '--format', '{{.Spec.Availability}}', workerId], manager);
  let serving: Serving | undefined;
  try {
    await docker(['service', 'create', '--detach', '--no-resolve-image', '--stop-grace-period', '1s', '--replicas', '3', '--name', name, TEST_IMAGE, 'sleep', '3600'], manager);
    await expect.poll(runningNodes, { timeout: 30_000 }).toContain(hostname);
    serving = await openSwarm(page, manager, 'Nodes');
    const row = namedRow(page, 'Nodes', hostname);
    await expect(row).toContainText('active');
    if (shots) {
      await row.getByRole('button', { name: 'More' }).click();
      await expect(page.getByRole('menuitem', { name: 'Promote' })).toBeVisible();
      await screenshots(page, 'nodes-menu');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('menu')).toHaveCount(0);
    }
    await row.getByRole('button', { name: 'Drain' }).click();
    await expect(row).toContainText('drain');
    await expect(row.getByRole('button', { name: 'Activate' })).toBeVisible();
    expect(await availability()).toBe('drain');
    await screenshots(page, 'nodes-drained');
    // The engine moves the tasks: three run again, none on the drained node; the Tasks tab shows the same.
    await expect.poll(async () => (await runningNodes()).filter((n) => n === hostname).length, { timeout: 30_000 }).toBe(0);
    await expect.poll(async () => (await runningNodes()).length, { timeout: 30_000 }).toBe(3);
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByLabel('Service').selectOption(name);
    const running = () =>
      page
        .getByRole('table', { name: 'Swarm tasks' })
        .getByRole('row')
        .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('[role=cell]')].map((c) => (c.textContent ?? '').trim())).filter((c) => c[2] === 'running' && c[3] === 'running').map((c) => c[1]!));
    await expect.poll(async () => (await running()).sort(), { timeout: 30_000 }).toEqual((await runningNodes()).sort());
    await page.getByRole('tab', { name: 'Nodes' }).click();
    await row.getByRole('button', { name: 'Activate' }).click();
    await expect(row).toContainText('active');
    await expect(row.getByRole('button', { name: 'Drain' })).toBeVisible();
    expect(await availability()).toBe('active');
    await screenshots(page, 'nodes');
  } finally {
    await docker(['node', 'update', '--availability', 'active', workerId], manager).catch(() => {});
    await docker(['service', 'rm', name], manager).catch(() => {});
    await serving?.stop();
  }
});

test('a secret created from text: listed, its data never shown, a second of its name refused, removed after an alertdialog', async ({ page }) => {
  const { manager } = await swarmOrSkip();
  const name = uniqueName('uisecret');
  const data = `s3cret-${uniqueName('data')}`;
  let serving: Serving | undefined;
  try {
    serving = await openSwarm(page, manager, 'Secrets');
    const create = async () => {
      await page.getByRole('button', { name: 'Create secret' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create a secret' });
      await dialog.getByLabel('Name').fill(name);
      await dialog.getByLabel('Data', { exact: true }).fill(data);
      await dialog.getByLabel('Labels').fill('berth.e2e=yes');
      if (!(await page.getByRole('table', { name: 'Secrets' }).getByRole('row').filter({ hasText: name }).count())) await screenshots(page, 'secret-create');
      await dialog.getByRole('button', { name: 'Create' }).click();
      return dialog;
    };
    const dialog = await create();
    await expect(dialog).toHaveCount(0);
    const row = namedRow(page, 'Secrets', name);
    await expect(row).toContainText('berth.e2e=yes');
    expect(await docker(['secret', 'ls', '--filter', `name=${name}`, '--format', '{{.Name}} {{.Labels}}'], manager)).toBe(`${name} berth.e2e=yes`);
    const id = await docker(['secret', 'inspect', '--format', '{{.ID}}', name], manager);
    await expect(row).toContainText(id.slice(0, 12));
    expect(await page.content()).not.toContain(data);
    await screenshots(page, 'secrets');

    // The same name again: the engine's 409, said plainly, in the dialog.
    const again = await create();
    await expect(again.getByRole('alert')).toHaveText(`a secret named ${name} already exists`);
    await again.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.content()).not.toContain(data);

    await row.getByRole('button', { name: 'Remove' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Remove secret ${name}?` });
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(row).toHaveCount(0);
    expect(await docker(['secret', 'ls', '--filter', `name=${name}`, '-q'], manager)).toBe('');
  } finally {
    await docker(['secret', 'rm', name], manager).catch(() => {});
    await serving?.stop();
  }
});

test('a config created from a file read in the page (its bytes as sent), a file over swarm’s limit refused before sending', async ({ page }) => {
  const { manager } = await swarmOrSkip();
  const name = uniqueName('uiconfig');
  const bytes = Buffer.from([0, 1, 2, 250, 255, ...Buffer.from(`line\n${name}\n`)]);
  let serving: Serving | undefined;
  try {
    serving = await openSwarm(page, manager, 'Configs');
    await page.getByRole('button', { name: 'Create config' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a config' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('radio', { name: 'File' }).check();
    const file = dialog.getByLabel('File', { exact: true }).and(page.locator('input[type=file]'));
    await file.setInputFiles({ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(1000 * 1024, 7) });
    await expect(dialog.getByRole('alert')).toHaveText("big.bin: 1024000 bytes is at or over swarm's limit: a config's data must be less than 1000 KiB (1024000 bytes)");
    await expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
    await file.setInputFiles({ name: 'app.bin', mimeType: 'application/octet-stream', buffer: bytes });
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(namedRow(page, 'Configs', name)).toBeVisible();
    expect(JSON.parse(await docker(['config', 'inspect', '--format', '{{json .Spec.Data}}', name], manager))).toBe(bytes.toString('base64'));
  } finally {
    await docker(['config', 'rm', name], manager).catch(() => {});
    await serving?.stop();
  }
});

test('an overlay network created in the Networks tab (attachable, with a subnet) and removed after an alertdialog; an overlapping subnet refused in the dialog; one the swarm never allocated says so', async ({ page }) => {
  const { manager } = await swarmOrSkip();
  const name = uniqueName('uiov');
  const clash = uniqueName('uinoalloc');
  let serving: Serving | undefined;
  try {
    serving = await openSwarm(page, manager, 'Networks');
    await expect(namedRow(page, 'Swarm networks', 'ingress')).toContainText('ingress (routing mesh)');
    await page.getByRole('button', { name: 'Create network' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create an overlay network' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Attachable').check();
    await dialog.getByLabel('Subnet').fill('10.232.9.0/24');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(dialog).toHaveCount(0);
    const row = namedRow(page, 'Swarm networks', name);
    await expect(row).toContainText('10.232.9.0/24');
    await expect(row).toContainText('attachable');
    expect(await docker(['network', 'inspect', '--format', '{{.Driver}} {{.Scope}} {{.Attachable}} {{(index .IPAM.Config 0).Subnet}}', name], manager)).toBe('overlay swarm true 10.232.9.0/24');
    // An overlapping subnet: the manager would accept it and never allocate it (review finding 4).
    await page.getByRole('button', { name: 'Create network' }).click();
    await dialog.getByLabel('Name').fill(clash);
    await dialog.getByLabel('Subnet').fill('10.232.9.128/25');
    await expect(dialog.getByRole('alert')).toContainText(`subnet 10.232.9.128/25 overlaps network ${name}'s 10.232.9.0/24`);
    await expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // The same made with the CLI: listed, and marked as what it is.
    await docker(['network', 'create', '-d', 'overlay', '--subnet', '10.232.9.0/24', clash], manager);
    expect(await docker(['network', 'inspect', '--format', '{{.Driver}}|{{.IPAM.Config}}', clash], manager)).toBe('|[]');
    await page.getByRole('tab', { name: 'Nodes' }).click();
    await page.getByRole('tab', { name: 'Networks' }).click();
    await expect(namedRow(page, 'Swarm networks', clash)).toContainText('none: its services cannot start');
    await expect(namedRow(page, 'Swarm networks', clash)).toContainText('not allocated');
    await expect(row).not.toContainText('not allocated');
    await screenshots(page, 'networks');
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('alertdialog', { name: `Remove network ${name}?` }).getByRole('button', { name: 'Remove' }).click();
    await expect(row).toHaveCount(0);
    await expect.poll(async () => docker(['network', 'ls', '--filter', `name=${name}`, '-q'], manager)).toBe('');
  } finally {
    for (const n of [name, clash]) await docker(['network', 'rm', n], manager).catch(() => {});
    await serving?.stop();
  }
});

test('Add label… says beside the fields what the contract refuses, then adds the label as docker node inspect shows it', async ({ page }) => {
  const { manager, workers } = await swarmOrSkip();
  const workerId = await docker(['info', '--format', '{{.Swarm.NodeID}}'], workers[0]);
  const hostname = await docker(['node', 'inspect', '--format', '{{.Description.Hostname}}', workerId], manager);
  const key = uniqueName('berth.e2e.lbl');
  let serving: Serving | undefined;
  try {
    serving = await openSwarm(page, manager, 'Nodes');
    await namedRow(page, 'Nodes', hostname).getByRole('button', { name: 'More' }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Add label…' }).click();
    const dialog = page.getByRole('dialog', { name: `Add a label to ${hostname}` });
    const add = dialog.getByRole('button', { name: 'Add', exact: true });
    // A control character (invisible here) and a value over the limit: before, Add was enabled and the answer read
    // "swarm.updateNode: labelsAdd.a\u0007b: Invalid key in record".
    await dialog.getByLabel('Key').fill('a\u0007b');
    await expect(dialog.getByRole('alert')).toHaveText('a label key: no spaces, = or control characters');
    await expect(add).toBeDisabled();
    await dialog.getByLabel('Key').fill(key);
    await dialog.getByLabel('Value').fill('x'.repeat(4097));
    await expect(dialog.getByRole('alert')).toHaveText('a label value of at most 4096 characters (this one has 4097)');
    await expect(add).toBeDisabled();
    await dialog.getByLabel('Value').fill('yes');
    await add.click();
    await expect(dialog).toHaveCount(0);
    expect(JSON.parse(await docker(['node', 'inspect', '--format', '{{json .Spec.Labels}}', workerId], manager))).toMatchObject({ [key]: 'yes' });
  } finally {
    await docker(['node', 'update', '--label-rm', key, workerId], manager).catch(() => {});
    await serving?.stop();
  }
});
