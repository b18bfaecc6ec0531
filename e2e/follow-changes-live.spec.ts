// A person watches Berth while containers change outside it, and stops and removes one from Berth.
import { docker, TEST_IMAGE, uniqueName, waitFor } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';

test('a container started with the docker CLI appears without a reload, and leaves when removed', async ({ berth }) => {
  const name = uniqueName('live');
  await expect(row(berth, 'Containers', name)).toHaveCount(0);
  await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sleep', '300']);
  await expect(row(berth, 'Containers', name)).toContainText('running');
  await docker(['rm', '-f', name]);
  await expect(row(berth, 'Containers', name)).toHaveCount(0);
});

test('Stop in the UI stops the container in the engine', async ({ berth }) => {
  const name = uniqueName('stop');
  await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sleep', '300']);
  const r = row(berth, 'Containers', name);
  await r.getByRole('button', { name: 'Stop' }).click();
  await waitFor(async () => (await docker(['inspect', '-f', '{{.State.Status}}', name])) === 'exited', 20_000, 'exited');
  await expect(r).toContainText('exited');
  await expect(r.getByRole('button', { name: 'Start' })).toBeVisible();
  await docker(['rm', '-f', name]);
});

test('Remove asks first, refuses a running container until force is chosen, and keeps volumes', async ({ berth }) => {
  const name = uniqueName('rm');
  const volume = uniqueName('keep');
  await docker(['run', '-d', '--name', name, '-v', `${volume}:/data`, TEST_IMAGE, 'sleep', '300']);
  const r = row(berth, 'Containers', name);
  await r.getByRole('button', { name: 'Remove' }).click();
  const dialog = berth.getByRole('alertdialog', { name: `Remove container ${name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await docker(['ps', '-q', '--filter', `name=${name}`])).not.toBe('');

  await r.getByRole('button', { name: 'Remove' }).click();
  const confirm = dialog.getByRole('button', { name: 'Remove' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /Force/ }).check();
  await confirm.click();
  await expect(r).toHaveCount(0);
  expect(await docker(['ps', '-a', '-q', '--filter', `name=${name}`])).toBe('');
  expect(await docker(['volume', 'ls', '-q', '--filter', `name=${volume}`])).toBe(volume);
  await docker(['volume', 'rm', volume]);
});

test('Remove of a stopped container needs no force; a failed action is explained', async ({ berth }) => {
  const name = uniqueName('gone');
  await docker(['create', '--name', name, TEST_IMAGE]);
  const r = row(berth, 'Containers', name);
  await r.getByRole('button', { name: 'Remove' }).click();
  await berth.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(r).toHaveCount(0);

  // An image used by a container cannot be removed without force: the engine's reason reaches the user.
  const user = uniqueName('user');
  await docker(['create', '--name', user, TEST_IMAGE]);
  await berth.getByRole('link', { name: 'Images' }).click();
  await expect(row(berth, 'Images', TEST_IMAGE)).toBeVisible();
  await row(berth, 'Images', TEST_IMAGE).getByRole('button', { name: 'Remove' }).click();
  await berth.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  // The refusal is shown inside the dialog that caused it (it used to be a toast behind the modal).
  await expect(berth.getByRole('alertdialog').getByRole('alert')).toContainText(new RegExp(`containers? (.*, )?${user}(, .*)? uses? this image`));
  await berth.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  await docker(['rm', '-f', user]);
});
