// An image with several tags, as `docker images` users know them: every tag is visible in its row, Remove
// offers to untag one tag or to remove the image with all its tags, and does exactly what it said.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';

test('an image with three tags: all visible, untag one, then remove the image with the rest', async ({ berth }) => {
  // A fresh image of its own (a one-line build: the Docker 20.10 CLI's commit fails on Podman), tagged
  // three times, used by no container.
  const source = uniqueName('tags');
  const [a, b, c] = ['a', 'b', 'c'].map((t) => `berth-test/${source}:${t}`);
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-ctx-'));
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nLABEL berth.test=${source}\n`);
  await promisify(execFile)('docker', ['build', '-q', '-t', a, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  fs.rmSync(ctx, { recursive: true });
  const id = await docker(['image', 'inspect', '-f', '{{.Id}}', a]);
  await docker(['tag', a, b]);
  await docker(['tag', a, c]);
  try {
    await berth.getByRole('link', { name: 'Images' }).click();
    const imageRow = row(berth, 'Images', a);
    const tags = imageRow.getByRole('list', { name: /^Tags of / }).getByRole('listitem');
    await expect(tags).toHaveText([a, b, c].sort());
    for (const t of [a, b, c]) await expect(imageRow.getByText(t, { exact: true })).toBeVisible();

    // Untag b: the dialog says so, and only b goes.
    await imageRow.getByRole('button', { name: 'Remove' }).click();
    const dialog = berth.getByRole('alertdialog');
    await dialog.getByRole('radio', { name: new RegExp(`^Untag ${b.replace(/[/.]/g, '\\$&')}`) }).check();
    await dialog.getByRole('button', { name: 'Untag' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(tags).toHaveText([a, c]);
    expect((await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', `berth-test/${source}`])).split('\n').filter(Boolean).sort()).toEqual([a, c]);

    // Remove the image with all its tags: the engine would refuse a plain rmi by ID ("referenced in
    // multiple repositories"); Berth does what the dialog says.
    await imageRow.getByRole('button', { name: 'Remove' }).click();
    await dialog.getByRole('radio', { name: /^Remove the image \(all 2 tags\)/ }).check();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row(berth, 'Images', `berth-test/${source}`)).toHaveCount(0);
    await expect(docker(['image', 'inspect', id])).rejects.toThrow();
  } finally {
    await docker(['rmi', '-f', id]).catch(() => {});
  }
});
