// At 1280×720, 1440×900 and 1920×1080 no view scrolls sideways, and every row action is either a button
// wholly visible inside its row's cell or an item of the row's "More" menu (issue #12: Kill and Remove were
// cut off at 1440 px, the page 1455 px wide at 1280). Fixtures are long on purpose: a 60-character container
// name, a dozen exposed ports, a long image reference, long volume and network names, a failed task.
import type { Locator, Page } from '@playwright/test';
import { docker, engineKind, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, test } from './support/fixtures';

const long = (prefix: string) => `${prefix}-${'x'.repeat(40)}-${uniqueName('l')}`.slice(0, 63);
const running = long('scroll-running');
const paused = long('scroll-paused');
const exited = long('scroll-exited');
const image = `berth-test/${'a-rather-long-repository-name/'.repeat(2)}${uniqueName('img')}:a-long-tag-${'v'.repeat(30)}`;
const volume = long('scroll-volume');
const network = long('scroll-network');
const stack = long('scroll-stack').toLowerCase();
const stacked = long('scroll-stacked');
let pausedOk = true;

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['tag', TEST_IMAGE, image]);
  await docker(['volume', 'create', volume]);
  await docker(['network', 'create', network]);
  const ports = ['--expose', '1000-1011'];
  await docker(['run', '-d', '--network', 'none', ...ports, '--name', running, image, 'sleep', '600']);
  await docker(['run', '-d', '--network', 'none', ...ports, '--name', paused, image, 'sleep', '600']);
  await docker(['pause', paused]).catch(() => (pausedOk = false));
  await docker(['run', '--network', 'none', '-v', `${volume}:/v`, '--name', exited, image, 'true']);
  const compose = ['--label', `com.docker.compose.project=${stack}`, '--label', 'com.docker.compose.service=a-service-with-a-long-name', '--label', `com.docker.compose.project.config_files=/srv/${stack}/compose.yaml`];
  await docker(['run', '-d', '--network', 'none', ...ports, ...compose, '--name', stacked, image, 'sleep', '600']);
});

test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['rm', '-f', running, paused, exited, stacked]).catch(() => {});
  await docker(['volume', 'rm', volume]).catch(() => {});
  await docker(['network', 'rm', network]).catch(() => {});
  await docker(['rmi', image]).catch(() => {});
});

/** The page does not scroll sideways, nor does any table body inside it. */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const widths = await page.evaluate(() => {
    const doc = document.scrollingElement!;
    const bodies = [...document.querySelectorAll<HTMLElement>('.vtable-body, .view')].map((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
    return { page: { scroll: doc.scrollWidth, client: doc.clientWidth }, bodies };
  });
  expect(widths.page.scroll, `${what}: page width`).toBeLessThanOrEqual(widths.page.client);
  for (const b of widths.bodies) expect(b.scroll, `${what}: a scrolling part's width`).toBeLessThanOrEqual(b.client);
}

/** Every button in `r` lies wholly inside its cell and the window; resolves with their names. */
async function visibleActions(page: Page, r: Locator, what: string): Promise<string[]> {
  const viewport = page.viewportSize()!;
  // Measured in one go: a live row may be rendered again between two separate reads.
  const boxes = await r.evaluate((row) =>
    [...row.querySelectorAll('[role="cell"], td, th')].flatMap((cell) => {
      const c = cell.getBoundingClientRect();
      return [...cell.querySelectorAll('button, [role="button"]')].map((b) => {
        const box = b.getBoundingClientRect();
        return { name: (b.textContent ?? '').replace('▾', '').trim(), left: box.left, right: box.right, cellLeft: c.left, cellRight: c.right };
      });
    }),
  );
  for (const b of boxes) {
    expect(b.left, `${what}: ${b.name} starts inside its cell`).toBeGreaterThanOrEqual(b.cellLeft - 0.5);
    expect(b.right, `${what}: ${b.name} ends inside its cell`).toBeLessThanOrEqual(b.cellRight + 0.5);
    expect(b.right, `${what}: ${b.name} ends inside the window`).toBeLessThanOrEqual(viewport.width);
  }
  return boxes.map((b) => b.name);
}

/** The items of `r`'s More menu (opened and closed again), each wholly inside the window. */
async function moreActions(page: Page, r: Locator): Promise<string[]> {
  const more = r.getByRole('button', { name: 'More' });
  if ((await more.count()) === 0) return [];
  await expect(more).toHaveAttribute('aria-haspopup', 'menu');
  await more.click();
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  const viewport = page.viewportSize()!;
  const box = (await menu.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  const items = await menu.getByRole('menuitem').allTextContents();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  return items.map((i) => i.trim());
}

/** Row actions: shown in the row or in its More menu, together exactly `expected` (plus "More"). */
async function expectActions(page: Page, r: Locator, what: string, expected: string[]): Promise<void> {
  const shown = await visibleActions(page, r, what);
  const inMenu = await moreActions(page, r);
  expect([...shown.filter((n) => n !== 'More'), ...inMenu].sort(), `${what}: every action reachable`).toEqual([...expected].sort());
}

function rowOf(page: Page, table: string, text: string): Locator {
  return page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
}

async function open(page: Page, link: string): Promise<void> {
  await page.getByRole('link', { name: link, exact: true }).click();
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
  [1920, 1080],
]) {
  test(`at ${width}×${height} no view scrolls sideways and every row action is visible or in More`, async ({ berth }) => {
    await berth.setViewportSize({ width, height });
    // A task for the Tasks view: a pull that fails at once.
    await open(berth, 'Images');
    await berth.getByRole('button', { name: 'Pull', exact: true }).click();
    const pull = berth.getByRole('dialog', { name: 'Pull an image' });
    await pull.getByLabel('Image').fill('127.0.0.1:1/nothing/here:1');
    await pull.getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(pull.getByRole('article').getByText('Failed', { exact: true })).toBeVisible({ timeout: 20_000 });
    await pull.getByRole('button', { name: 'Close' }).click();

    await open(berth, 'Containers');
    await expect(rowOf(berth, 'Containers', running)).toBeVisible();
    await expectNoSidewaysScroll(berth, 'Containers');
    // On Podman every container also offers its Kubernetes YAML.
    const kube = (await engineKind()) === 'podman' ? ['Generate Kubernetes YAML'] : [];
    await expectActions(berth, rowOf(berth, 'Containers', running), 'running', ['Logs', 'Details', 'Open shell', 'Attach', 'Stop', 'Restart', 'Pause', 'Kill', 'Remove', ...kube]);
    if (pausedOk) await expectActions(berth, rowOf(berth, 'Containers', paused), 'paused', ['Logs', 'Details', 'Unpause', 'Stop', 'Kill', 'Remove', ...kube]);
    await expectActions(berth, rowOf(berth, 'Containers', exited), 'exited', ['Logs', 'Details', 'Start', 'Remove', ...kube]);
    // A stack's header row among them: the toggle named after it, and its actions.
    const group = berth.getByRole('table', { name: 'Containers' }).getByRole('row').filter({ has: berth.getByRole('button', { name: `stack ${stack}`, exact: true }) });
    await expectActions(berth, group, 'stack header', [stack, 'Stop', 'Logs', 'Remove', 'Restart', 'Pause', 'Unpause', 'Pull and recreate', 'Scale…', 'Down…']);
    if (width === 1280) await test.info().attach('containers at 1280', { body: await berth.screenshot(), contentType: 'image/png' });

    await open(berth, 'Images');
    await expect(rowOf(berth, 'Images', image)).toBeVisible();
    await expectNoSidewaysScroll(berth, 'Images');
    await expectActions(berth, rowOf(berth, 'Images', image), 'image', ['Run', 'Details', 'Layers', 'Tag', 'Push', 'Save', 'Export as SIF…', 'Copy as Singularity definition', 'Remove']);
    if (width === 1280) await test.info().attach('images at 1280', { body: await berth.screenshot(), contentType: 'image/png' });

    await open(berth, 'Stacks');
    await expect(rowOf(berth, 'Stacks', stack)).toBeVisible();
    await expectNoSidewaysScroll(berth, 'Stacks');
    await expectActions(berth, rowOf(berth, 'Stacks', stack), 'stack', ['Stop', 'Logs', 'Remove', 'Details', 'Restart', 'Pause', 'Unpause', 'Pull and recreate', 'Scale…', 'Down…']);
    await rowOf(berth, 'Stacks', stack).getByRole('link', { name: stack }).click();
    await expect(rowOf(berth, 'Services', 'a-service-with-a-long-name')).toBeVisible();
    await expectNoSidewaysScroll(berth, 'Stack details');
    await expectActions(berth, rowOf(berth, 'Services', 'a-service-with-a-long-name'), 'service', ['Restart', 'Open shell', 'Scale', 'Logs']);
    if (width === 1280) await test.info().attach('stack details at 1280', { body: await berth.screenshot(), contentType: 'image/png' });

    await open(berth, 'Volumes');
    await expect(rowOf(berth, 'Volumes', volume)).toBeVisible();
    await expectNoSidewaysScroll(berth, 'Volumes');
    await expectActions(berth, rowOf(berth, 'Volumes', volume), 'volume', ['Browse', 'Remove']);

    await open(berth, 'Networks');
    await expect(rowOf(berth, 'Networks', network)).toBeVisible();
    await expectNoSidewaysScroll(berth, 'Networks');
    await expectActions(berth, rowOf(berth, 'Networks', network), 'network', ['Connect', 'Remove']);

    await open(berth, 'Engines');
    await expect(berth.getByRole('table', { name: 'Engines' }).getByRole('row').nth(1)).toBeVisible();
    await expectNoSidewaysScroll(berth, 'Engines');
    for (const r of await berth.getByRole('table', { name: 'Engines' }).getByRole('row').all()) await visibleActions(berth, r, 'engine');

    for (const view of ['Registries', 'Tasks', 'Disk usage', 'Terminals']) {
      await open(berth, view);
      await expect(berth.getByRole('heading', { level: 1, name: view })).toBeVisible();
      await expectNoSidewaysScroll(berth, view);
    }
    await open(berth, 'Tasks');
    await expect(berth.getByRole('list', { name: 'Tasks' }).getByRole('listitem').first()).toBeVisible();
    await expectNoSidewaysScroll(berth, 'Tasks with a task');
    await open(berth, 'Disk usage');
    for (const r of await berth.getByRole('table', { name: 'Disk usage' }).getByRole('row').all()) await visibleActions(berth, r, 'disk usage');
  });
}

test('a row\'s More menu works from the keyboard and its destructive items still confirm', async ({ berth }) => {
  await open(berth, 'Containers');
  const r = rowOf(berth, 'Containers', running);
  const more = r.getByRole('button', { name: 'More' });
  await more.focus();
  await berth.keyboard.press('Enter');
  const menu = berth.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await berth.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem').nth(1)).toBeFocused();
  await berth.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();
  // Space and ArrowDown open it too.
  for (const key of ['Space', 'ArrowDown']) {
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await expect(more).toBeFocused();
    await berth.keyboard.press(key);
    await expect(menu, `${key} opens the menu`).toBeVisible();
    await expect(menu.getByRole('menuitem').first()).toBeFocused();
    await berth.keyboard.press('Escape');
    await expect(menu).toBeHidden();
  }

  // Images: Remove is in the row and confirms; a moved item (Tag) opens its dialog from the menu.
  await open(berth, 'Images');
  const ir = rowOf(berth, 'Images', image);
  await ir.getByRole('button', { name: 'More' }).click();
  await berth.getByRole('menuitem', { name: 'Tag', exact: true }).click();
  await expect(berth.getByRole('dialog', { name: /^Tag / })).toBeVisible();
  await berth.keyboard.press('Escape');
  await ir.getByRole('button', { name: 'Remove' }).click();
  await expect(berth.getByRole('alertdialog')).toBeVisible();
  await berth.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await docker(['images', '-q', image])).not.toBe('');
});
