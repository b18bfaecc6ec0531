// `docker attach` habits (issue #12): Attach works on a container started without a TTY (its output live,
// read-only without -i; typed lines reach it with -i), and detaching then attaching again keeps one tab
// for the container, focused.
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, fromMore, row, test } from './support/fixtures';
import { screenReaderOn, terminalLine } from './support/terminal';
import type { Page } from '@playwright/test';

test.describe.configure({ mode: 'serial' });

const ticker = uniqueName('e2e-ticker');
const reader = uniqueName('e2e-cat');
const tty = uniqueName('e2e-tty');

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['run', '-d', '--name', ticker, TEST_IMAGE, 'sh', '-c', 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done']);
  await docker(['run', '-d', '-i', '--name', reader, TEST_IMAGE, 'cat']);
  await docker(['run', '-dit', '--name', tty, TEST_IMAGE, 'sh']);
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  for (const n of [ticker, reader, tty]) await docker(['rm', '-f', n]).catch(() => {});
});

async function attach(page: Page, name: string) {
  await page.getByRole('link', { name: 'Containers' }).click();
  await fromMore(page, row(page, 'Containers', name), 'Attach');
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
}

test('Attach to a container without a TTY shows its output live, read-only without -i', async ({ berth }) => {
  await screenReaderOn(berth);
  await attach(berth, ticker);
  await expect(berth.getByText('read-only: no stdin')).toBeVisible();
  await expect(berth.getByText('Detach: Ctrl-P Ctrl-Q')).toHaveCount(0);
  // Numbered ticks, each on its own line (demultiplexed, line feeds as CR LF), still arriving: live.
  const ticks = berth.getByRole('group', { name: `Terminal ${ticker}` }).getByRole('listitem').filter({ hasText: /^\s*tick \d+\s*$/ });
  const newest = async () => Math.max(0, ...(await ticks.allTextContents()).map((t) => Number(t.trim().slice(5))));
  await expect(ticks.nth(2)).toBeAttached();
  const seen = await newest();
  await expect.poll(newest, { timeout: 10_000 }).toBeGreaterThan(seen + 3);
  await expect(berth.getByRole('status').filter({ hasText: 'Attached' })).toContainText('running');
});

test('Attach to a container started with -i and no TTY: a typed line reaches cat', async ({ berth }) => {
  await screenReaderOn(berth);
  await attach(berth, reader);
  await expect(berth.getByText('read-only: no stdin')).toHaveCount(0);
  await berth.getByRole('group', { name: `Terminal ${reader}` }).click();
  await berth.keyboard.type('hello-cat');
  await berth.keyboard.press('Enter');
  await expect(terminalLine(berth, reader, 'hello-cat')).toBeAttached();
});

test('detach with Ctrl-P Ctrl-Q, attach again: one tab for the container, focused', async ({ berth }) => {
  await screenReaderOn(berth);
  await attach(berth, tty);
  await berth.getByRole('group', { name: `Terminal ${tty}` }).click();
  await berth.keyboard.press('Control+p');
  await berth.keyboard.press('Control+q');
  await expect(berth.getByRole('status').filter({ hasText: 'detached' })).toBeVisible();
  await expect(berth.getByRole('tab', { name: tty })).toContainText('detached');
  expect(await docker(['inspect', '-f', '{{.State.Running}}', tty])).toBe('true');
  await attach(berth, tty);
  await expect(berth.getByRole('tab', { name: tty })).toHaveCount(1);
  await expect(berth.getByRole('tab', { name: tty })).toHaveAttribute('aria-selected', 'true');
  await expect(berth.getByRole('status').filter({ hasText: 'Attached' })).toContainText('running');
  // Attach again while attached: the same tab, not a second one.
  await attach(berth, tty);
  await expect(berth.getByRole('tab', { name: tty })).toHaveCount(1);
});
