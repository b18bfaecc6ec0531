// "Export for HPC" point and click: an image with ENV, ENTRYPOINT, CMD and labels exported as a SIF
// (checked with siftool), its Singularity definition, the SIF opened (descriptors, environment, runscript,
// definition), its files in the Files tree, and imported back into the engine as an image.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildImage, docker, engineKind, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, fromMore, row, test } from './support/fixtures';

test.describe.configure({ mode: 'serial' });
const repo = `berth-e2e/${uniqueName('hpc')}`;
const image = `${repo}:1.0`;
const imported = `${repo}-imported:sif`;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-sif-'));
const sif = path.join(work, 'app.sif');

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await buildImage(image, [
    `FROM ${TEST_IMAGE}`,
    'RUN mkdir -p /opt/app && echo "hello from the cluster" > /opt/app/README && chmod 4755 /opt/app/README',
    'ENV APP_HOME=/opt/app GREETING="hello world"',
    'LABEL org.example.team=hpc',
    'ENTRYPOINT ["/bin/echo"]',
    'CMD ["ready"]',
  ]);
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['rmi', '-f', image, imported]).catch(() => {});
  fs.rmSync(work, { recursive: true, force: true });
});

test('Export as SIF… writes a SIF siftool accepts, with progress and a notice when done', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Images' }).click();
  await fromMore(berth, row(berth, 'Images', image), 'Export as SIF…');
  const dialog = berth.getByRole('dialog', { name: `Export ${image} as SIF` });
  await dialog.getByLabel('SIF file').fill('relative.sif');
  await expect(dialog.getByText(/Give an absolute path/)).toBeVisible();
  await dialog.getByLabel('SIF file').fill(sif);
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByRole('article').getByText('Done', { exact: true })).toBeVisible({ timeout: 60_000 });
  await dialog.screenshot({ path: test.info().outputPath('export-sif.png') });
  const list = (await promisify(execFile)('siftool', ['list', sif])).stdout;
  expect(list).toMatch(/FS \(Squashfs\/\*System\/amd64\)/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  // A second export to the same file is refused until replacing is allowed, inside the dialog.
  await fromMore(berth, row(berth, 'Images', image), 'Export as SIF…');
  const again = berth.getByRole('dialog', { name: `Export ${image} as SIF` });
  await again.getByLabel('SIF file').fill(sif);
  await again.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(again.getByRole('alert')).toContainText('exists');
  await again.getByRole('button', { name: 'Cancel' }).click();
});

test('Copy as Singularity definition: docker-daemon for a local image (Docker), a digest with a warning (Podman)', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Images' }).click();
  await fromMore(berth, row(berth, 'Images', image), 'Copy as Singularity definition');
  const dialog = berth.getByRole('dialog', { name: `Singularity definition for ${image}` });
  const text = dialog.getByLabel('Definition file');
  await expect(text).toContainText('%runscript');
  if ((await engineKind()) === 'docker') {
    // Docker gives an image a repository digest only when it was pushed or pulled.
    await expect(text).toContainText('Bootstrap: docker-daemon');
    await expect(dialog.getByText(/Not pinned by a registry digest/)).toBeVisible();
  } else {
    // Podman records one for every image: the definition pins it, and says to push first.
    await expect(text).toContainText(/Bootstrap: docker\nFrom: \S+@sha256:/);
    await expect(dialog.getByLabel('Notes')).toContainText('Podman records a digest for every image');
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('Open SIF…: descriptors, environment, runscript and definition; its files; import into the engine', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Images' }).click();
  await berth.getByRole('button', { name: 'Open SIF…' }).click();
  let dialog = berth.getByRole('dialog', { name: 'Open a SIF file' });
  await dialog.getByLabel('SIF path').fill(path.join(work, 'missing.sif'));
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await dialog.getByLabel('SIF path').fill(sif);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  dialog = berth.getByRole('dialog', { name: 'SIF app.sif' });
  const descriptors = dialog.getByRole('table', { name: 'SIF descriptors' });
  await expect(descriptors.getByRole('row')).toHaveCount(4); // header + definition, labels, partition
  await expect(descriptors).toContainText('squashfs, primary, amd64');
  await expect(dialog.getByLabel('Environment')).toContainText('hello world');
  await expect(dialog.getByLabel('Runscript')).toContainText('OCI_ENTRYPOINT');
  await expect(dialog.getByLabel('Definition file')).toContainText(/Bootstrap: docker/);
  await dialog.screenshot({ path: test.info().outputPath('open-sif.png') });
  await dialog.getByRole('button', { name: 'Show files' }).click();
  const files = berth.getByRole('tree', { name: 'Files' });
  await expect(files.getByRole('treeitem', { name: /^\.singularity\.d, directory/ })).toBeVisible({ timeout: 30_000 });
  await expect(berth.getByRole('heading', { name: 'Layers of app.sif' })).toBeVisible();
  await berth.getByLabel('Filter files').fill('README');
  await expect(files.getByRole('treeitem', { name: /^README, file, added/ })).toBeVisible();
  await berth.screenshot({ path: test.info().outputPath('sif-files.png') });

  await berth.getByRole('link', { name: 'Images', exact: true }).click();
  await berth.getByRole('button', { name: 'Open SIF…' }).click();
  dialog = berth.getByRole('dialog', { name: 'Open a SIF file' });
  await dialog.getByLabel('SIF path').fill(sif);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await berth.getByRole('dialog', { name: 'SIF app.sif' }).getByRole('button', { name: 'Import into the engine' }).click();
  const imp = berth.getByRole('dialog', { name: 'Import the SIF into the engine' });
  await imp.getByLabel('Image reference').fill(imported);
  await imp.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(imp.getByRole('article').getByText('Done', { exact: true })).toBeVisible({ timeout: 60_000 });
  await imp.getByRole('button', { name: 'Close' }).click();
  await expect(row(berth, 'Images', imported)).toBeVisible();
  expect(await docker(['run', '--rm', '--network', 'none', imported])).toBe('ready');
});
