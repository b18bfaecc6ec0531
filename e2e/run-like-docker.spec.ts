// `docker run` habits in the Run dialog (issue #12): a run without -it or -d streams its output live into a
// read-only terminal that keeps it, with the exit code, after --rm removed the container (pasted line and
// form, and a container that lives well under a second); an image that is not on the engine is pulled
// first as a normal pull task (--pull missing), `--pull never` fails with the CLI's words, and a failed
// pull shows in the dialog.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { docker, TEST_IMAGE, testRegistry, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';
import { openRunDialog, screenReaderOn, terminalLine } from './support/terminal';

test.describe.configure({ mode: 'serial' });

const SCRIPT = "echo hello; echo err >&2; exit 3";

/** After a one-shot run: its tab shows the output and the exit code, also once the container is gone. */
async function outputKept(page: Page, name: string, lines: string[], code: number) {
  const tab = page.getByRole('tab', { name });
  await expect(tab).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: `exited with code ${code}` })).toContainText('container removed (--rm)');
  await expect(page.getByText('read-only: no stdin')).toBeVisible();
  for (const l of lines) await expect(terminalLine(page, name, l)).toBeAttached();
  await expect.poll(() => docker(['ps', '-aq', '--filter', `name=^${name}$`]), { timeout: 10_000 }).toBe('');
  await page.getByRole('link', { name: 'Containers' }).click();
  await expect(row(page, 'Containers', name)).toHaveCount(0);
  await page.getByRole('link', { name: 'Terminals' }).click();
  await tab.click();
  await expect(tab).toContainText(`exit ${code}`);
  await expect(page.getByRole('status').filter({ hasText: `exited with code ${code}` })).toBeVisible();
  for (const l of lines) await expect(terminalLine(page, name, l)).toBeAttached();
}

test('a pasted docker run --rm without -it streams its output and keeps it with the exit code', async ({ berth }) => {
  await screenReaderOn(berth);
  const name = uniqueName('e2e-oneshot');
  const dialog = await openRunDialog(berth);
  await dialog.getByLabel('Paste a docker run line').fill(`docker run --rm --name ${name} ${TEST_IMAGE} sh -c '${SCRIPT}'`);
  await expect(dialog.getByLabel('Interactive (-it)')).not.toBeChecked();
  await expect(dialog.getByLabel('Detached (-d)')).not.toBeChecked();
  // No -d added: the CLI's foreground run.
  await expect(dialog.getByLabel('Equivalent docker run')).toHaveValue(new RegExp(`^docker run --rm --name ${name} ${TEST_IMAGE} sh -c `));
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await outputKept(berth, name, ['hello', 'err'], 3);
});

test('the same from the form: Interactive and Detached unchecked, --rm checked', async ({ berth }) => {
  await screenReaderOn(berth);
  const name = uniqueName('e2e-oneshot-form');
  const dialog = await openRunDialog(berth);
  await dialog.getByLabel('Image').fill(TEST_IMAGE);
  await dialog.getByLabel('Command', { exact: true }).fill(`sh -c '${SCRIPT}'`);
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Interactive (-it)').uncheck();
  await dialog.getByLabel('Remove when stopped (--rm)').check();
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await outputKept(berth, name, ['hello', 'err'], 3);
});

test('a container that lives a few milliseconds: its one line and exit code 0 are kept', async ({ berth }) => {
  await screenReaderOn(berth);
  const name = uniqueName('e2e-blink');
  const dialog = await openRunDialog(berth);
  await dialog.getByLabel('Paste a docker run line').fill(`docker run --rm --name ${name} ${TEST_IMAGE} echo blink`);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await outputKept(berth, name, ['blink'], 0);
});

test.describe('an image that is not on the engine', () => {
  const run = promisify(execFile);
  const registry = process.env.BERTH_E2E_SKIP ? null : testRegistry();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-run-pull-'));
  const repo = registry ? `${registry.host}/e2e/${uniqueName('runpull')}` : '';
  const ref = `${repo}:1`;
  const marker = uniqueName('marker');

  test.beforeAll(async () => {
    test.skip(!registry, 'no private registry (BERTH_TEST_REGISTRY)');
    const reg = registry!;
    fs.writeFileSync(path.join(work, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${marker} > /marker\n`);
    await run('docker', ['build', '-q', '-t', ref, work], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    const auth = Buffer.from(`${reg.username}:${reg.password}`).toString('base64');
    const cli = path.join(work, 'cli-config');
    fs.mkdirSync(cli);
    fs.writeFileSync(path.join(cli, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth } } }));
    await docker(['--config', cli, 'push', ref]);
    await docker(['rmi', ref]);
    // Serve mode's own log-ins (as `docker login` stores them), so its pull is authorised.
    const served = path.join(process.env.BERTH_E2E_DOCKER_CONFIG!, 'config.json');
    const config = fs.existsSync(served) ? JSON.parse(fs.readFileSync(served, 'utf8')) : {};
    fs.writeFileSync(served, JSON.stringify({ ...config, auths: { ...config.auths, [reg.host]: { auth } } }));
  });
  test.afterAll(async () => {
    if (registry) await docker(['rmi', '-f', ref]).catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('--pull never fails with the CLI\'s message and pulls nothing', async ({ berth }) => {
    const dialog = await openRunDialog(berth);
    await dialog.getByLabel('Paste a docker run line').fill(`docker run --pull never --rm ${ref} cat /marker`);
    await expect(dialog.getByLabel('Pull policy (--pull)')).toHaveValue('never');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(`Unable to find image '${ref}' locally`);
    await expect(dialog.getByRole('alert')).toContainText('--pull never');
    await expect(dialog.getByRole('article')).toHaveCount(0);
    await expect(docker(['image', 'inspect', ref])).rejects.toThrow(/No such image/);
  });

  test('is pulled first as a pull task (--pull missing, the default), then the container runs', async ({ berth }) => {
    await screenReaderOn(berth);
    const name = uniqueName('e2e-pulled');
    const dialog = await openRunDialog(berth);
    await dialog.getByLabel('Paste a docker run line').fill(`docker run --rm --name ${name} ${ref} cat /marker`);
    await expect(dialog.getByLabel('Pull policy (--pull)')).toHaveValue('missing');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(berth.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
    await expect(terminalLine(berth, name, marker)).toBeAttached();
    await expect(berth.getByRole('status').filter({ hasText: 'exited with code 0' })).toBeVisible();
    await berth.getByRole('link', { name: 'Tasks' }).click();
    const task = berth.getByRole('article', { name: `Pull ${ref}` });
    await expect(task.getByText('Done', { exact: true }).first()).toBeVisible();
    await expect(task.getByRole('group', { name: 'Layers' }).getByRole('progressbar').first()).toHaveAttribute('aria-valuenow', '100');
    expect(await docker(['image', 'inspect', '-f', '{{.Id}}', ref])).toMatch(/^sha256:/);
  });

  test('--pull always pulls again although the image is there, then runs', async ({ berth }) => {
    await screenReaderOn(berth);
    await berth.getByRole('link', { name: 'Tasks' }).click();
    // Navigation is a transition: count once the Tasks view is shown, not the view before it (a CI failure).
    await expect(berth.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();
    const pulls = berth.getByRole('article', { name: `Pull ${ref}` });
    const before = await pulls.count();
    const name = uniqueName('e2e-always');
    const dialog = await openRunDialog(berth);
    await dialog.getByLabel('Paste a docker run line').fill(`docker run --pull always --rm --name ${name} ${ref} cat /marker`);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(berth.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
    await expect(terminalLine(berth, name, marker)).toBeAttached();
    await berth.getByRole('link', { name: 'Tasks' }).click();
    await expect(pulls).toHaveCount(before + 1);
  });

  test('a pull that fails shows in the Run dialog, which stays open', async ({ berth }) => {
    const dialog = await openRunDialog(berth);
    await dialog.getByLabel('Paste a docker run line').fill('docker run --rm 127.0.0.1:1/nothing/here:1 true');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    const task = dialog.getByRole('article', { name: 'Pull 127.0.0.1:1/nothing/here:1' });
    await expect(task.getByText('Failed', { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(dialog.getByRole('alert').filter({ hasText: "Unable to find image '127.0.0.1:1/nothing/here:1' locally, and pulling it failed" })).toContainText('connection refused');
    await expect(dialog).toBeVisible();
  });
});
