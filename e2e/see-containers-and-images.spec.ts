// A person opens Berth and sees the same containers and images as `docker ps -a` and `docker images`.
import { commitImage, docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';

test('the Containers table lists exactly what docker ps -a lists', async ({ berth }) => {
  const running = uniqueName('see-run');
  const created = uniqueName('see-new');
  await docker(['run', '-d', '--name', running, TEST_IMAGE, 'sleep', '300']);
  await docker(['create', '--name', created, TEST_IMAGE]);
  await berth.reload();
  const cli = (await docker(['ps', '-a', '--format', '{{.Names}}\t{{.State}}'])).split('\n').filter(Boolean);
  const table = berth.getByRole('table', { name: 'Containers' });
  await expect(table).toHaveAttribute('aria-rowcount', String(cli.length + 1));
  for (const line of cli) {
    const [name, state] = line.split('\t');
    await expect(row(berth, 'Containers', name)).toContainText(state);
  }
  await expect(row(berth, 'Containers', running).getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect(row(berth, 'Containers', created).getByRole('button', { name: 'Start' })).toBeVisible();

  await berth.getByRole('checkbox', { name: 'Running only' }).check();
  await expect(row(berth, 'Containers', created)).toHaveCount(0);
  await expect(row(berth, 'Containers', running)).toHaveCount(1);
  await berth.getByRole('checkbox', { name: 'Running only' }).uncheck();
  await berth.getByRole('searchbox', { name: 'Filter containers' }).fill(created);
  await expect(table).toHaveAttribute('aria-rowcount', '2');
  await docker(['rm', '-f', running, created]);
});

test('the Images table lists exactly what docker images lists, dangling as <none>', async ({ berth }) => {
  // Committing twice to one tag leaves the first image dangling.
  const source = uniqueName('commit');
  const tag = `berth-test/${source}:v1`;
  await docker(['create', '--name', source, TEST_IMAGE]);
  const first = await commitImage(source, tag, 'LABEL berth.step=1');
  await commitImage(source, tag, 'LABEL berth.step=2');
  await docker(['rm', source]);
  await berth.getByRole('link', { name: 'Images' }).click();
  await expect(row(berth, 'Images', first.replace('sha256:', '').slice(0, 12))).toContainText('<none>:<none>');
  const table = berth.getByRole('table', { name: 'Images' });
  const ids = new Set((await docker(['images', '--no-trunc', '--format', '{{.ID}}'])).split('\n').filter(Boolean));
  await expect(table).toHaveAttribute('aria-rowcount', String(ids.size + 1));
  await expect(row(berth, 'Images', TEST_IMAGE)).toBeVisible();
  const cli = (await docker(['images', '--format', '{{.Repository}}:{{.Tag}}'])).split('\n').filter(Boolean);
  for (const ref of cli) {
    await expect(table.getByRole('row').filter({ hasText: ref }).first()).toBeVisible();
  }
  await docker(['rmi', tag, first]);
});

test('the Created column ages while the page stays open, as docker ps would on a re-run', async ({ page }) => {
  test.skip(!!process.env.BERTH_E2E_SKIP, `SKIPPING: ${process.env.BERTH_E2E_SKIP}`);
  const name = uniqueName('see-age');
  await docker(['create', '--name', name, TEST_IMAGE]);
  // The page's clock is Playwright's: time moves only when the test says so.
  try {
    await page.clock.install();
    await page.goto(process.env.BERTH_E2E_URL!);
    await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/Docker|Podman/);
    const created = row(page, 'Containers', name).locator('time');
    await expect(created).toHaveText(/seconds? ago|now/);
    const start = await page.evaluate(() => Date.now());
    await page.clock.setSystemTime(start + 3 * 60_000);
    await page.clock.runFor(2_000);
    await expect(created).toHaveText('3 minutes ago');
  } finally {
    await docker(['rm', name]);
  }
});
