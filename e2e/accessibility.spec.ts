// Every view (each navigation link), in the light and the dark theme, checked with axe-core against WCAG 2.1
// A and AA: a `serious` or `critical` violation fails, printed as rule, target and summary. A container runs
// and the test image is there, so the tables have rows to check.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';



const running = uniqueName('e2e-a11y');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['run', '-d', '--name', running, '--label', 'e2e=a11y', TEST_IMAGE, 'sleep', '900']);
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['rm', '-f', running]).catch(() => {});
});

/** Wait until the view has left "Loading…" (a view that keeps loading is checked as it is). */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0, { timeout: 10_000 }).catch(() => undefined);
}

async function violations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map((n) => `${where}: [${v.impact}] ${v.id} at ${n.target.join(' ')}: ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 300)}`),
    );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every view has no serious or critical WCAG 2.1 AA violation in the ${colorScheme} theme`, async ({ berth }) => {
    test.setTimeout(180_000);
    await berth.emulateMedia({ colorScheme });
    await expect(berth.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await expect(row(berth, 'Containers', running)).toBeVisible();
    const links = await berth.getByRole('navigation', { name: 'Views' }).getByRole('link').allTextContents();
    const found: string[] = [];
    for (const name of links.map((l) => l.replace(/\d+$/, '').trim())) {
      await berth.getByRole('navigation', { name: 'Views' }).getByRole('link', { name, exact: true }).click();
      await settled(berth);
      found.push(...(await violations(berth, `${name} (${colorScheme})`)));
    }
    // The Layers view is reached through an image's row.
    await berth.getByRole('link', { name: 'Images', exact: true }).click();
    await row(berth, 'Images', 'berth-test/busybox').first().getByRole('button', { name: 'Layers' }).click();
    await expect(berth.getByRole('tree', { name: 'Files' }).getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
    found.push(...(await violations(berth, `Layers (${colorScheme})`)));
    if (found.length) console.log(`${found.length} serious or critical violations:\n${found.join('\n')}`);
    expect(found, found.join('\n')).toEqual([]);
  });
}

test('a closed dialog hands the focus back to what opened it: the button, or for a menu item the menu’s button', async ({ berth }) => {
  // Before: React unmounted the <dialog> and the focus fell to <body>; keyboard users tabbed from the top again.
  await expect(row(berth, 'Containers', running)).toBeVisible();
  const run = berth.getByRole('button', { name: 'Run', exact: true });
  await run.focus();
  await berth.keyboard.press('Enter');
  await expect(berth.getByRole('dialog').first()).toBeVisible();
  await berth.keyboard.press('Escape');
  await expect(berth.getByRole('dialog')).toHaveCount(0);
  await expect(run).toBeFocused();

  // A ConfirmDialog opened from the row: Cancel has the focus, and the Remove button gets it back.
  const remove = row(berth, 'Containers', running).getByRole('button', { name: 'Remove', exact: true });
  await remove.focus();
  await berth.keyboard.press('Enter');
  await expect(berth.getByRole('alertdialog')).toBeVisible();
  await expect(berth.getByRole('alertdialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  await berth.keyboard.press('Escape');
  await expect(remove).toBeFocused();

  await berth.getByRole('link', { name: 'Images', exact: true }).click();
  const more = row(berth, 'Images', 'berth-test/busybox').first().getByRole('button', { name: 'More' });
  await more.focus();
  await berth.keyboard.press('Enter');
  await berth.getByRole('menu').getByRole('menuitem', { name: 'Tag', exact: true }).click();
  await expect(berth.getByRole('dialog').first()).toBeVisible();
  await berth.keyboard.press('Escape');
  await expect(berth.getByRole('dialog')).toHaveCount(0);
  await expect(more).toBeFocused();
});
