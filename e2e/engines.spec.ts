// Switching engines in serve mode: a second private dockerd, known through a Docker context in serve mode's
// DOCKER_CONFIG; every view resynchronises to it, and switching back restores the first.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, namedRow, row, test } from './support/fixtures';

const exec = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
// exec-root must stay short (containerd's socket path limit): a short folder under /tmp.
const dir = process.env.BERTH_E2E_SKIP ? '' : fs.mkdtempSync(path.join(os.tmpdir(), 'b2-'));
let second = '';
const marker = uniqueName('on-second');

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  test.setTimeout(120_000);
  const { stdout } = await exec('bash', [path.join(ROOT, 'scripts/engine.sh'), 'start', dir]);
  second = stdout.trim().replace(/^DOCKER_HOST=/, '');
  await exec('bash', [path.join(ROOT, 'scripts/test-image.sh')], { env: { ...process.env, DOCKER_HOST: second } });
  await docker(['create', '--name', marker, TEST_IMAGE, 'true'], second);
  await exec('docker', ['--config', process.env.BERTH_E2E_DOCKER_CONFIG!, 'context', 'create', 'second', '--docker', `host=${second}`], { env: { ...process.env, DOCKER_HOST: '' } });
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await exec('docker', ['--config', process.env.BERTH_E2E_DOCKER_CONFIG!, 'context', 'rm', '-f', 'second'], { env: { ...process.env, DOCKER_HOST: '' } }).catch(() => {});
  await exec('bash', [path.join(ROOT, 'scripts/engine.sh'), 'stop', dir]).catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

test('switch to a Docker context and back: lists, status bar and the remembered choice follow', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Containers' }).click();
  await expect(row(berth, 'Containers', marker)).toHaveCount(0);

  await berth.getByRole('link', { name: 'Engines' }).click();
  const secondRow = row(berth, 'Engines', 'second');
  await expect(secondRow).toContainText(second);
  await expect(secondRow).toContainText(/Docker \d+/);
  await secondRow.getByRole('button', { name: 'Use' }).click();
  const confirm = berth.getByRole('alertdialog', { name: 'Use second?' });
  await confirm.getByRole('button', { name: 'Switch' }).click();
  await expect(row(berth, 'Engines', 'in use')).toContainText('second');
  await expect(berth.getByRole('status', { name: 'Engine status' })).toContainText(second);

  await berth.getByRole('link', { name: 'Containers' }).click();
  await expect(row(berth, 'Containers', marker)).toBeVisible();
  const remembered = JSON.parse(fs.readFileSync(path.join(process.env.BERTH_E2E_DOCKER_CONFIG!, 'berth-state', 'engine.json'), 'utf8'));
  expect(remembered).toMatchObject({ id: 'context:second', host: second });

  await berth.getByRole('link', { name: 'Engines' }).click();
  await row(berth, 'Engines', 'DOCKER_HOST').getByRole('button', { name: 'Use' }).click();
  await berth.getByRole('alertdialog', { name: 'Use DOCKER_HOST?' }).getByRole('button', { name: 'Switch' }).click();
  await expect(berth.getByRole('status', { name: 'Engine status' })).toContainText(process.env.DOCKER_HOST!);
  await berth.getByRole('link', { name: 'Containers' }).click();
  await expect(row(berth, 'Containers', marker)).toHaveCount(0);
});

test('every engine has its own row at once: one that never answers shows "probing…" while the others answer', async ({ berth }) => {
  // An engine that accepts connections and never answers: its probe only ends with the 3 s probe timeout.
  const socket = path.join(dir, 'stalled.sock');
  const held: net.Socket[] = [];
  const stalled = net.createServer((c) => held.push(c));
  await new Promise<void>((resolve) => stalled.listen(socket, resolve));
  const cli = (args: string[]) => exec('docker', ['--config', process.env.BERTH_E2E_DOCKER_CONFIG!, 'context', ...args], { env: { ...process.env, DOCKER_HOST: '' } });
  await cli(['create', 'stalled', '--docker', `host=unix://${socket}`]);
  try {
    await berth.getByRole('link', { name: 'Engines' }).click();
    const stalledRow = namedRow(berth, 'Engines', 'stalled');
    await expect(stalledRow).toContainText('probing…');
    await expect(row(berth, 'Engines', 'DOCKER_HOST')).toContainText(/(Docker|Podman) \d+\.\d+/);
    await expect(stalledRow).toContainText('probing…');
    await expect(stalledRow).toContainText('unreachable', { timeout: 10_000 });
  } finally {
    await cli(['rm', '-f', 'stalled']).catch(() => {});
    for (const c of held) c.destroy();
    stalled.close();
  }
});
