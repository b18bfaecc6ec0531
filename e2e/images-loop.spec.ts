// The pull → tag → push → build → save/load → prune loop, point and click, against the private engine and
// the private registry (htpasswd log-in). Serve mode keeps log-ins in its own DOCKER_CONFIG.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { docker, engineKind, TEST_IMAGE, testRegistry, uniqueName } from '../electron/testing/engine';
import { expect, fillLogIn, fromMore, row, test } from './support/fixtures';

const run = promisify(execFile);
const registry = process.env.BERTH_E2E_SKIP ? null : testRegistry();
const reg = registry!;

test.describe.configure({ mode: 'serial' });
test.skip(!registry, 'no private registry (BERTH_TEST_REGISTRY)');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-images-'));
const repo = registry ? `${reg.host}/e2e/${uniqueName('app')}` : '';
const pushedTag = `${repo}:pushed`;

/** The registry's tags for a repository, read with its API (basic auth). */
async function registryTags(name: string): Promise<string[]> {
  const res = await fetch(`http://${reg.host}/v2/${name}/tags/list`, {
    headers: { authorization: `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}` },
  });
  return res.ok ? (((await res.json()) as { tags: string[] }).tags ?? []) : [];
}

async function openImages(page: Page) {
  await page.getByRole('link', { name: 'Images' }).click();
  await expect(page.getByRole('heading', { name: 'Images' })).toBeVisible();
}

async function pull(page: Page, reference: string) {
  await openImages(page);
  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Pull an image' });
  await dialog.getByLabel('Image').fill(reference);
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  return dialog;
}

test.beforeAll(async () => {
  // A private image in the registry, pushed by the CLI with its own log-in, then removed locally.
  const cliConfig = path.join(work, 'cli-config');
  const ctx = path.join(work, 'seed');
  fs.mkdirSync(ctx, { recursive: true });
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${uniqueName('seed')} > /seed\n`);
  await run('docker', ['build', '-q', '-t', `${repo}:1`, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  // The credential as `docker login` stores it (config.json `auths`): Podman's /auth cannot check a
  // plain-HTTP registry, so the CLI's own log-in works on Docker only.
  fs.mkdirSync(cliConfig, { recursive: true });
  const auth = Buffer.from(`${reg.username}:${reg.password}`).toString('base64');
  fs.writeFileSync(path.join(cliConfig, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth } } }));
  await docker(['--config', cliConfig, 'push', `${repo}:1`]);
  await docker(['rmi', `${repo}:1`]);
});

test.afterAll(async () => {
  await docker(['rmi', '-f', `${repo}:1`, pushedTag, `${repo}:built`]).catch(() => {});
  fs.rmSync(work, { recursive: true, force: true });
});

test('an invalid reference is refused inline and nothing is sent', async ({ berth }) => {
  await openImages(berth);
  await berth.getByRole('button', { name: 'Pull', exact: true }).click();
  const dialog = berth.getByRole('dialog', { name: 'Pull an image' });
  await dialog.getByLabel('Image').fill('Not/Valid:Ref:x');
  await expect(dialog.getByRole('alert')).toContainText('invalid reference format');
  await expect(dialog.getByRole('button', { name: 'Pull', exact: true })).toBeDisabled();
  await dialog.getByLabel('Image').press('Enter');
  await expect(dialog.getByRole('article')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await berth.getByRole('link', { name: 'Tasks' }).click();
  // No task was started (with none at all, Tasks holds no list: the whole view is checked).
  await expect(berth.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();
  await expect(berth.locator('main')).not.toContainText('Not/Valid');
});

test('a private image cannot be pulled before log-in, and the reason is shown', async ({ berth }) => {
  const dialog = await pull(berth, `${repo}:1`);
  const task = dialog.getByRole('article', { name: `Pull ${repo}:1` });
  await expect(task.getByText('Failed', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(task.getByRole('alert')).toContainText(/no basic auth credentials|unauthorized/i);
});

test('log in through the UI: stored where the Docker CLI keeps it', async ({ berth }) => {
  const dialog = await fillLogIn(berth, reg.host, reg.username, 'wrong-password');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/refused|unauthorized/i);
  await dialog.getByLabel('Password').fill(reg.password);
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog).toBeHidden();
  await expect(row(berth, 'Log-ins', reg.host)).toContainText(reg.username);
  const config = JSON.parse(fs.readFileSync(path.join(process.env.BERTH_E2E_DOCKER_CONFIG!, 'config.json'), 'utf8'));
  expect(Buffer.from(config.auths[reg.host].auth, 'base64').toString()).toBe(`${reg.username}:${reg.password}`);
  // The password never comes back to the page.
  expect(await berth.content()).not.toContain(reg.password);
});

test('pull the private image with per-layer progress', async ({ berth }) => {
  const dialog = await pull(berth, `${repo}:1`);
  const task = dialog.getByRole('article', { name: `Pull ${repo}:1` });
  await expect(task.getByText('Done', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  const layers = task.getByRole('group', { name: 'Layers' }).getByRole('progressbar');
  expect(await layers.count()).toBeGreaterThanOrEqual(2);
  for (const bar of await layers.all()) await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(task.getByText('Already exists').first()).toBeVisible();
  // Said why, not only what the engine said: the layer was already there, so nothing was downloaded.
  await expect(task.getByText(/already holds this layer .* not downloaded/).first()).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(row(berth, 'Images', `${repo}:1`)).toBeVisible();
});

test('tag, push, and find the tag in the registry and its catalog', async ({ berth }) => {
  await openImages(berth);
  await fromMore(berth, row(berth, 'Images', `${repo}:1`), 'Tag');
  const tagDialog = berth.getByRole('dialog', { name: `Tag ${repo}:1` });
  await tagDialog.getByLabel('New reference').fill(pushedTag);
  await tagDialog.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(row(berth, 'Images', pushedTag)).toBeVisible();

  await fromMore(berth, row(berth, 'Images', pushedTag), 'Push');
  const pushDialog = berth.getByRole('dialog', { name: 'Push an image' });
  await pushDialog.getByLabel('Reference').selectOption(pushedTag);
  await pushDialog.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(pushDialog.getByRole('article').getByText('Done', { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await expect(pushDialog.getByRole('article')).toContainText('@sha256:');
  await pushDialog.getByRole('button', { name: 'Close' }).click();
  const name = repo.slice(reg.host.length + 1);
  expect((await registryTags(name)).sort()).toEqual(['1', 'pushed']);

  await berth.getByRole('link', { name: 'Registries' }).click();
  await row(berth, 'Log-ins', reg.host).getByRole('button', { name: 'Browse' }).click();
  await expect(row(berth, `Repositories of ${reg.host}`, name)).toContainText('pushed');
});

test('build from a context folder: .dockerignore honoured, log shown', async ({ berth }) => {
  const ctx = path.join(work, 'ctx');
  fs.mkdirSync(path.join(ctx, 'node_modules'), { recursive: true });
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nCOPY . /app/\nRUN ls /app > /listing\n`);
  fs.writeFileSync(path.join(ctx, '.dockerignore'), 'node_modules\n*.secret\n');
  fs.writeFileSync(path.join(ctx, 'main.sh'), 'echo hi');
  fs.writeFileSync(path.join(ctx, 'db.secret'), 'password');
  fs.writeFileSync(path.join(ctx, 'node_modules', 'big.js'), 'x');
  await openImages(berth);
  await berth.getByRole('button', { name: 'Build', exact: true }).click();
  const dialog = berth.getByRole('dialog', { name: 'Build an image' });
  await dialog.getByLabel('Context folder').fill(ctx);
  await dialog.getByLabel('Tag', { exact: true }).fill(`${repo}:built`);
  // The private test engine has no bridge network (scripts/engine.sh): RUN steps get none.
  await dialog.getByLabel('Network').selectOption('none');
  await expect(dialog.getByRole('list', { name: 'Reproducibility hints' })).toContainText('uses the tag latest');
  await dialog.getByRole('button', { name: 'Build', exact: true }).click();
  const task = dialog.getByRole('article', { name: `Build ${repo}:built` });
  await expect(task.getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
  // Docker builds with BuildKit; Podman has no BuildKit session and gets the classic builder (Buildah).
  const podman = (await engineKind()) === 'podman';
  await expect(task.getByLabel('Log')).toContainText(podman ? 'Building with the classic builder' : 'Building with BuildKit');
  await expect(task.getByLabel('Log')).toContainText(podman ? 'STEP 3/3: RUN ls /app > /listing' : '[3/3] RUN ls /app > /listing');
  const listing = await docker(['run', '--rm', `${repo}:built`, 'cat', '/listing']);
  expect(listing.split('\n').sort()).toEqual(['Dockerfile', 'main.sh']);
});

test('a failing build shows the failing step and leaves no container', async ({ berth }) => {
  const ctx = path.join(work, 'bad');
  fs.mkdirSync(ctx, { recursive: true });
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${uniqueName('step')}\nRUN exit 7\n`);
  const before = await docker(['ps', '-aq']);
  await openImages(berth);
  await berth.getByRole('button', { name: 'Build', exact: true }).click();
  const dialog = berth.getByRole('dialog', { name: 'Build an image' });
  await dialog.getByLabel('Context folder').fill(ctx);
  await dialog.getByLabel('Network').selectOption('none');
  await dialog.getByRole('button', { name: 'Build', exact: true }).click();
  const task = dialog.getByRole('article');
  await expect(task.getByText('Failed', { exact: true })).toBeVisible({ timeout: 30_000 });
  if ((await engineKind()) === 'podman') {
    await expect(task.getByRole('alert')).toContainText('STEP 3/3: RUN exit 7 failed');
    await expect(task.getByRole('alert')).toContainText('exit status 7');
  } else {
    await expect(task.getByRole('alert')).toContainText('[3/3] RUN exit 7 failed');
    await expect(task.getByRole('alert')).toContainText('exit code: 7');
    await expect(task.getByLabel('Log')).toContainText(/#\d+ ERROR: executor failed running \[\/bin\/sh -c exit 7\]: exit code: 7/);
  }
  expect(await docker(['ps', '-aq'])).toBe(before);
});

test('save to a file and load it back', async ({ berth }) => {
  const file = path.join(work, 'saved.tar');
  const id = await docker(['image', 'inspect', '--format', '{{.Id}}', `${repo}:built`]);
  await openImages(berth);
  await fromMore(berth, row(berth, 'Images', `${repo}:built`), 'Save');
  const save = berth.getByRole('dialog', { name: 'Save images to a file' });
  await save.getByLabel('File', { exact: true }).fill(file);
  await save.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(save.getByRole('article').getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
  await save.getByRole('button', { name: 'Close' }).click();
  expect(fs.statSync(file).size).toBeGreaterThan(1000);

  await docker(['rmi', `${repo}:built`]);
  await expect(row(berth, 'Images', `${repo}:built`)).toHaveCount(0);
  await berth.getByRole('button', { name: 'Load', exact: true }).click();
  const load = berth.getByRole('dialog', { name: 'Load images from a file' });
  await load.getByLabel('File', { exact: true }).fill(file);
  await load.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(load.getByRole('article').getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
  await load.getByRole('button', { name: 'Close' }).click();
  await expect(row(berth, 'Images', `${repo}:built`)).toBeVisible();
  expect(await docker(['image', 'inspect', '--format', '{{.Id}}', `${repo}:built`])).toBe(id);
});

test('prune removes exactly the dangling images it listed', async ({ berth }) => {
  const ctx = path.join(work, 'dangling');
  fs.mkdirSync(ctx, { recursive: true });
  const tag = `berth-test/${uniqueName('dangling')}:x`;
  // Three builds under one tag: the first two lose it and dangle; the third keeps it.
  for (const n of [1, 2, 3]) {
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${uniqueName(`d${n}`)} > /d\n`);
    await run('docker', ['build', '-q', '-t', tag, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  }
  const dangling = (await docker(['images', '-q', '--filter', 'dangling=true'])).split('\n').filter(Boolean);
  expect(dangling.length).toBeGreaterThanOrEqual(2);
  const kept = (await docker(['images', '-q', '--filter', 'dangling=false'])).split('\n').filter(Boolean).sort();

  await openImages(berth);
  await berth.getByRole('button', { name: 'Prune', exact: true }).click();
  const dialog = berth.getByRole('alertdialog', { name: 'Prune images' });
  const listed = dialog.getByRole('table', { name: 'Images to remove' });
  for (const id of dangling) await expect(listed).toContainText(id);
  await expect(listed.getByRole('row')).toHaveCount(dangling.length + 1);
  // The exact figure (what the engine frees) is checked against the engine in electron/system/space.int.test.ts.
  await expect(dialog).toContainText(/freeing \d[\d.]*k?M?G?B:/);
  await dialog.getByRole('button', { name: `Remove ${dangling.length} images` }).click();
  await expect(dialog).toBeHidden();
  await expect(berth.getByRole('status').filter({ hasText: `Pruned ${dangling.length} images` })).toBeVisible();
  expect(await docker(['images', '-q', '--filter', 'dangling=true'])).toBe('');
  expect((await docker(['images', '-q', '--filter', 'dangling=false'])).split('\n').filter(Boolean).sort()).toEqual(kept);
  await docker(['rmi', tag]);
});

test('an unreachable registry gives a clear error', async ({ berth }) => {
  const dialog = await pull(berth, '127.0.0.1:1/nothing/here:1');
  const task = dialog.getByRole('article');
  await expect(task.getByText('Failed', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(task.getByRole('alert')).toContainText('connection refused');
});

test('image details: configuration, history and raw JSON', async ({ berth }) => {
  await openImages(berth);
  await fromMore(berth, row(berth, 'Images', `${repo}:1`), 'Details');
  await expect(berth.getByRole('heading', { name: `Image ${repo}:1` })).toBeVisible();
  const digests = berth.getByRole('definition').filter({ hasText: '@sha256:' });
  await expect(digests.first()).toContainText(`${repo}@sha256:`);
  await expect(berth.getByRole('table', { name: 'History' })).toContainText('echo');
  await berth.getByRole('button', { name: 'Raw JSON' }).click();
  await expect(berth.getByLabel('Raw JSON')).toContainText('"RootFS"');
});
