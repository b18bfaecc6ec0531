// A person opens a `docker save a b` archive that holds two images, sees both listed with their layer
// counts, picks the second and inspects that image's layers (not the first image's).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildImage, docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, test } from './support/fixtures';

test('an archive of two images lists both and inspects the one picked', async ({ berth }) => {
  const one = `berth-test/${uniqueName('arc-one')}:v1`;
  const two = `berth-test/${uniqueName('arc-two')}:v1`;
  await buildImage(one, [`FROM ${TEST_IMAGE}`, 'RUN echo one > /one.txt']);
  await buildImage(two, [`FROM ${TEST_IMAGE}`, 'RUN echo two > /two.txt', 'RUN echo only-two > /only-two.txt']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-archive-'));
  const archive = path.join(dir, 'both.tar');
  try {
    await docker(['save', '-o', archive, one, two]);
    const layersOf = async (ref: string) => Number(await docker(['image', 'inspect', '-f', '{{len .RootFS.Layers}}', ref]));
    const [layersOne, layersTwo] = [await layersOf(one), await layersOf(two)];

    await berth.getByRole('link', { name: 'Images' }).click();
    await berth.getByRole('button', { name: 'Open archive' }).click();
    const dialog = berth.getByRole('dialog', { name: 'Inspect an image archive' });
    await dialog.getByRole('textbox', { name: 'Archive path' }).fill(archive);
    await dialog.getByRole('button', { name: 'Open' }).click();

    const images = dialog.getByRole('radiogroup', { name: 'Images in the archive' });
    await expect(images.getByRole('radio')).toHaveCount(2);
    await expect(images.getByRole('radio', { name: `${one}: ${layersOne} layers` })).toBeVisible();
    const second = images.getByRole('radio', { name: new RegExp(`^${two.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ${layersTwo} layers, `) });
    await second.check();
    await dialog.getByRole('button', { name: 'Inspect' }).click();

    await expect(berth.getByRole('heading', { name: `Layers of ${two}` })).toBeVisible();
    await expect(berth.getByRole('table', { name: 'Layers' }).locator('tbody tr[aria-selected]')).toHaveCount(layersTwo);
    // The top layer is the second image's own: it wrote /only-two.txt.
    await expect(berth.getByRole('tree', { name: 'Files' }).getByRole('treeitem', { name: /^only-two\.txt, file, added/ })).toBeVisible();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await docker(['rmi', one, two]).catch(() => {});
  }
});
