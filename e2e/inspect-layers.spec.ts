// A person opens an image's layers, reads its efficiency and wasted space, selects a layer and sees
// what that layer added, modified and removed.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';

const run = promisify(execFile);

test('open Layers for an image, select a layer, see its changes marked', async ({ berth }) => {
  const tag = `berth-test/${uniqueName('layers')}:v1`;
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-ctx-'));
  fs.writeFileSync(
    path.join(ctx, 'Dockerfile'),
    [
      `FROM ${TEST_IMAGE}`,
      'RUN mkdir -p /app /tmp/cache && echo v1 > /app/version && dd if=/dev/zero of=/tmp/cache/blob bs=1k count=200',
      'ENV MODE=test',
      'RUN rm -rf /tmp/cache && echo v2 > /app/version && echo new > /app/added.txt',
    ].join('\n'),
  );
  await run('docker', ['build', '-q', '-t', tag, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  fs.rmSync(ctx, { recursive: true });
  try {
    await berth.getByRole('link', { name: 'Images' }).click();
    await row(berth, 'Images', tag).getByRole('button', { name: 'Layers' }).click();
    await expect(berth.getByRole('heading', { name: `Layers of ${tag}` })).toBeVisible();

    const summary = berth.getByRole('definition');
    await expect(berth.getByText('Efficiency', { exact: true })).toBeVisible();
    await expect(summary.first()).toContainText('%');
    await expect(berth.getByText('Wasted space', { exact: true })).toBeVisible();

    const layers = berth.getByRole('table', { name: 'Layers' });
    const historySteps = Number(await docker(['image', 'inspect', '-f', '{{len .RootFS.Layers}}', tag]));
    await expect(layers.getByRole('row', { selected: true })).toHaveCount(1);
    await expect(layers.getByRole('row').filter({ hasText: 'empty layer' }).filter({ hasText: 'MODE=test' })).toHaveCount(1);
    await expect(layers.locator('tbody tr[aria-selected]')).toHaveCount(historySteps);

    // The last layer is selected first: its changes are marked in words.
    const files = berth.getByRole('tree', { name: 'Files' });
    await expect(files.getByRole('treeitem', { name: /^added\.txt, file, added/ })).toBeVisible();
    await expect(files.getByRole('treeitem', { name: /^version, file, modified \(content\)/ })).toBeVisible();
    await expect(files.getByRole('treeitem', { name: /^cache, directory, removed/ })).toBeVisible();

    // Preview a modified file, then its diff with the version below.
    await files.getByRole('treeitem', { name: /^version, file, modified/ }).click();
    const preview = berth.getByRole('region', { name: 'Preview' });
    await expect(preview.locator('pre')).toHaveText('v2');
    await preview.getByRole('button', { name: /^Diff with layer/ }).click();
    await expect(preview.getByLabel(/^Diff of \/app\/version/)).toContainText('- v1');
    await expect(preview.getByLabel(/^Diff of \/app\/version/)).toContainText('+ v2');

    // Select the layer that made /tmp/cache: the blob is added there.
    await layers.getByRole('row').filter({ hasText: 'dd if=/dev/zero' }).click();
    await expect(files.getByRole('treeitem', { name: /^blob, file, added, 204\.8 kB/ })).toBeVisible();

    // The image as of that layer holds busybox's files too; the kind filter narrows to what was added.
    await berth.getByRole('radio', { name: 'Image as of this layer' }).check();
    await expect(files.getByRole('treeitem', { name: /^bin, directory/ })).toBeVisible();
    await berth.getByRole('searchbox', { name: 'Filter files' }).fill('blob');
    await expect(files.getByRole('treeitem')).toHaveCount(3);

    // Keyboard: the tree is navigable.
    await files.getByRole('treeitem').first().focus();
    await berth.keyboard.press('ArrowDown');
    await expect(files.getByRole('treeitem', { selected: true })).toHaveCount(1);
  } finally {
    await docker(['rmi', '-f', tag]).catch(() => {});
  }
});

test('the image family shows base-image chains by shared layers', async ({ berth }) => {
  const base = `berth-test/${uniqueName('fam-base')}:v1`;
  const app = `berth-test/${uniqueName('fam-app')}:v1`;
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-fam-'));
  const build = async (tag: string, from: string, step: string) => {
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${from}\nRUN ${step}\n`);
    await run('docker', ['build', '-q', '-t', tag, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  };
  await build(base, TEST_IMAGE, 'echo base > /base.txt');
  await build(app, base, 'echo app > /app.txt');
  fs.rmSync(ctx, { recursive: true });
  try {
    await berth.getByRole('link', { name: 'Image family' }).click();
    const tree = berth.getByRole('tree', { name: 'Image family' });
    const root = tree.getByRole('treeitem', { name: new RegExp(`^${TEST_IMAGE}: 2 layers`) });
    await expect(root).toHaveAttribute('aria-level', '1');
    const mid = tree.getByRole('treeitem', { name: new RegExp(`^${base}: 3 layers, 2 shared with ${TEST_IMAGE}, 1 of its own`) });
    await expect(mid).toHaveAttribute('aria-level', '2');
    const leaf = tree.getByRole('treeitem', { name: new RegExp(`^${app}: 4 layers, 3 shared with ${base}`) });
    await expect(leaf).toHaveAttribute('aria-level', '3');
  } finally {
    await docker(['rmi', app, base]).catch(() => {});
  }
});

test('compare two images: shared base layers and the files that differ', async ({ berth }) => {
  const one = `berth-test/${uniqueName('cmp-one')}:v1`;
  const two = `berth-test/${uniqueName('cmp-two')}:v1`;
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-cmp-'));
  const build = async (tag: string, step: string) => {
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN ${step}\n`);
    await run('docker', ['build', '-q', '-t', tag, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  };
  await build(one, 'echo one > /shared.txt && echo only > /first-only.txt');
  await build(two, 'echo two > /shared.txt');
  fs.rmSync(ctx, { recursive: true });
  try {
    await berth.getByRole('link', { name: 'Compare' }).click();
    await berth.getByRole('combobox', { name: 'First image' }).selectOption({ label: one });
    await berth.getByRole('combobox', { name: 'Second image' }).selectOption({ label: two });
    await berth.getByRole('button', { name: 'Compare' }).click();
    await expect(berth.getByRole('definition').first()).toContainText('2 layers');
    const files = berth.getByRole('table', { name: 'Files that differ' });
    await expect(files.getByRole('row', { name: /\/shared\.txt differs \(content\)/ })).toBeVisible();
    await expect(files.getByRole('row', { name: /\/first-only\.txt only in first/ })).toBeVisible();
    await expect(berth.getByRole('table', { name: `Layers only in ${one}` }).getByRole('row')).toHaveCount(2);
  } finally {
    await docker(['rmi', one, two]).catch(() => {});
  }
});

test("open an image archive from disk and read dive's numbers for it", async ({ berth }) => {
  const archive = path.resolve(__dirname, '../electron/layers/testdata/dive/test-docker-image.tar');
  await berth.getByRole('link', { name: 'Images' }).click();
  await berth.getByRole('button', { name: 'Open archive' }).click();
  const dialog = berth.getByRole('dialog', { name: 'Inspect an image archive' });
  await dialog.getByRole('textbox', { name: 'Archive path' }).fill('/nonexistent/x.tar');
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(dialog.getByRole('alert')).toContainText('cannot read /nonexistent/x.tar');
  await dialog.getByRole('textbox', { name: 'Archive path' }).fill(archive);
  await dialog.getByRole('button', { name: 'Open' }).click();
  await expect(berth.getByRole('heading', { name: 'Layers of dive-test:latest' })).toBeVisible();
  const summary = berth.getByRole('list', { name: 'Image summary' }).or(berth.locator('dl[aria-label="Image summary"]'));
  await expect(summary).toContainText('98.44 %');
  await expect(summary).toContainText('32 kB');
  await expect(berth.getByRole('table', { name: 'Layers' }).locator('tbody tr[aria-selected]')).toHaveCount(14);
});
