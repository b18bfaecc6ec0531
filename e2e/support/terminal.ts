/** Reading and driving Berth's terminals in specs, through xterm.js's screen-reader mode (its accessibility tree). */
import { expect, type Page } from '@playwright/test';

/** A row of the shown terminal named `Terminal <title>` that reads exactly `text` (trailing blanks aside). */
export function terminalLine(page: Page, title: string, text: string) {
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page.getByRole('group', { name: `Terminal ${title}` }).getByRole('listitem').filter({ hasText: exact }).first();
}

/** Open the Terminals view and turn screen-reader mode on (remembered by the page). */
export async function screenReaderOn(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Terminals' }).click();
  const box = page.getByRole('checkbox', { name: 'Screen reader mode' });
  if (!(await box.isChecked())) await box.check();
  await expect(box).toBeChecked();
}

/** The Run dialog, opened from the Containers view. */
export async function openRunDialog(page: Page) {
  await page.getByRole('link', { name: 'Containers' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  return page.getByRole('dialog', { name: 'Run a container' });
}
