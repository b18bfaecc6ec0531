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

/** The row of the object named `name` in the table named `table`. */
export function row(page: Page, table: string, name: string): Locator {
  return page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: name });
}
