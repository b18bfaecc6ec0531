// The Stacks view from the engine's containers alone: containers labelled as Compose v2 labels them
// (created by the test through the docker CLI, since v2 is not in Debian 12) group into one stack, shown
// partly running while one is stopped, and the stack's Stop, Start and Remove act on all of them.
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
