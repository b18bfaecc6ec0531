// Volumes, networks and disk usage follow the engine: what is made or removed with the docker CLI shows
// in the open view without Refresh (issue #11: these views needed Refresh).
import { docker, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';

test('a volume made and removed with the docker CLI appears and leaves in the open Volumes view', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Volumes' }).click();
  await expect(berth.getByRole('table', { name: 'Volumes' })).toBeVisible();
  const name = uniqueName('live-vol');
  await docker(['volume', 'create', name]);
  // The volumes list waits for /system/df, which took over 5 s in a clean-clone run beside the swarm suites.
  await expect(row(berth, 'Volumes', name)).toHaveCount(1, { timeout: 30_000 });
  await docker(['volume', 'rm', name]);
  await expect(row(berth, 'Volumes', name)).toHaveCount(0, { timeout: 30_000 });
});

test('a network made and removed with the docker CLI appears and leaves in the open Networks view', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Networks' }).click();
  await expect(berth.getByRole('table', { name: 'Networks' })).toBeVisible();
  const name = uniqueName('live-net');
  await docker(['network', 'create', '--internal', name]);
  await expect(row(berth, 'Networks', name)).toHaveCount(1);
  await docker(['network', 'rm', name]);
  await expect(row(berth, 'Networks', name)).toHaveCount(0);
});

test('the Disk usage view counts a new volume without Refresh', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Disk usage' }).click();
  const volumes = berth.getByRole('table', { name: 'Disk usage' }).getByRole('row').filter({ hasText: 'Local volumes' });
  await expect(volumes).toBeVisible();
  const before = Number((await volumes.getByRole('cell').nth(0).textContent()) ?? 'NaN');
  const name = uniqueName('df-vol');
  await docker(['volume', 'create', name]);
  await expect(volumes.getByRole('cell').nth(0)).toHaveText(String(before + 1));
  await docker(['volume', 'rm', name]);
  await expect(volumes.getByRole('cell').nth(0)).toHaveText(String(before));
});
