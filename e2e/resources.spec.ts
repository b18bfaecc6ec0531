// Volumes (with read-only browsing), networks and disk usage in serve mode against the private engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker, engineGet, engineKind, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, namedRow, row, test } from './support/fixtures';

test.describe.configure({ mode: 'serial' });
const vol = uniqueName('e2e-vol');
const used = uniqueName('e2e-used');
const holder = uniqueName('e2e-holder');
const net = uniqueName('e2e-net');
const box = uniqueName('e2e-box');
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  for (const args of [['rm', '-f', holder], ['rm', '-f', box], ['volume', 'rm', '-f', vol], ['volume', 'rm', '-f', used], ['network', 'rm', net]]) await docker(args).catch(() => {});
});

test('volumes: create, see users and size, prune exactly the unused, removal of one in use refused', async ({ berth }) => {
  await docker(['run', '--name', holder, '-v', `${used}:/data`, TEST_IMAGE, 'sh', '-c', 'head -c 300000 /dev/zero > /data/blob']);
  await berth.getByRole('link', { name: 'Volumes' }).click();
  await berth.getByRole('button', { name: 'Create', exact: true }).click();
  const create = berth.getByRole('dialog', { name: 'Create a volume' });
  await create.getByLabel('Name').fill(vol);
  await create.getByLabel('Labels').fill('team=berth');
  await create.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(namedRow(berth, 'Volumes', vol)).toContainText('unused');
  await expect(namedRow(berth, 'Volumes', used)).toContainText(holder);
  await expect(namedRow(berth, 'Volumes', used)).toContainText('300 kB');
  expect(await docker(['volume', 'inspect', '-f', '{{.Labels.team}}', vol])).toBe('berth');
  await berth.getByLabel('Filter volumes').fill(holder);
  await expect(berth.getByRole('table', { name: 'Volumes' }).getByRole('row')).toHaveCount(2); // header + the used one
  await expect(namedRow(berth, 'Volumes', used)).toBeVisible();
  await berth.getByLabel('Filter volumes').fill('');

  await namedRow(berth, 'Volumes', used).getByRole('button', { name: 'Remove' }).click();
  const confirm = berth.getByRole('alertdialog', { name: `Remove volume ${used}?` });
  await expect(confirm).toContainText(`In use by ${holder}`);
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(berth.getByRole('alert').filter({ hasText: /volume is (in use|being used)/ })).toBeVisible();
  await berth.keyboard.press('Escape');

  const unused = (await docker(['volume', 'ls', '-q', '--filter', 'dangling=true'])).split('\n').filter(Boolean);
  await berth.getByRole('button', { name: 'Prune', exact: true }).click();
  const prune = berth.getByRole('alertdialog', { name: 'Prune unused volumes' });
  const listed = prune.getByRole('list', { name: 'Volumes to remove' });
  await expect(listed).toContainText(vol);
  expect((await listed.getByRole('listitem').allTextContents()).map((t) => t.split(' ')[0]).sort()).toEqual(unused.sort());
  await prune.getByRole('button', { name: /^Remove \d+ volumes?$/ }).click();
  // Every unused volume of the run is removed, one engine request each: under load that takes seconds.
  await expect(namedRow(berth, 'Volumes', vol)).toHaveCount(0, { timeout: 20_000 });
  await expect(namedRow(berth, 'Volumes', used)).toBeVisible();
  expect(await docker(['volume', 'ls', '-q', '--filter', 'dangling=true'])).toBe('');
});

test('browse a volume read-only: open a folder, go back up, save a file', async ({ berth }) => {
  const files = uniqueName('e2e-files');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-vol-')), 'notes.txt');
  await docker(['volume', 'create', files]);
  try {
    await docker(['run', '--rm', '--network', 'none', '-v', `${files}:/d`, TEST_IMAGE, 'sh', '-c', 'mkdir -p /d/conf && printf "port=8080\n" > /d/conf/app.ini && printf "ünïcødé notes" > /d/notes.txt']);
    await berth.getByRole('link', { name: 'Volumes' }).click();
    await namedRow(berth, 'Volumes', files).getByRole('button', { name: `Browse ${files}` }).click();
    const dialog = berth.getByRole('dialog', { name: `Files in volume ${files}` });
    const table = dialog.getByRole('table', { name: 'Files' });
    await expect(row(berth, 'Files', 'notes.txt')).toContainText('file');
    await expect(table).toHaveAttribute('aria-rowcount', '3');
    await dialog.getByRole('button', { name: 'Open folder conf' }).click();
    await expect(row(berth, 'Files', 'app.ini')).toContainText('10 B');
    await dialog.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: files }).click();
    await row(berth, 'Files', 'notes.txt').getByRole('button', { name: 'Save notes.txt' }).click();
    await dialog.getByLabel('Save notes.txt to').fill(out);
    await dialog.getByRole('button', { name: 'Save file' }).click();
    await expect(berth.getByRole('status').filter({ hasText: `Saved notes.txt` })).toBeVisible();
    expect(fs.readFileSync(out, 'utf8')).toBe('ünïcødé notes');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await docker(['ps', '-aq', '--filter', 'label=berth.helper'])).toBe('');
  } finally {
    await docker(['volume', 'rm', '-f', files]).catch(() => {});
  }
});

test('networks: create with a subnet, connect and disconnect a container, remove; built-ins offer nothing', async ({ berth }) => {
  await docker(['create', '--name', box, TEST_IMAGE, 'sleep', '600']);
  await berth.getByRole('link', { name: 'Networks' }).click();
  // Docker (here without a bridge) lists `host` and `none`; Podman lists its own network as `bridge`.
  const names = (await docker(['network', 'ls', '--format', '{{.Name}}'])).split('\n');
  const builtin = names.includes('host') ? 'host' : 'bridge';
  await expect(namedRow(berth, 'Networks', builtin)).toContainText("the engine's own");
  await berth.getByRole('button', { name: 'Create', exact: true }).click();
  const create = berth.getByRole('dialog', { name: 'Create a network' });
  await create.getByLabel('Name').fill(net);
  await create.getByLabel('Subnet').fill('10.77.0.0/33x');
  await expect(create.getByRole('alert')).toContainText('CIDR');
  await create.getByLabel('Subnet').fill('10.77.0.0/24');
  await create.getByLabel('Internal (no outside access)').check();
  await create.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(namedRow(berth, 'Networks', net)).toContainText('10.77.0.0/24 (internal)');

  await namedRow(berth, 'Networks', net).getByRole('button', { name: 'Connect' }).click();
  const connect = berth.getByRole('dialog', { name: `Connect a container to ${net}` });
  await connect.getByLabel('Container').selectOption({ label: `${box} (created)` });
  await connect.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(namedRow(berth, 'Networks', net)).toContainText(box);
  expect(await docker(['inspect', '-f', `{{index .NetworkSettings.Networks "${net}"}}`, box])).not.toBe('<no value>');

  await namedRow(berth, 'Networks', net).getByRole('button', { name: `Disconnect ${box} from ${net}` }).click();
  await expect(namedRow(berth, 'Networks', net)).not.toContainText(box);
  await namedRow(berth, 'Networks', net).getByRole('button', { name: 'Remove' }).click();
  await berth.getByRole('alertdialog', { name: `Remove network ${net}?` }).getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(namedRow(berth, 'Networks', net)).toHaveCount(0);
  expect(await docker(['network', 'ls', '-q', '--filter', `name=^${net}$`])).toBe('');
});

test('disk usage counts what docker system df counts', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Disk usage' }).click();
  const table = berth.getByRole('table', { name: 'Disk usage' });
  // Docker computes one disk usage at a time: let Berth's finish before the CLI asks.
  await expect(table.getByRole('rowheader', { name: 'Build cache' })).toBeVisible();
  const cli = (await docker(['system', 'df', '--format', '{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}'])).split('\n').map((l) => l.split('|'));
  const names: Record<string, string> = { Images: 'Images', Containers: 'Containers', 'Local Volumes': 'Local volumes', 'Build Cache': 'Build cache' };
  for (const [type, total, active, size, reclaimable] of cli) {
    const r = table.getByRole('row').filter({ has: berth.getByRole('rowheader', { name: names[type], exact: true }) });
    await expect(r.getByRole('cell').nth(0)).toHaveText(total);
    await expect(r.getByRole('cell').nth(1)).toHaveText(active);
    // The same figures, printed as the CLI prints them.
    await expect(r.getByRole('cell').nth(2)).toHaveText(size);
    // Podman's /system/df can make the CLI's size − active size negative ("-163B"): no space is reclaimable,
    // which Berth says as 0B. Anywhere else the two agree to the byte.
    await expect(r.getByRole('cell').nth(3)).toHaveText(reclaimable.startsWith('-') ? /^0B/ : reclaimable);
  }
  await table.getByRole('button', { name: 'Prune images…' }).click();
  await expect(berth.getByRole('alertdialog')).toBeVisible();
});

test('build-cache prune lists exactly the unused, unshared entries, removes them (Podman: explains it has none)', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Disk usage' }).click();
  await berth.getByRole('table', { name: 'Disk usage' }).getByRole('button', { name: 'Prune build cache…' }).click();
  const dialog = berth.getByRole('alertdialog', { name: 'Prune build cache' });
  if ((await engineKind()) === 'podman') {
    await expect(dialog).toContainText('keeps no BuildKit build cache');
    await expect(dialog.getByRole('button', { name: /^Remove/ })).toBeDisabled();
    return;
  }
  await expect(dialog).toContainText(/These \d+ entries|nothing to remove/); // its own /system/df is done
  const unused = (await engineGet<{ BuildCache: { ID: string; InUse: boolean; Shared: boolean }[] | null }>('/system/df')).BuildCache?.filter((c) => !c.InUse && !c.Shared) ?? [];
  if (unused.length === 0) {
    await expect(dialog).toContainText('nothing to remove');
    return;
  }
  await expect(dialog.getByRole('table', { name: 'Build-cache entries to remove' }).getByRole('row')).toHaveCount(unused.length + 1);
  await dialog.getByRole('button', { name: `Remove ${unused.length} entr${unused.length === 1 ? 'y' : 'ies'}` }).click();
  await expect(berth.getByRole('status').filter({ hasText: /Removed \d+ build-cache entries/ })).toBeVisible();
  const left = (await engineGet<{ BuildCache: { ID: string }[] | null }>('/system/df')).BuildCache?.map((c) => c.ID) ?? [];
  for (const c of unused) expect(left).not.toContain(c.ID);
});

test('engines: the one in use answers and says what it is; the default socket is probed too', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Engines' }).click();
  const inUse = row(berth, 'Engines', 'in use');
  await expect(inUse).toContainText(process.env.DOCKER_HOST!);
  await expect(inUse).toContainText(/(Docker|Podman) \d+\.\d+/);
  await expect(row(berth, 'Engines', 'default socket')).toContainText('unix:///var/run/docker.sock');
});
