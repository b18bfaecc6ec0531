// Notifications (issue #15): a container that dies unexpectedly and long work that ends raise an in-app
// notice with a link to the container or task, and a desktop notification (the web Notification API in
// serve mode) when the page is not in front; the permission is asked for at first use. The browser's own
// Notification is wrapped to record what the page shows (a headless browser shows nothing on a screen).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { expect, fromMore, row, test } from './support/fixtures';
import { connect } from './support/ws-client';

/** Put the notification settings back (the serve process keeps them for every later spec). */
async function resetNotifications(): Promise<void> {
  const token = new URL(process.env.BERTH_E2E_URL!).hash.match(/token=([^&]+)/)?.[1] ?? '';
  const c = await connect(process.env.BERTH_E2E_ORIGIN!, decodeURIComponent(token));
  await c.call('settings.set', { notifications: DEFAULT_SETTINGS.notifications });
  c.close();
}

interface Shown {
  title: string;
  body: string;
}

/** Record every `new Notification(…)` and `Notification.requestPermission()` the page makes. */
async function recordNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Real = window.Notification;
    const w = window as unknown as { __shown: Shown[]; __made: Notification[]; __asked: number };
    w.__shown = [];
    w.__made = [];
    w.__asked = 0;
    class Recorded extends Real {
      constructor(title: string, o?: NotificationOptions) {
        super(title, o);
        w.__shown.push({ title, body: o?.body ?? '' });
        w.__made.push(this);
      }
      static override get permission() {
        return Real.permission;
      }
      static override requestPermission(): Promise<NotificationPermission> {
        w.__asked += 1;
        return Real.requestPermission();
      }
    }
    window.Notification = Recorded as typeof Notification;
  });
  await page.reload();
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/Docker|Podman/);
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { __shown: Shown[] }).__shown);

test('a container that dies unexpectedly is told in the page and on the desktop; clicking opens it', async ({ berth }) => {
  await berth.context().grantPermissions(['notifications']);
  await recordNotifications(berth);
  const crashed = uniqueName('died');
  const stopped = uniqueName('stopped');
  // In front, the page shows the notice only.
  await docker(['run', '-d', '--name', stopped, TEST_IMAGE, 'sleep', '300']);
  await docker(['stop', '-t', '1', stopped]);
  await docker(['run', '--name', crashed, TEST_IMAGE, 'sh', '-c', 'exit 3']).catch(() => undefined);
  const notice = berth.getByRole('alert').filter({ hasText: `Container ${crashed} exited with code 3` });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('berth-test/busybox');
  expect(await shown(berth)).toEqual([]);
  // The stop was asked for: nobody is told.
  await expect(berth.getByRole('alert').filter({ hasText: stopped })).toHaveCount(0);

  // Another page takes the focus (Playwright emulates focus for every page: turned off for this one, it
  // has none): the desktop is told as well.
  const other = await berth.context().newPage();
  await other.bringToFront();
  const cdp = await berth.context().newCDPSession(berth);
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  await expect.poll(() => berth.evaluate(() => document.hasFocus())).toBe(false);
  const again = uniqueName('died');
  await docker(['run', '--name', again, TEST_IMAGE, 'false']).catch(() => undefined);
  await expect.poll(() => shown(berth)).toEqual([{ title: `Container ${again} exited with code 1`, body: expect.stringMatching(/^Image (docker\.io\/)?berth-test\/busybox(:latest)?$/) }]);
  // What the browser calls when the person clicks it: the page comes forward on the container.
  await berth.evaluate(() => (window as unknown as { __made: Notification[] }).__made[0]!.onclick?.(new Event('click')));
  const id = await docker(['inspect', '-f', '{{.Id}}', again]);
  await expect(berth).toHaveURL(new RegExp(`#/container/${id}/logs$`));
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
  await other.close();

  // The notice's own link opens the first one.
  await notice.getByRole('link', { name: 'Open container' }).click();
  const crashedId = await docker(['inspect', '-f', '{{.Id}}', crashed]);
  await expect(berth).toHaveURL(new RegExp(`#/container/${crashedId}/logs$`));
  await expect(notice).toHaveCount(0);
  await docker(['rm', '-f', crashed, again, stopped]);
});

test('a save that ends is told with a link to its task; permission is asked once, at the click that starts it', async ({ berth }) => {
  await recordNotifications(berth);
  const asked = () => berth.evaluate(() => (window as unknown as { __asked: number }).__asked);
  expect(await asked()).toBe(0);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-notify-'));
  try {
    await berth.getByRole('link', { name: 'Images' }).click();
    for (const name of ['one.tar', 'two.tar']) {
      await fromMore(berth, row(berth, 'Images', TEST_IMAGE.replace(/:latest$/, '')).first(), 'Save');
      const dialog = berth.getByRole('dialog', { name: 'Save images to a file' });
      await dialog.getByLabel('File', { exact: true }).fill(path.join(dir, name));
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(dialog.getByRole('article').getByText('Done', { exact: true })).toBeVisible({ timeout: 30_000 });
      await dialog.getByRole('button', { name: 'Close' }).click();
      const notice = berth.getByRole('status').filter({ hasText: new RegExp(`${path.join(dir, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} finished: took \\d+ s`) });
      await expect(notice).toBeVisible({ timeout: 30_000 });
      if (name === 'two.tar') {
        await notice.getByRole('link', { name: 'Open task' }).click();
        await expect(berth).toHaveURL(/#\/tasks\/[0-9a-f-]+$/);
        const focused = berth.getByRole('list', { name: 'Tasks' }).getByRole('listitem').and(berth.locator('[aria-current="true"]'));
        await expect(focused).toContainText(path.join(dir, name));
        await expect(focused).toBeFocused();
      }
    }
    // Asked at the first Save only (the browser answers for the person here), never at page load.
    expect(await asked()).toBe(1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a kind turned off in Settings is told nowhere, the others still are', async ({ berth }) => {
  await berth.context().grantPermissions(['notifications']);
  await recordNotifications(berth);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-notify-'));
  const crashed = uniqueName('died-off');
  try {
    await berth.getByRole('link', { name: 'Settings' }).click();
    const died = berth.getByRole('checkbox', { name: 'Container died unexpectedly' });
    await expect(died).toBeChecked();
    await died.uncheck();
    await expect(died).not.toBeChecked();
    // Kept by the Node side: a reload shows it off.
    await berth.reload();
    await expect(berth.getByRole('checkbox', { name: 'Container died unexpectedly' })).not.toBeChecked();

    await berth.getByRole('link', { name: 'Containers' }).click();
    await docker(['run', '--name', crashed, TEST_IMAGE, 'sh', '-c', 'exit 4']).catch(() => undefined);
    await expect(row(berth, 'Containers', crashed)).toContainText('Exited (4)');
    // A save after it is still told: what came before it was not.
    await berth.getByRole('link', { name: 'Images' }).click();
    await fromMore(berth, row(berth, 'Images', TEST_IMAGE.replace(/:latest$/, '')).first(), 'Save');
    const dialog = berth.getByRole('dialog', { name: 'Save images to a file' });
    await dialog.getByLabel('File', { exact: true }).fill(path.join(dir, 'off.tar'));
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(berth.getByRole('status').filter({ hasText: path.join(dir, 'off.tar') })).toBeVisible({ timeout: 30_000 });
    await expect(berth.getByRole('alert').filter({ hasText: crashed })).toHaveCount(0);
    expect((await shown(berth)).filter((n) => n.title.includes(crashed))).toEqual([]);
  } finally {
    await resetNotifications();
    await docker(['rm', '-f', crashed]).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
