// Swarm service writes end to end (issue #16), through the UI of a second serve process against the private swarm's
// manager (scripts/swarm.sh), the docker CLI against the same manager as the oracle (`docker service inspect`, `docker
// service ps`). A second tag of the test image is made on every node for the image update and removed after; a
// drained node is activated again in a finally. In the Podman round these skip: the swarm is Docker's.
// BERTH_SWARM_SHOTS=DIR writes screenshots of the create dialog and the Tasks table at 1280×720 and 1920×1080 to DIR.
// Rolling updates (progress, pause, resume) are in swarm-rolling.spec.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, fromMore, namedRow, test } from './support/fixtures';
import type { Serving } from './support/serve';
import { createDialog, lines, openServices, runningTasks, screenshots, SLEEPER, swarmOrSkip, tableRunning } from './support/swarm-services';

test('a service created from the dialog: its tasks come up, it scales, updates its image, rolls back and is removed after an alertdialog', async ({ page }) => {
  const { manager, workers } = await swarmOrSkip();
  test.setTimeout(180_000);
  const name = uniqueName('uisvc');
  const tag2 = `berth-test/busybox:${uniqueName('ui')}`;
  const nodes = [manager, ...workers];
  const inspect = async (field: string) => JSON.parse(await docker(['service', 'inspect', '--format', `{{json ${field}}}`, name], manager)) as unknown;
  let serving: Serving | undefined;
  try {
    for (const n of nodes) await docker(['tag', TEST_IMAGE, tag2], n);
    serving = await openServices(page, manager);
    const dialog = await createDialog(page, name);
    await dialog.getByLabel('Replicas').fill('3');
    await dialog.getByLabel('Labels').fill('berth.e2e=yes');
    await dialog.getByLabel('Memory limit').fill('64m');
    await dialog.getByLabel('Parallelism').fill('2');
    const line = dialog.getByLabel('Equivalent docker service create');
    await expect(line).toHaveValue(`docker service create --name ${name} --replicas 3 -l berth.e2e=yes --limit-memory 64MiB --update-parallelism 2 ${TEST_IMAGE} sh -c 'trap "exit 0" TERM; sleep 3600 & wait'`);
    await screenshots(page, 'service-create');
    await page.setViewportSize({ width: 1280, height: 720 });
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    expect(await inspect('.Spec.Labels')).toEqual({ 'berth.e2e': 'yes' });
    expect(await inspect('.Spec.TaskTemplate.Resources.Limits.MemoryBytes')).toBe(64 * 1024 * 1024);

    // Its tasks come up: three running, spread as docker service ps says, the same in the Tasks table.
    const row = namedRow(page, 'Services', name);
    await expect(row).toContainText('3/3', { timeout: 30_000 });
    await expect.poll(async () => (await runningTasks(manager, name)).length, { timeout: 30_000 }).toBe(3);
    // The create's notice said it was starting them; the convergence is said too (not "Created" alone).
    await expect(page.getByText(`Created service ${name}: starting its tasks`)).toBeVisible();
    await expect(page.getByText(`${name}: all 3 tasks running`)).toBeVisible();
    await row.getByRole('button', { name: 'Tasks' }).click();
    await expect.poll(async () => (await tableRunning(page)).sort(), { timeout: 30_000 }).toEqual((await runningTasks(manager, name)).map((l) => l.split(' ')[0]!).sort());
    await screenshots(page, 'service-tasks');
    await page.setViewportSize({ width: 1280, height: 720 });

    // A new service has no previous spec: Rollback is not offered until its first update (a scale is one).
    await page.getByRole('tab', { name: 'Services' }).click();
    await row.getByRole('button', { name: 'More' }).click();
    await expect(page.getByRole('menuitem', { name: 'Rollback' })).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');

    // Scale to 2.
    await row.getByRole('button', { name: 'Scale' }).click();
    const scale = page.getByRole('dialog', { name: `Scale ${name}` });
    await scale.getByLabel('Replicas').fill('2');
    await expect(scale).toContainText(`docker service scale ${name}=2`);
    await scale.getByRole('button', { name: 'Scale' }).click();
    await expect(scale).toHaveCount(0);
    expect(await inspect('.Spec.Mode')).toEqual({ Replicated: { Replicas: 2 } });
    await expect(row).toContainText('2/2', { timeout: 30_000 });

    // Update the image with rolling settings.
    await fromMore(page, row, 'Update image…');
    const update = page.getByRole('dialog', { name: `Update the image of ${name}` });
    await expect(update.getByLabel('Parallelism')).toHaveValue('2');
    await update.getByLabel('Image').fill(tag2);
    await update.getByLabel('Delay').fill('500ms');
    await update.getByLabel('Order').selectOption('start-first');
    await update.getByLabel('Failure action').selectOption('rollback');
    await expect(update.getByLabel('Equivalent docker service update')).toHaveValue(`docker service update --image ${tag2} --update-parallelism 2 --update-delay 500ms --update-failure-action rollback --update-order start-first ${name}`);
    await update.getByRole('button', { name: 'Update' }).click();
    await expect(update).toHaveCount(0);
    expect(await inspect('.Spec.UpdateConfig')).toMatchObject({ Parallelism: 2, Delay: 500e6, FailureAction: 'rollback', Order: 'start-first' });
    await expect(row).toContainText(tag2);
    await expect.poll(async () => (await runningTasks(manager, name)).filter((l) => l.endsWith(` ${tag2}`)).length, { timeout: 60_000 }).toBe(2);
    await expect(row).toContainText('completed', { timeout: 30_000 });

    await fromMore(page, row, 'Rollback');
    await expect(row).toContainText(TEST_IMAGE);
    expect(await inspect('.Spec.TaskTemplate.ContainerSpec.Image')).toBe(TEST_IMAGE);
    await expect(row).toContainText('rollback completed', { timeout: 60_000 });
    await expect.poll(async () => (await runningTasks(manager, name)).filter((l) => l.endsWith(` ${TEST_IMAGE}`)).length, { timeout: 30_000 }).toBe(2);

    await fromMore(page, row, 'Remove…');
    const confirm = page.getByRole('alertdialog', { name: `Remove service ${name}?` });
    await expect(confirm).toContainText(`docker service rm ${name}`);
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(row).toHaveCount(0);
    await expect(page.getByText(`Removed service ${name}: the swarm stops its tasks`)).toBeVisible();
    expect(await docker(['service', 'ls', '-q', '--filter', `name=${name}`], manager)).toBe('');
  } finally {
    await docker(['service', 'rm', name], manager).catch(() => {});
    for (const n of nodes) await docker(['rmi', tag2], n).catch(() => {});
    await serving?.stop();
  }
});

test('a pasted docker service create line, a refusal kept in the dialog, a global service that cannot scale, and a drained node whose tasks move', async ({ page }) => {
  const { manager, workers } = await swarmOrSkip();
  test.setTimeout(150_000);
  const name = uniqueName('uipaste');
  const global = uniqueName('uiglob');
  const nowhere = uniqueName('uimars');
  const workerId = await docker(['info', '--format', '{{.Swarm.NodeID}}'], workers[0]);
  const hostname = await docker(['node', 'inspect', '--format', '{{.Description.Hostname}}', workerId], manager);
  let serving: Serving | undefined;
  try {
    await docker(['service', 'create', '-d', '--no-resolve-image', '--mode', 'global', '--name', global, TEST_IMAGE, 'sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'], manager);
    serving = await openServices(page, manager);
    await page.getByRole('button', { name: 'Create service' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a service' });
    // A pasted line fills the form; a flag Berth does not model is listed.
    await dialog.getByLabel('Paste a docker service create line').fill(`docker service create -d --init --name ${global} --replicas 4 --constraint node.role!=nobody ${TEST_IMAGE} ${SLEEPER}`);
    await expect(dialog.getByRole('alert', { name: 'Problems in the pasted line' })).toHaveText("--init: not supported by Berth's service dialog");
    await expect(dialog.getByLabel('Name')).toHaveValue(global);
    await expect(dialog.getByLabel('Replicas')).toHaveValue('4');
    await expect(dialog.getByLabel('Constraints')).toHaveValue('node.role!=nobody');
    // The name is taken: the engine's refusal in the dialog, every value kept; a new name then creates it.
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.getByRole('alert').last()).toContainText(global);
    await expect(dialog.getByLabel('Replicas')).toHaveValue('4');
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect.poll(async () => (await runningTasks(manager, name)).length, { timeout: 30_000 }).toBe(4);

    // A global service has no replica count: the Scale dialog says so and offers nothing to submit.
    await namedRow(page, 'Services', global).getByRole('button', { name: 'Scale' }).click();
    const scale = page.getByRole('dialog', { name: `Scale ${global}` });
    await expect(scale.getByRole('alert')).toHaveText(`${global} is a global service: only a replicated service has a replica count to scale (a global one runs one task on every node that may take it).`);
    await expect(scale.getByRole('button', { name: 'Scale' })).toBeDisabled();
    await scale.getByRole('button', { name: 'Cancel' }).click();

    // Drain a worker holding a task: its tasks move to the other nodes, in docker service ps and in the Tasks table.
    await expect.poll(async () => (await runningTasks(manager, name)).map((l) => l.split(' ')[0]), { timeout: 30_000 }).toContain(hostname);
    await page.getByRole('tab', { name: 'Nodes' }).click();
    await namedRow(page, 'Nodes', hostname).getByRole('button', { name: 'Drain' }).click();
    await expect(namedRow(page, 'Nodes', hostname)).toContainText('drain');
    await expect.poll(async () => { const r = await runningTasks(manager, name); return r.length === 4 && r.every((l) => !l.startsWith(`${hostname} `)); }, { timeout: 60_000 }).toBe(true);
    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByLabel('Service').selectOption(name);
    await expect.poll(async () => (await tableRunning(page)).sort(), { timeout: 30_000 }).toEqual((await runningTasks(manager, name)).map((l) => l.split(' ')[0]!).sort());
    expect(await tableRunning(page)).not.toContain(hostname);
    await page.getByRole('tab', { name: 'Nodes' }).click();
    await namedRow(page, 'Nodes', hostname).getByRole('button', { name: 'Activate' }).click();
    await expect(namedRow(page, 'Nodes', hostname)).toContainText('active');

    // A service no node may take: created (the manager accepts it), then said not to run, with the engine's reason.
    await page.getByRole('tab', { name: 'Services' }).click();
    const stuck = await createDialog(page, nowhere);
    await stuck.getByLabel('Constraints').fill('node.labels.zone==mars');
    await stuck.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(stuck).toHaveCount(0);
    await expect(page.getByText(new RegExp(`^${nowhere}: no task runs: no suitable node`))).toBeVisible({ timeout: 30_000 });
    expect(await docker(['service', 'ps', nowhere, '--format', '{{.CurrentState}} {{.Error}}'], manager)).toMatch(/^Pending .*no suitable node/);
  } finally {
    await docker(['node', 'update', '--availability', 'active', workerId], manager).catch(() => {});
    await docker(['service', 'rm', name, global, nowhere], manager).catch(() => {});
    await serving?.stop();
  }
});

test('the command palette offers Create service… by the CLI words; from any view it opens the dialog over Services and creates the service; a stale Scale dialog names the removed service', async ({ page }) => {
  const { manager } = await swarmOrSkip();
  const name = uniqueName('palsvc');
  let serving: Serving | undefined;
  try {
    serving = await openServices(page, manager);
    await page.getByRole('link', { name: 'Images' }).click();
    await page.keyboard.press('Control+K');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').fill('docker service create');
    await expect(palette.getByRole('option').first()).toContainText('Create service…');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Create a service' });
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL(/#\/swarm\/services$/);
    await dialog.getByLabel('Image').fill(TEST_IMAGE);
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Command').fill(SLEEPER);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    expect(lines(await docker(['service', 'ls', '--filter', `name=${name}`, '--format', '{{.Name}} {{.Mode}}'], manager))).toEqual([`${name} replicated`]);
    await expect(namedRow(page, 'Services', name)).toContainText('1/1', { timeout: 30_000 });

    // A dialog left open while the service is removed elsewhere names it, not its ID (review 16c).
    await namedRow(page, 'Services', name).getByRole('button', { name: 'Scale' }).click();
    const scale = page.getByRole('dialog', { name: `Scale ${name}` });
    await docker(['service', 'rm', name], manager);
    await scale.getByLabel('Replicas').fill('2');
    await scale.getByRole('button', { name: 'Scale' }).click();
    await expect(scale.getByRole('alert')).toHaveText(`service ${name} no longer exists: it was removed meanwhile`);
  } finally {
    await docker(['service', 'rm', name], manager).catch(() => {});
    await serving?.stop();
  }
});

test('a service given an existing secret (offered by name) and a config in the long form from the dialog: the engine’s spec names both; a missing secret is refused in the dialog', async ({ page }) => {
  const { manager } = await swarmOrSkip();
  test.setTimeout(90_000);
  const name = uniqueName('uisecsvc');
  const secret = uniqueName('uisec');
  const config = uniqueName('uicfg');
  const missing = uniqueName('nosuch');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uisec-'));
  let serving: Serving | undefined;
  try {
    fs.writeFileSync(path.join(dir, 'data'), 'e2e file text\n');
    const secretId = await docker(['secret', 'create', secret, path.join(dir, 'data')], manager);
    const configId = await docker(['config', 'create', config, path.join(dir, 'data')], manager);
    serving = await openServices(page, manager);
    const dialog = await createDialog(page, name);
    await screenshots(page, 'service-create-files-empty');
    await dialog.getByRole('combobox', { name: 'Add an existing secret' }).selectOption(secret);
    await expect(dialog.getByLabel('Secrets', { exact: true })).toHaveValue(secret);
    await dialog.getByLabel('Configs', { exact: true }).fill(`source=${config},target=/etc/app.conf,mode=0440`);
    const line = dialog.getByLabel('Equivalent docker service create');
    await expect(line).toHaveValue(`docker service create --name ${name} --replicas 1 --secret ${secret} --config source=${config},target=/etc/app.conf,mode=0440 ${TEST_IMAGE} sh -c 'trap "exit 0" TERM; sleep 3600 & wait'`);
    await screenshots(page, 'service-create-files');
    await page.setViewportSize({ width: 1280, height: 720 });
    // A secret the swarm does not have: refused before anything is made, said in the dialog, every value kept.
    await dialog.getByLabel('Secrets', { exact: true }).fill(`${secret}\n${missing}`);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog.getByRole('alert').last()).toContainText(`no secret named ${missing}`);
    expect(await docker(['service', 'ls', '-q', '--filter', `name=${name}`], manager)).toBe('');
    await dialog.getByLabel('Secrets', { exact: true }).fill(secret);
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    const spec = JSON.parse(await docker(['service', 'inspect', '--format', '{{json .Spec.TaskTemplate.ContainerSpec}}', name], manager)) as { Secrets: unknown; Configs: unknown };
    expect(spec.Secrets).toEqual([{ SecretID: secretId, SecretName: secret, File: { Name: secret, UID: '0', GID: '0', Mode: 0o444 } }]);
    expect(spec.Configs).toEqual([{ ConfigID: configId, ConfigName: config, File: { Name: '/etc/app.conf', UID: '0', GID: '0', Mode: 0o440 } }]);
    await expect(namedRow(page, 'Services', name)).toContainText('1/1', { timeout: 30_000 });
  } finally {
    await docker(['service', 'rm', name], manager).catch(() => {});
    await docker(['secret', 'rm', secret], manager).catch(() => {});
    await docker(['config', 'rm', config], manager).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    await serving?.stop();
  }
});
