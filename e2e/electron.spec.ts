// The Electron shell, where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH; `npm run smoke:electron`
// runs this under Xvfb). None can be downloaded on our build machines, so elsewhere this is skipped with the
// reason.
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { CSP } from '../electron/csp';

const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;

test('Electron window shows the Containers view with a hardened renderer, and again after a reload', async () => {
  test.skip(!dist, 'SKIPPING Electron: no Electron binary here (set ELECTRON_OVERRIDE_DIST_PATH to a folder holding one)');
  // Chromium refuses to start as root with its sandbox (CI containers): only then is it turned off.
  const args = [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), path.resolve(__dirname, '..')];
  const app = await electron.launch({ executablePath: path.join(dist!, 'electron'), args });
  const win = await app.firstWindow();
  const containers = win.getByRole('table', { name: 'Containers' });
  await expect(containers).toBeVisible();
  expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await win.evaluate(() => typeof (globalThis as unknown as { berth?: { invoke?: unknown } }).berth?.invoke)).toBe('function');

  // The CSP: sent with the page (app:// protocol), and enforced (an inserted inline script does not run).
  expect(await win.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'))).toBe(CSP);
  const inline = await win.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(`blocked ${e.effectiveDirective}`), { once: true });
        const s = document.createElement('script');
        s.textContent = 'window.__berthInline = 1';
        document.head.append(s);
        if ((window as { __berthInline?: number }).__berthInline) resolve('ran');
      }),
  );
  expect(inline).toMatch(/^blocked script-src/);

  // One list, whole, also after a reload (Ctrl+R): the reloaded page's subscription gets the current state.
  if (!process.env.BERTH_E2E_SKIP) {
    await expect(win.getByRole('status', { name: 'Engine status' })).toContainText(/Docker|Podman/);
    await expect(win.getByText('Loading containers…')).toHaveCount(0);
    await win.reload();
    await expect(containers).toBeVisible();
    await expect(win.getByText('Loading containers…')).toHaveCount(0);
  }
  await app.close();
});
