/** Playwright fixtures for specs that drive serve mode against the private engine. */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export { expect };

export const test = base.extend<{ berth: Page }>({
  berth: async ({ page }, use) => {
    test.skip(!!process.env.BERTH_E2E_SKIP, `SKIPPING: ${process.env.BERTH_E2E_SKIP}`);
    await page.goto(process.env.BERTH_E2E_URL!);
    await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(/Docker|Podman/);
    await use(page);
  },
});

/** The rows of the table named `table` holding the text `name` anywhere (a log line, part of a tag). */
export function row(page: Page, table: string, name: string): Locator {
  return page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: name });
}

/**
 * The row of the object named exactly `name` (its first cell's text) in the table named `table`: unlike
 * `row`, `bridge` does not also find a network whose driver is `bridge`, nor `web` a volume `web-data`.
 */
export function namedRow(page: Page, table: string, name: string): Locator {
  const exact = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page
    .getByRole('table', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('cell').first().filter({ hasText: exact }) });
}

/**
 * Choose `verb` from the "More" menu of `rowLocator` (actions that do not fit in a row live there): the
 * button must announce a menu, the menu must hold a `menuitem` named `verb`.
 */
export async function fromMore(page: Page, rowLocator: Locator, verb: string): Promise<void> {
  const more = rowLocator.getByRole('button', { name: 'More' });
  await expect(more).toHaveAttribute('aria-haspopup', 'menu');
  await more.click();
  await page.getByRole('menu').getByRole('menuitem', { name: verb, exact: true }).click();
}

/** Open the log-in dialog from the Registries view and fill its fields; resolves with the dialog, Log in not clicked yet. */
export async function fillLogIn(page: Page, registry: string, username: string, password: string): Promise<Locator> {
  await page.getByRole('link', { name: 'Registries' }).click();
  await page.getByRole('button', { name: 'Log in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log in to a registry' });
  await dialog.getByLabel('Registry').fill(registry);
  await dialog.getByLabel('Username').fill(username);
  await dialog.getByLabel('Password').fill(password);
  return dialog;
}
