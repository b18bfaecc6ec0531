// The Electron shell, where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH). None can be
// downloaded on our build machines, so elsewhere this is skipped with the reason.
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;

test('Electron window shows the Containers view with a hardened renderer', async () => {
  test.skip(!dist, 'SKIPPING Electron: no Electron binary here (set ELECTRON_OVERRIDE_DIST_PATH to a folder holding one)');
  const app = await electron.launch({ executablePath: path.join(dist!, 'electron'), args: [path.resolve(__dirname, '..')] });
  const win = await app.firstWindow();
  await expect(win.getByRole('table', { name: 'Containers' })).toBeVisible();
  expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await win.evaluate(() => typeof (globalThis as unknown as { berth?: { invoke?: unknown } }).berth?.invoke)).toBe('function');
  await app.close();
});
