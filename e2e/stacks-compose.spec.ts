// Up from compose files and Down, point and click, with the user's own Compose (Debian's docker-compose
// here): the resolved configuration before starting, Compose's output as a task, the stack in the Stacks
// view, and Down keeping the named volume unless it is ticked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, fromMore, namedRow, test } from './support/fixtures';

test.describe.configure({ mode: 'serial' });
const project = uniqueName('up').toLowerCase().replace(/[^a-z0-9_-]/g, '');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-compose-'));
const file = path.join(dir, 'compose.yaml');
const quick = '["sh", "-c", "trap \'exit 0\' TERM; sleep 600 & wait"]';
fs.writeFileSync(
  file,
  ["version: '2.4'", 'services:', '  web:', `    image: ${TEST_IMAGE}`, `    command: ${quick}`, '    network_mode: none', '    environment:', '      ROLE: frontend', '  db:', `    image: ${TEST_IMAGE}`, `    command: ${quick}`, '    network_mode: none', '    volumes: ["data:/data"]', 'volumes:', '  data: {}', ''].join('\n'),
);

test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  const ids = (await docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`])).split('\n').filter(Boolean);
  if (ids.length) await docker(['rm', '-f', ...ids]).catch(() => {});
  await docker(['volume', 'rm', '-f', `${project}_data`]).catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

test('Up… shows the resolved configuration, starts the stack as a task; Down… keeps its volume unless ticked', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Stacks', exact: true }).click();
  await berth.getByRole('button', { name: 'Up…' }).click();
  const up = berth.getByRole('dialog', { name: 'Up a stack from compose files' });
  await expect(up.getByText(/Runs (docker compose|docker-compose|podman-compose) \d/)).toBeVisible();
  await up.getByLabel('Compose files').fill('compose.yaml');
  await expect(up.getByText(/Give absolute paths/)).toBeVisible();
  await up.getByLabel('Compose files').fill(file);
  await up.getByLabel('Project name').fill(project);
  await up.getByRole('button', { name: 'Show configuration' }).click();
  // Two Python programs run first (`docker-compose version`, then `config`): seconds each on a loaded machine.
  await expect(up.getByLabel('Resolved configuration')).toContainText('frontend', { timeout: 30_000 });
  await up.getByRole('button', { name: 'Up', exact: true }).click();
  await expect(up.getByRole('article').getByText('Done', { exact: true })).toBeVisible({ timeout: 60_000 });
  await up.getByRole('button', { name: 'Close' }).click();
  const row = namedRow(berth, 'Stacks', project);
  await expect(row).toContainText('running 2/2');

  await fromMore(berth, row, 'Scale…');
  const scale = berth.getByRole('dialog', { name: `Scale a service of ${project}` });
  await scale.getByLabel('Service').selectOption('web');
  await scale.getByLabel('Replicas').fill('2');
  await scale.getByRole('button', { name: 'Scale', exact: true }).click();
  await expect(scale.getByRole('article').getByText('Done', { exact: true })).toBeVisible({ timeout: 60_000 });
  await scale.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText('running 3/3');

  // The stack's details: services with their volumes, and the configuration Compose resolves from its files.
  await row.getByRole('link', { name: project }).click();
  await expect(namedRow(berth, 'Services', 'web')).toContainText('2/2 running');
  await expect(namedRow(berth, 'Services', 'db')).toContainText(`${project}_data:/data`);
  await namedRow(berth, 'Services', 'db').getByRole('button', { name: 'Scale', exact: true }).click();
  const scaleDb = berth.getByRole('dialog', { name: `Scale a service of ${project}` });
  await expect(scaleDb.getByLabel('Service')).toHaveValue('db');
  await scaleDb.getByRole('button', { name: 'Cancel' }).click();
  await berth.getByRole('tab', { name: 'Configuration' }).click();
  await expect(berth.getByLabel('Resolved configuration')).toContainText('ROLE: frontend');
  await berth.screenshot({ path: test.info().outputPath('stack-configuration.png') });
  await berth.getByRole('link', { name: '← Stacks' }).click();

  await fromMore(berth, row, 'Down…');
  const down = berth.getByRole('dialog', { name: `Down stack ${project}` });
  await expect(down.getByRole('list', { name: 'Volumes of the stack' })).toContainText(`${project}_data`);
  await down.getByRole('button', { name: 'Down', exact: true }).click();
  await expect(down.getByRole('article').getByText('Done', { exact: true })).toBeVisible({ timeout: 60_000 });
  await down.getByRole('button', { name: 'Close' }).click();
  await expect(row).toHaveCount(0);
  expect(await docker(['volume', 'ls', '-q', '--filter', `name=${project}_data`])).toBe(`${project}_data`);
});
