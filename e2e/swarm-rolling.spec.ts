// Rolling service updates end to end (issue #16, review findings 11 and 13), through the UI of a second serve process
// against the private swarm's manager (scripts/swarm.sh), `docker service inspect` and `docker service ps` as the
// oracle: an update's progress batch by batch, a paused update's reason in the row, Resume update and Rollback.
// Images tagged on the nodes are removed after. In the Podman round these skip: the swarm is Docker's.
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, fromMore, namedRow, test } from './support/fixtures';
import type { Serving } from './support/serve';
import { openServices, runningTasks, screenshots, swarmOrSkip } from './support/swarm-services';

test('an update to an image no node has: the dialog warns of the outage, the row says paused with the task’s error as text, and its Rollback and Resume update work, Resume after a confirmation that names the lost way back (docker service inspect)', async ({ page }) => {
  const { manager, workers } = await swarmOrSkip();
  test.setTimeout(180_000);
  const one = uniqueName('uipause1');
  const two = uniqueName('uipause2');
  const missing = `berth-test/${uniqueName('nope')}:1`;
  const nodes = [manager, ...workers];
  const status = async (svc: string) => (JSON.parse(await docker(['service', 'inspect', '--format', '{{json .UpdateStatus}}', svc], manager)) as { State?: string } | null)?.State;
  const reason = `paused: task rejected: No such image: ${missing}`;
  let serving: Serving | undefined;
  try {
    for (const [svc, replicas] of [[one, '1'], [two, '2']] as const) {
      await docker(['service', 'create', '-d', '--no-resolve-image', '--name', svc, '--replicas', replicas, '--update-failure-action', 'pause', '--update-order', 'stop-first', TEST_IMAGE, 'sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'], manager);
    }
    serving = await openServices(page, manager);
    const row1 = namedRow(page, 'Services', one);
    await expect(row1).toContainText('1/1', { timeout: 30_000 });

    // One replica, stop-first, pause: the dialog says what a failing image means, for those settings only.
    await fromMore(page, row1, 'Update image…');
    const update = page.getByRole('dialog', { name: `Update the image of ${one}` });
    await expect(update).toContainText('the service stays down (0/1) until you roll it back');
    await update.getByLabel('Order').selectOption('start-first');
    await expect(update).not.toContainText('stays down');
    await update.getByLabel('Order').selectOption('stop-first');
    await update.getByLabel('Image').fill(missing);
    await update.getByRole('button', { name: 'Update' }).click();
    await expect(update).toHaveCount(0);

    // Paused: the reason is text in the row's Update cell (not a title), announced once; Rollback from the row.
    await expect(row1.getByRole('cell').filter({ hasText: reason })).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByRole('status', { name: 'Service updates' })).toContainText(`${one}: update paused: task rejected: No such image: ${missing}`);
    expect(await status(one)).toBe('paused');
    await screenshots(page, 'service-paused');
    await page.setViewportSize({ width: 1280, height: 720 });
    await row1.getByRole('button', { name: 'Rollback' }).click();
    await expect.poll(() => status(one), { timeout: 60_000 }).toBe('rollback_completed');
    expect(await docker(['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', one], manager)).toBe(TEST_IMAGE);
    await expect(row1).toContainText('rollback completed', { timeout: 30_000 });
    await expect(row1).toContainText('1/1', { timeout: 30_000 });
    await expect(row1.getByRole('button', { name: 'Resume update' })).toHaveCount(0);

    // Two replicas: one old task still runs beside the rejected new one; once the image is on every node, Resume update.
    const row2 = namedRow(page, 'Services', two);
    await expect(row2).toContainText('2/2', { timeout: 30_000 });
    await docker(['service', 'update', '-d', '--no-resolve-image', '--image', missing, two], manager);
    await expect(row2).toContainText(reason, { timeout: 30_000 });
    await expect(row2.getByRole('cell').filter({ hasText: `1/2 ${TEST_IMAGE}` })).toContainText(`0/2 ${missing}`, { timeout: 30_000 });
    for (const n of nodes) await docker(['tag', TEST_IMAGE, missing], n);
    expect(await status(two)).toBe('paused');
    // Resume asks first, saying that the way back is lost (review 16c, finding A).
    await row2.getByRole('button', { name: 'Resume update…' }).click();
    const resume = page.getByRole('alertdialog', { name: `Resume the update of ${two}?` });
    await expect(resume).toContainText(`Rollback will no longer return to ${TEST_IMAGE}`);
    await resume.getByRole('button', { name: 'Resume update' }).click();
    await expect(resume).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: `Resuming the update of ${two}` })).toHaveCount(1);
    await expect.poll(() => status(two), { timeout: 60_000 }).toBe('completed');
    await expect.poll(async () => (await runningTasks(manager, two)).filter((l) => l.endsWith(` ${missing}`)).length, { timeout: 30_000 }).toBe(2);
    await expect(row2).toContainText('completed', { timeout: 30_000 });
    await expect(row2).toContainText(`2/2`);
    // Its previous spec is now the current one: no Rollback to offer (it would bring no earlier image back).
    expect(JSON.parse(await docker(['service', 'inspect', '--format', '{{json .PreviousSpec.TaskTemplate.ContainerSpec.Image}}', two], manager))).toMatch(new RegExp(`^${missing}`));
    await row2.getByRole('button', { name: 'More' }).click();
    await expect(page.getByRole('menuitem', { name: 'Rollback' })).toBeDisabled();
    await page.keyboard.press('Escape');
  } finally {
    await docker(['service', 'rm', one, two], manager).catch(() => {});
    for (const n of nodes) await docker(['rmi', missing], n).catch(() => {});
    await serving?.stop();
  }
});

test('a rolling update with a delay between batches: the row counts the tasks on the new image batch by batch, both images with their counts, and says when it ends', async ({ page }) => {
  const { manager, workers } = await swarmOrSkip();
  test.setTimeout(150_000);
  const name = uniqueName('uiroll');
  const tag2 = `berth-test/busybox:${uniqueName('roll')}`;
  const tag = tag2.slice(tag2.lastIndexOf(':') + 1);
  const nodes = [manager, ...workers];
  let serving: Serving | undefined;
  try {
    for (const n of nodes) await docker(['tag', TEST_IMAGE, tag2], n);
    await docker(['service', 'create', '-d', '--no-resolve-image', '--name', name, '--replicas', '3', TEST_IMAGE, 'sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'], manager);
    serving = await openServices(page, manager);
    const row = namedRow(page, 'Services', name);
    await expect(row).toContainText('3/3', { timeout: 30_000 });
    await fromMore(page, row, 'Update image…');
    const update = page.getByRole('dialog', { name: `Update the image of ${name}` });
    await update.getByLabel('Image').fill(tag2);
    await update.getByLabel('Delay').fill('4s');
    await update.getByRole('button', { name: 'Update' }).click();
    await expect(update).toHaveCount(0);
    // The Image and Update cells read together: each batch shows its own count in both, the old image beside the new.
    const cells = () => row.evaluate((r) => [...r.querySelectorAll('[role=cell]')].map((c) => (c.textContent ?? '').trim()));
    const stage = (n: number) => async () => {
      const c = await cells();
      return c[5]?.startsWith(`updating: ${n} of 3 on ${tag}`) ? c[3] : null;
    };
    await expect.poll(stage(1), { timeout: 30_000 }).toBe(`1/3 ${tag2}2/3 latest`);
    await screenshots(page, 'service-updating');
    await page.setViewportSize({ width: 1280, height: 720 });
    // No event comes between two batches: the view must ask on its own to see the second.
    await expect.poll(stage(2), { timeout: 30_000 }).toBe(`2/3 ${tag2}1/3 latest`);
    await expect(row.getByRole('cell').nth(5)).toHaveText('completed', { timeout: 60_000 });
    await expect(row.getByRole('cell').nth(3)).toHaveText(tag2);
    await expect(page.getByRole('status', { name: 'Service updates' })).toContainText(`${name}: update completed`);
    expect((await runningTasks(manager, name)).map((l) => l.split(' ')[1])).toEqual([tag2, tag2, tag2]);
    expect(JSON.parse(await docker(['service', 'inspect', '--format', '{{json .UpdateStatus.State}}', name], manager))).toBe('completed');
  } finally {
    await docker(['service', 'rm', name], manager).catch(() => {});
    for (const n of nodes) await docker(['rmi', tag2], n).catch(() => {});
    await serving?.stop();
  }
});
