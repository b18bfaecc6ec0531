// The Stacks view from the engine's containers alone: containers labelled as Compose v2 labels them
// (created by the test through the docker CLI, since v2 is not in Debian 12) group into one stack, shown
// partly running while one is stopped, and the stack's Stop, Start and Remove act on all of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, namedRow, row, test } from './support/fixtures';

test.describe.configure({ mode: 'serial' });
const project = uniqueName('stack').toLowerCase();
const loner = uniqueName('loner');
const labels = (service: string, n: number) => [
  '--label', `com.docker.compose.project=${project}`,
  '--label', `com.docker.compose.service=${service}`,
  '--label', `com.docker.compose.container-number=${n}`,
  '--label', 'com.docker.compose.oneoff=False',
  '--label', `com.docker.compose.project.config_files=/srv/${project}/compose.yaml`,
  '--label', `com.docker.compose.project.working_dir=/srv/${project}`,
];
const names = [`${project}-web-1`, `${project}-web-2`, `${project}-db-1`];

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  const say = (what: string) => ['sh', '-c', `echo ${what}; echo ${what} error >&2; exec sleep 600`];
  await docker(['run', '-d', '--network', 'none', '--name', names[0]!, ...labels('web', 1), TEST_IMAGE, ...say('serving-from-web-one')]);
  await docker(['run', '-d', '--network', 'none', '--name', names[1]!, ...labels('web', 2), TEST_IMAGE, ...say('serving-from-web-two')]);
  await docker(['create', '--network', 'none', '--name', names[2]!, ...labels('db', 1), TEST_IMAGE, ...say('db-ready')]);
  await docker(['run', '-d', '--network', 'none', '--name', loner, TEST_IMAGE, 'sleep', '600']);
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['rm', '-f', ...names, loner]).catch(() => {});
});

test('Containers groups a stack under a collapsible row; its details list services and commands; its logs download as one file', async ({ berth }) => {
  const containers = berth.getByRole('table', { name: 'Containers' });
  const group = containers.getByRole('row').filter({ has: berth.getByRole('button', { name: `stack ${project}`, exact: true }) });
  const toggle = group.getByRole('button', { name: `stack ${project}`, exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(group).toContainText('partly running 2/3');
  await expect(row(berth, 'Containers', names[0]!)).toContainText(`${project}/web`);
  await berth.screenshot({ path: test.info().outputPath('containers-grouped.png') });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  for (const n of names) await expect(containers).not.toContainText(n);
  await expect(containers).toContainText(loner);
  await toggle.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  for (const n of names) await expect(containers).toContainText(n);
  // Ungrouped, no header row: the containers alone.
  await berth.getByLabel('Group by stack').uncheck();
  await expect(toggle).toHaveCount(0);
  await expect(containers).toContainText(names[2]!);
  await berth.getByLabel('Group by stack').check();

  // The stack's details: one row per service with its replicas; per-service Restart restarts only that service.
  await group.getByRole('link', { name: 'Stack details' }).click();
  await expect(berth.getByRole('heading', { name: `Stack ${project}` })).toBeVisible();
  const web = namedRow(berth, 'Services', 'web');
  await expect(web).toContainText('2/2 running');
  await expect(web).toContainText('none');
  await expect(namedRow(berth, 'Services', 'db')).toContainText('0/1 running');
  await expect(namedRow(berth, 'Services', 'db').getByRole('button', { name: 'Open shell' })).toBeDisabled();
  await berth.screenshot({ path: test.info().outputPath('stack-details.png') });
  const startedBefore = await docker(['inspect', '-f', '{{.State.StartedAt}}', names[0]!]);
  await web.getByRole('button', { name: 'Restart', exact: true }).click();
  await expect.poll(() => docker(['inspect', '-f', '{{.State.StartedAt}}', names[0]!]), { timeout: 30_000 }).not.toBe(startedBefore);
  await expect(web).toContainText('2/2 running', { timeout: 30_000 });
  expect(await docker(['inspect', '-f', '{{.State.Status}}', names[2]!])).toBe('created');

  // The command line of each action, quoted for a shell.
  await berth.getByRole('tab', { name: 'Commands' }).click();
  const commands = berth.getByRole('definition').filter({ hasText: ' down --volumes' });
  await expect(commands).toContainText(`cd /srv/${project} && `);
  await expect(commands).toContainText(`-f /srv/${project}/compose.yaml -p ${project} down --volumes`);
  // The files the labels name do not exist here: the configuration tab says so rather than showing nothing.
  await berth.getByRole('tab', { name: 'Configuration' }).click();
  await expect(berth.getByRole('alert')).toContainText('are gone');

  // Download the whole stack's logs: every container's lines in one file, each prefixed with its service.
  await berth.getByRole('button', { name: 'Logs', exact: true }).first().click();
  await expect(berth.getByRole('table', { name: 'Stack logs' })).toContainText('serving-from-web-two');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-stack-logs-'));
  const file = path.join(dir, 'stack.log');
  await berth.getByRole('button', { name: 'Download' }).click();
  const save = berth.getByRole('dialog', { name: `Download the log of stack ${project}` });
  await save.getByRole('textbox', { name: 'File' }).fill(file);
  await save.getByRole('button', { name: 'Save' }).click();
  await expect(save).toHaveCount(0);
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toMatch(/web-1 +\| .*serving-from-web-one/);
  expect(text).toMatch(/web-2 +\| \[stderr\] serving-from-web-two error/);
  // db was created, never started: no line of it.
  expect(text).not.toContain('db-1');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a Compose v2 project is one row: partly running, its services and files; Stop, Start and Remove act on the stack', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Stacks', exact: true }).click();
  const stack = namedRow(berth, 'Stacks', project);
  await expect(stack).toContainText('partly running 2/3');
  await expect(stack).toContainText('db, web');
  await expect(stack).toContainText('compose.yaml');
  await expect(berth.getByRole('table', { name: 'Stacks' })).not.toContainText(loner);
  await berth.screenshot({ path: test.info().outputPath('stacks.png') });

  // The Containers view names each one's stack and service, and can hide them.
  await berth.getByRole('link', { name: 'Containers', exact: true }).click();
  await expect(row(berth, 'Containers', names[0]!)).toContainText(`${project}/web`);
  await berth.getByLabel('Not in a stack').check();
  await expect(berth.getByRole('table', { name: 'Containers' })).not.toContainText(names[0]!);
  await expect(berth.getByRole('table', { name: 'Containers' })).toContainText(loner);
  await berth.getByLabel('Not in a stack').uncheck();
  await berth.getByRole('link', { name: 'Stacks', exact: true }).click();

  await stack.getByRole('button', { name: 'Stop', exact: true }).first().click();
  await expect(stack).toContainText('exited 0/3', { timeout: 30_000 });
  expect(await docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`])).toBe('');

  await stack.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(stack).toContainText('running 3/3', { timeout: 30_000 });

  // Logs of the whole stack: every service's lines, prefixed and filterable by service.
  await stack.getByRole('button', { name: 'Logs', exact: true }).click();
  const logs = berth.getByRole('table', { name: 'Stack logs' });
  await expect(logs).toContainText('web-1 |');
  await expect(logs).toContainText('serving-from-web-two error');
  await expect(logs).toContainText('db-1 |');
  await expect(logs).toContainText('db-ready');
  await berth.screenshot({ path: test.info().outputPath('stack-logs.png') });
  await berth.getByRole('group', { name: 'Services shown' }).getByLabel('web').uncheck();
  await expect(logs).not.toContainText('serving-from-web');
  await expect(logs).toContainText('db-ready');
  await berth.getByLabel('Search logs').fill('nothing-says-this');
  await expect(logs.getByRole('row')).toHaveCount(0);
  await berth.getByRole('link', { name: '← Stacks' }).click();

  await stack.getByRole('button', { name: 'Remove', exact: true }).click();
  const confirm = berth.getByRole('alertdialog', { name: `Remove stack ${project}?` });
  await expect(confirm.getByRole('list', { name: 'Containers to remove' }).getByRole('listitem')).toHaveCount(3);
  await expect(confirm.getByRole('button', { name: 'Remove', exact: true })).toBeDisabled();
  await confirm.getByLabel(/Force: stop and remove the 3 running containers/).check();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(stack).toHaveCount(0, { timeout: 30_000 });
  expect(await docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`])).toBe('');
  expect(await docker(['ps', '-q', '--filter', `name=${loner}`])).not.toBe('');
});
