// Logs, stats and inspect end to end in serve mode: a detached Run opens its logs; stdout and stderr are
// told apart, each in order, a 70 000-character line whole; search, only-matching and download; live stats
// for all running containers and charts for one; the inspect summary and raw JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';

test.describe.configure({ mode: 'serial' });
const name = uniqueName('e2e-logs');
const busy = uniqueName('e2e-busy');
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  for (const n of [name, busy]) await docker(['rm', '-f', n]).catch(() => {});
});

test('a detached Run opens its logs: stdout and stderr told apart, in order, long lines whole', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Containers' }).click();
  await berth.getByRole('button', { name: 'Run', exact: true }).click();
  const dialog = berth.getByRole('dialog', { name: 'Run a container' });
  await dialog.getByLabel('Image').fill(TEST_IMAGE);
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Interactive (-it)').uncheck();
  await dialog.getByLabel('Detached (-d)').check();
  await dialog.getByLabel('Remove when stopped (--rm)').uncheck();
  await dialog
    .getByLabel('Command', { exact: true })
    .fill(`sh -c 'for i in 1 2 3 4 5; do echo "out $i"; echo "err $i" >&2; done; head -c 70000 /dev/zero | tr "\\0" y; echo; echo "ünïcødé 世界 $((6*7))"; sleep 600'`);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(berth.getByRole('heading', { name: `Container ${name}` })).toBeVisible();
  await expect(berth.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  const logs = berth.getByRole('table', { name: 'Logs' });
  await expect(row(berth, 'Logs', 'ünïcødé 世界 42')).toBeVisible();
  const rows = await logs.getByRole('row').evaluateAll((els) => els.map((e) => [...e.querySelectorAll('[role=cell]')].map((c) => c.textContent ?? '')));
  const out = rows.filter(([s]) => s === 'stdout').map(([, t]) => t);
  const err = rows.filter(([s]) => s === 'stderr').map(([, t]) => t);
  expect(out).toEqual(['out 1', 'out 2', 'out 3', 'out 4', 'out 5', 'y'.repeat(70_000), 'ünïcødé 世界 42']);
  expect(err).toEqual(['err 1', 'err 2', 'err 3', 'err 4', 'err 5']);

  await berth.getByLabel('Search logs').fill('ERR');
  await expect(berth.getByRole('status').filter({ hasText: 'matching' })).toContainText('12 lines · 5 matching');
  await expect(logs.locator('mark')).toHaveCount(5);
  await berth.getByLabel('Only matching lines').check();
  await expect(logs.getByRole('row')).toHaveCount(5);

  await berth.getByLabel('Timestamps').check();
  await expect(row(berth, 'Logs', 'err 1').getByRole('cell').first()).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-logs-')), 'app.log');
  await berth.getByRole('button', { name: 'Download' }).click();
  const save = berth.getByRole('dialog', { name: `Download the log of ${name}` });
  await save.getByLabel('File', { exact: true }).fill(file);
  await save.getByLabel('With timestamps').uncheck();
  await save.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(save).toHaveCount(0);
  const text = fs.readFileSync(file, 'utf8');
  expect(text.split('\n').filter((l) => l.startsWith('[stderr] err '))).toEqual(['[stderr] err 1', '[stderr] err 2', '[stderr] err 3', '[stderr] err 4', '[stderr] err 5']);
  expect(text).toContain(`\n${'y'.repeat(70_000)}\nünïcødé 世界 42\n`);
});

test('inspect shows the command, environment and restart policy, and the raw JSON', async ({ berth }) => {
  await berth.goto(`${process.env.BERTH_E2E_ORIGIN}#/container/${name}/inspect`);
  await expect(berth.getByRole('definition').filter({ hasText: /^sh -c .*sleep 600'$/ })).toBeVisible();
  await expect(berth.getByRole('definition').filter({ hasText: /^no$/ })).toBeVisible();
  await expect(berth.getByRole('list', { name: 'Environment' })).toContainText('PATH=');
  await berth.getByRole('button', { name: 'Raw JSON' }).click();
  await expect(berth.getByLabel('Raw JSON')).toContainText('"AutoRemove": false');
});

test('stats: a sortable table of running containers and live charts for one', async ({ berth }) => {
  await docker(['run', '-d', '--name', busy, '--memory', '64m', TEST_IMAGE, 'sh', '-c', 'while :; do :; done']);
  await berth.getByRole('link', { name: 'Stats' }).click();
  const table = berth.getByRole('table', { name: 'Container stats' });
  await expect(row(berth, 'Container stats', busy)).toContainText('/ 64 MiB', { timeout: 15_000 });
  // Sorted by CPU, busiest first: the busy loop leads.
  await expect(table.getByRole('row').nth(1)).toContainText(busy, { timeout: 15_000 });
  await table.getByRole('button', { name: 'Name', exact: true }).click();
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await row(berth, 'Container stats', busy).getByRole('link', { name: busy }).click();
  await expect(berth.getByRole('tab', { name: 'Stats' })).toHaveAttribute('aria-selected', 'true');
  await expect(berth.getByRole('img', { name: /^CPU over the last \d+ seconds$/ })).toBeVisible();
  await expect(berth.getByLabel('CPU now')).toHaveText(/^\d+(\.\d+)? %$/, { timeout: 15_000 });
  await expect(berth.getByLabel('Memory now')).toContainText('/ 64 MiB');
});
