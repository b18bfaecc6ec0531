// The Settings view end to end in serve mode: the theme on <html> (kept over a reload, following the
// system when asked to), a terminal's font size and palette changed live, the layer cache emptied behind a
// confirmation, and a refused value shown next to its field. Settings are put back to the defaults after.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { expect, row, test } from './support/fixtures';
import { connect } from './support/ws-client';

test.describe.configure({ mode: 'serial' });

const running = uniqueName('e2e-settings');

async function resetSettings(): Promise<void> {
  const token = new URL(process.env.BERTH_E2E_URL!).hash.match(/token=([^&]+)/)?.[1] ?? '';
  const c = await connect(process.env.BERTH_E2E_ORIGIN!, decodeURIComponent(token));
  await c.call('settings.set', { ...DEFAULT_SETTINGS, layers: { cacheDir: null }, engine: { default: null } });
  c.close();
}

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await resetSettings();
  await docker(['run', '-d', '--name', running, TEST_IMAGE, 'sleep', '900']);
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await resetSettings();
  await docker(['rm', '-f', running]).catch(() => {});
});

const theme = (page: Page) => page.locator('html').getAttribute('data-theme');
const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

async function openSettings(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

test('the chosen theme is set on <html>, kept over a reload, and System follows the system', async ({ berth }) => {
  await berth.emulateMedia({ colorScheme: 'light' });
  await openSettings(berth);
  const group = berth.getByRole('radiogroup', { name: 'Theme' });
  await expect(group.getByRole('radio', { name: 'System' })).toBeChecked();
  await expect.poll(() => theme(berth)).toBe('light');
  const light = await bodyBackground(berth);

  await group.getByRole('radio', { name: 'Dark' }).check();
  await expect.poll(() => theme(berth)).toBe('dark');
  expect(await bodyBackground(berth)).not.toBe(light);
  await berth.reload();
  await expect(berth.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect.poll(() => theme(berth)).toBe('dark');

  await berth.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'System' }).check();
  await expect.poll(() => theme(berth)).toBe('light');
  await berth.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => theme(berth)).toBe('dark');
  await berth.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => theme(berth)).toBe('light');
});

test('an open terminal takes the font size and the theme at once', async ({ berth }) => {
  // The page's measuring probe (registry.ts) lets the test read xterm's options.
  await berth.addInitScript(() => ((window as unknown as { __berthProbe: object }).__berthProbe = {}));
  await berth.reload();
  await berth.emulateMedia({ colorScheme: 'dark' });
  await berth.getByRole('link', { name: 'Containers' }).click();
  await row(berth, 'Containers', running).getByRole('button', { name: 'Open shell' }).click();
  await expect(berth.getByRole('tab', { name: running })).toHaveAttribute('aria-selected', 'true');
  const option = (name: 'fontSize' | 'background') =>
    berth.evaluate((n) => {
      const p = (window as unknown as { __berthProbe: { terminals?: Map<string, { term: { options: { fontSize: number; theme?: { background?: string } } } }> } }).__berthProbe;
      const t = [...(p.terminals?.values() ?? [])][0]?.term.options;
      return n === 'fontSize' ? t?.fontSize : t?.theme?.background;
    }, name);
  await expect.poll(() => option('fontSize')).toBe(DEFAULT_SETTINGS.terminal.fontSize);
  await expect.poll(() => option('background')).toBe('#14181f');
  // With the System theme, the system's scheme drives <html>, the page's colours and the terminal's palette.
  const dark = await bodyBackground(berth);
  await berth.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => theme(berth)).toBe('light');
  await expect.poll(() => option('background')).toBe('#ffffff');
  expect(await bodyBackground(berth)).not.toBe(dark);
  await berth.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => option('background')).toBe('#14181f');

  await openSettings(berth);
  await berth.getByLabel('Font size').fill('20');
  await expect.poll(() => option('fontSize')).toBe(20);
  await berth.getByRole('radiogroup', { name: 'Theme' }).getByRole('radio', { name: 'Light' }).check();
  await expect.poll(() => option('background')).toBe('#ffffff');
  await berth.getByRole('link', { name: 'Terminals' }).click();
  await expect(berth.getByRole('tab', { name: running })).toBeVisible();
  await expect.poll(() => option('fontSize')).toBe(20);
});

test('a refused value is shown next to its field and not kept', async ({ berth }) => {
  await openSettings(berth);
  const size = berth.getByLabel('Font size');
  await size.fill('14');
  await size.fill('500');
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  await expect(berth.getByRole('alert').filter({ hasText: 'Font size: a whole number from 8 to 32 px' })).toBeVisible();
  await berth.getByLabel('Layer cache folder').fill('relative/folder');
  await berth.getByRole('button', { name: 'Use folder' }).click();
  await expect(berth.getByRole('alert').filter({ hasText: 'Layer cache folder: an absolute path' })).toBeVisible();
  await berth.reload();
  await expect(berth.getByLabel('Font size')).toHaveValue('14');
  await expect(berth.getByLabel('Layer cache folder')).toHaveValue('');
});

test('the layer cache is emptied after a confirmation: its size goes to 0 B', async ({ berth }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-blobs-'));
  try {
    // A blob as the cache names them (<sha256 hex>.tar) in Berth's own folder inside the chosen one, and files
    // of the person's that must survive (one named like a blob).
    fs.mkdirSync(path.join(dir, 'berth-layer-blobs-v1'));
    fs.writeFileSync(path.join(dir, 'berth-layer-blobs-v1', `${'ab'.repeat(32)}.tar`), Buffer.alloc(3000));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    fs.writeFileSync(path.join(dir, `${'cd'.repeat(32)}.tar`), 'mine too');
    await openSettings(berth);
    await berth.getByLabel('Layer cache folder').fill(dir);
    await berth.getByRole('button', { name: 'Use folder' }).click();
    const size = berth.getByRole('status', { name: 'Layer cache size' });
    await expect(size).toHaveText('3 kB');
    await berth.getByRole('button', { name: 'Clear', exact: true }).click();
    const confirm = berth.getByRole('alertdialog', { name: 'Clear the layer cache?' });
    await expect(confirm).toContainText('3 kB in 1 file');
    await confirm.getByRole('button', { name: 'Clear' }).click();
    await expect(confirm).toBeHidden();
    await expect(size).toHaveText('0 B');
    expect(fs.readdirSync(dir).sort()).toEqual(['berth-layer-blobs-v1', `${'cd'.repeat(32)}.tar`, 'notes.txt']);
    expect(fs.readdirSync(path.join(dir, 'berth-layer-blobs-v1'))).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
