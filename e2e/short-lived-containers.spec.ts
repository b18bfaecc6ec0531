// Containers that exit within a second are shown as exited, with their exit code, at once and after a
// reload, and can be removed without "stop it first" (issue #11: they stayed "running" for minutes).
import { docker, SHORT_LIVED, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';

test('six short-lived containers are listed as exited with their exit codes, also after a reload', async ({ berth }) => {
  const prefix = uniqueName('short');
  const runs = SHORT_LIVED;
  const names = runs.map((_, i) => `${prefix}-${i}`);
  await Promise.all(runs.map((r, i) => docker(['run', '-d', '--name', names[i]!, TEST_IMAGE, ...r.cmd])));
  const allExited = async () => {
    for (const [i, r] of runs.entries()) {
      const cells = row(berth, 'Containers', names[i]!);
      await expect(cells).toContainText('exited', { timeout: 5000 });
      await expect(cells).toContainText(new RegExp(`Exited \\(${r.code}\\) (Less than a second|\\d+ seconds?) ago`), { timeout: 5000 });
    }
  };
  await allExited();
  await berth.reload();
  await expect(berth.getByRole('status', { name: 'Engine status' })).toContainText(/Docker|Podman/);
  await allExited();

  const r = row(berth, 'Containers', names[1]!);
  await r.getByRole('button', { name: 'Remove' }).click();
  const dialog = berth.getByRole('alertdialog', { name: `Remove container ${names[1]}?` });
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(r).toHaveCount(0);
  // The removal failed nowhere (the non-zero exits themselves are told as deaths: notifications.spec.ts).
  await expect(berth.getByRole('alert').filter({ hasText: 'Could not' })).toHaveCount(0);
  expect(await docker(['ps', '-a', '-q', '--filter', `name=^${names[1]}$`])).toBe('');
  await docker(['rm', '-f', ...names.filter((_, i) => i !== 1)]);
});
