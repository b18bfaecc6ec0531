// The command palette and the keyboard shortcuts in serve mode, against the private engine: Ctrl+K opens a
// `dialog` with a `combobox` (WAI-ARIA combobox pattern), a fuzzy query and Enter go to a view, Escape closes
// and gives the focus back; an action on the selected container (Stop) reaches the engine (docker CLI);
// Remove still asks first; in a terminal Ctrl+K and `?` belong to the shell, Ctrl+Shift+P opens the palette;
// `?` lists the shortcuts, `g` then a letter goes to a view.
import type { Locator, Page } from '@playwright/test';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';
import { screenReaderOn, terminalLine } from './support/terminal';

test.describe.configure({ mode: 'serial' });

const stopMe = uniqueName('e2e-palette-stop');
const shell = uniqueName('e2e-palette-shell');

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['run', '-d', '--network', 'none', '--name', stopMe, TEST_IMAGE, 'sleep', '600']);
  await docker(['run', '-d', '--network', 'none', '--name', shell, TEST_IMAGE, 'sleep', '600']);
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['rm', '-f', stopMe, shell]).catch(() => {});
});

const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });

/** The palette's combobox, checked against the combobox pattern: it controls the listbox and points at the active option. */
async function combobox(page: Page): Promise<{ input: Locator; active: () => Promise<Locator> }> {
  const input = palette(page).getByRole('combobox');
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  const list = page.locator(`[id="${await input.getAttribute('aria-controls')}"]`);
  await expect(list).toHaveAttribute('role', 'listbox');
  const active = async () => {
    const id = await input.getAttribute('aria-activedescendant');
    const option = list.locator(`[id="${id}"]`);
    await expect(option).toHaveAttribute('role', 'option');
    await expect(option).toHaveAttribute('aria-selected', 'true');
    return option;
  };
  return { input, active };
}

/** Select a container's row by clicking its name, as a person picks the object to act on. */
async function selectRow(page: Page, name: string): Promise<Locator> {
  const r = row(page, 'Containers', name);
  await r.getByRole('cell').first().click();
  await expect(r).toHaveAttribute('aria-selected', 'true');
  return r;
}

test('Ctrl+K opens the palette; a fuzzy query and Enter go to the view; arrows move; Escape gives the focus back', async ({ berth }) => {
  const run = berth.getByRole('button', { name: 'Run', exact: true });
  await run.focus();
  await berth.keyboard.press('Control+K');
  await expect(palette(berth)).toBeVisible();
  const { input, active } = await combobox(berth);
  await expect(palette(berth).getByRole('option', { name: 'Go to Images' })).toContainText('G then I');

  // Arrows move the active option (and wrap), the focus staying in the input.
  const first = await (await active()).textContent();
  await berth.keyboard.press('ArrowDown');
  expect(await (await active()).textContent()).not.toBe(first);
  await berth.keyboard.press('ArrowUp');
  expect(await (await active()).textContent()).toBe(first);
  await berth.keyboard.press('ArrowUp');
  await expect(await active()).toContainText('Go to Settings');
  await expect(input).toBeFocused();

  // Escape: closed, the focus back on Run.
  await berth.keyboard.press('Escape');
  await expect(palette(berth)).toHaveCount(0);
  await expect(run).toBeFocused();

  // From the filter field too (Ctrl+K types nothing there); a fuzzy query, Enter.
  await berth.getByRole('searchbox', { name: 'Filter containers' }).focus();
  await berth.keyboard.press('Control+K');
  const again = await combobox(berth);
  await again.input.fill('gtnet');
  await expect(await again.active()).toHaveAccessibleName('Go to Networks');
  await berth.keyboard.press('Enter');
  await expect(palette(berth)).toHaveCount(0);
  await expect(berth.getByRole('link', { name: 'Networks' })).toHaveAttribute('aria-current', 'page');
  await expect(berth.getByRole('heading', { name: 'Networks', level: 1 })).toBeVisible();

  // A global action opens its dialog over its view.
  await berth.keyboard.press('Control+K');
  await (await combobox(berth)).input.fill('pull');
  await berth.keyboard.press('Enter');
  await expect(berth.getByRole('dialog', { name: 'Pull an image' })).toBeVisible();
  await expect(berth.getByRole('link', { name: 'Images' })).toHaveAttribute('aria-current', 'page');
  await berth.getByRole('dialog', { name: 'Pull an image' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(berth.getByRole('dialog', { name: 'Pull an image' })).toHaveCount(0);
});

test('Stop on the selected container reaches the engine; Remove still asks first', async ({ berth }) => {
  await berth.setViewportSize({ width: 1280, height: 720 });
  const r = await selectRow(berth, stopMe);
  await berth.keyboard.press('Control+K');
  const { input, active } = await combobox(berth);
  await expect(palette(berth).getByRole('option', { name: `Logs of ${stopMe}` })).toContainText('L');
  await input.fill('sto');
  await expect(await active()).toHaveAccessibleName(`Stop ${stopMe}`);
  const shot = test.info().outputPath('palette-1280x720.png');
  await berth.screenshot({ path: shot });
  await test.info().attach('palette at 1280×720', { path: shot, contentType: 'image/png' });
  await berth.keyboard.press('Enter');
  await expect.poll(() => docker(['inspect', '-f', '{{.State.Status}}', stopMe]), { timeout: 20_000 }).toBe('exited');
  await expect(r).toContainText('exited');

  // Delete removes the selected container only through its confirmation.
  await berth.keyboard.press('Delete');
  const confirm = berth.getByRole('alertdialog', { name: `Remove container ${stopMe}?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  expect(await docker(['inspect', '-f', '{{.State.Status}}', stopMe])).toBe('exited');
  await berth.keyboard.press('Delete');
  await berth.getByRole('alertdialog', { name: `Remove container ${stopMe}?` }).getByRole('button', { name: 'Remove' }).click();
  await expect.poll(() => docker(['ps', '-aq', '--filter', `name=^${stopMe}$`]), { timeout: 10_000 }).toBe('');
});

test('in a terminal Ctrl+K and ? are the shell’s; Ctrl+Shift+P opens the palette and gives the focus back to the terminal', async ({ berth }) => {
  await screenReaderOn(berth);
  await berth.getByRole('link', { name: 'Containers' }).click();
  await selectRow(berth, shell);
  // t: Open shell on the selected container.
  await berth.keyboard.press('t');
  await expect(berth.getByRole('tab', { name: shell })).toHaveAttribute('aria-selected', 'true');
  const term = berth.getByRole('group', { name: `Terminal ${shell}` });
  await expect(term.getByRole('textbox')).toBeFocused();

  // Ctrl+K is the line editor's kill-to-end: " dropped" goes, no palette opens.
  await berth.keyboard.type('echo kept dropped');
  for (let i = 0; i < ' dropped'.length; i++) await berth.keyboard.press('ArrowLeft');
  await berth.keyboard.press('Control+K');
  await berth.keyboard.press('Enter');
  await expect(terminalLine(berth, shell, 'kept')).toBeAttached();
  await expect(palette(berth)).toHaveCount(0);
  // ? typed into the shell, no help dialog.
  await berth.keyboard.type("echo 'a?b'");
  await berth.keyboard.press('Enter');
  await expect(terminalLine(berth, shell, 'a?b')).toBeAttached();
  await expect(berth.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);

  await berth.keyboard.press('Control+Shift+P');
  await expect(palette(berth)).toBeVisible();
  await expect(palette(berth).getByRole('option', { name: 'Go to Containers' })).toBeVisible();
  await berth.keyboard.press('Escape');
  await expect(palette(berth)).toHaveCount(0);
  await expect(term.getByRole('textbox')).toBeFocused();
  await berth.getByRole('button', { name: 'Close', exact: true }).click();
});

test('? lists the shortcuts (not from a text field); g then i goes to Images; l shows the selected image’s layers', async ({ berth }) => {
  const filter = berth.getByRole('searchbox', { name: 'Filter containers' });
  await filter.focus();
  await berth.keyboard.type('?');
  await expect(filter).toHaveValue('?');
  await expect(berth.getByRole('dialog', { name: 'Keyboard shortcuts' })).toHaveCount(0);
  await filter.fill('');
  await filter.blur();

  await berth.keyboard.press('?');
  const help = berth.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  const rowOf = (label: string) => help.getByRole('row').filter({ hasText: label });
  await expect(rowOf('Go to Containers')).toContainText('G then C');
  await expect(rowOf('Ctrl+K')).toContainText('Command palette');
  await expect(rowOf('Ctrl+Shift+P')).toContainText('Command palette (also in a text field and in a terminal)');
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  const shot = test.info().outputPath('shortcuts-help.png');
  await berth.screenshot({ path: shot });
  await test.info().attach('keyboard shortcuts', { path: shot, contentType: 'image/png' });
  await berth.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await berth.keyboard.press('g');
  await berth.keyboard.press('i');
  await expect(berth.getByRole('link', { name: 'Images' })).toHaveAttribute('aria-current', 'page');
  const image = row(berth, 'Images', TEST_IMAGE);
  await image.getByRole('cell').nth(1).click();
  await expect(image).toHaveAttribute('aria-selected', 'true');
  await berth.keyboard.press('l');
  await expect(berth.getByRole('heading', { name: `Layers of ${TEST_IMAGE}` })).toBeVisible();
});
