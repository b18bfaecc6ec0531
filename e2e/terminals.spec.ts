// Interactive sessions end to end in serve mode: Run -it --rm, Open shell, resize, a 50 MB flood, the Run
// dialog's messages and its copy-as-docker-run / paste round trip. Terminal text is read through xterm.js's
// screen-reader mode (its accessibility tree), as assistive technology reads it.
import type { Page } from '@playwright/test';
import { shellWords } from '../shared/run-command';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { expect, row, test } from './support/fixtures';

test.describe.configure({ mode: 'serial' });

const running = uniqueName('e2e-shell');

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['run', '-d', '--name', running, TEST_IMAGE, 'sleep', '900']);
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await docker(['rm', '-f', running]).catch(() => {});
});

/** A row of the shown terminal that reads exactly `text` (trailing blanks aside), as a screen reader gets it. */
function line(page: Page, title: string, text: string) {
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page.getByRole('group', { name: `Terminal ${title}` }).getByRole('listitem').filter({ hasText: exact }).first();
}

async function screenReaderOn(page: Page) {
  await page.getByRole('link', { name: 'Terminals' }).click();
  const box = page.getByRole('checkbox', { name: 'Screen reader mode' });
  if (!(await box.isChecked())) await box.check();
}

/** Type a line into the shown terminal, as a person at the keyboard. */
async function typeLine(page: Page, title: string, text: string) {
  await page.getByRole('group', { name: `Terminal ${title}` }).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Screen-reader mode on, then Open shell on the running container: its tab is shown. */
async function openShell(page: Page) {
  await screenReaderOn(page);
  await page.getByRole('link', { name: 'Containers' }).click();
  await row(page, 'Containers', running).getByRole('button', { name: 'Open shell' }).click();
  await expect(page.getByRole('tab', { name: running })).toHaveAttribute('aria-selected', 'true');
}

async function openRun(page: Page) {
  await page.getByRole('link', { name: 'Containers' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  return page.getByRole('dialog', { name: 'Run a container' });
}

test('Run -it --rm sh: 42 on the screen, exit, container removed', async ({ berth }) => {
  await screenReaderOn(berth);
  const name = uniqueName('e2e-it');
  const dialog = await openRun(berth);
  await dialog.getByLabel('Image').fill(TEST_IMAGE);
  await dialog.getByLabel('Command', { exact: true }).fill('sh');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await expect(dialog.getByLabel('Interactive (-it)')).toBeChecked();
  await expect(dialog.getByLabel('Remove when stopped (--rm)')).not.toBeChecked(); // docker run's default
  await dialog.getByLabel('Remove when stopped (--rm)').check();
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(berth.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  await typeLine(berth, name, 'echo $((6*7))');
  await expect(line(berth, name, '42')).toBeAttached();
  await typeLine(berth, name, 'exit');
  await expect(berth.getByRole('status').filter({ hasText: 'exited with code 0' })).toContainText('container removed (--rm)');
  await expect(berth.getByRole('tab', { name })).toContainText('exit 0');
  await expect.poll(() => docker(['ps', '-aq', '--filter', `name=^${name}$`]), { timeout: 10_000 }).toBe('');
});

test('Open shell on a running container answers, and resize reaches stty size', async ({ berth }) => {
  await openShell(berth);
  await typeLine(berth, running, 'echo hello-$((2+3))');
  await expect(line(berth, running, 'hello-5')).toBeAttached();

  const size = berth.getByLabel('Terminal size');
  const before = (await size.textContent())!;
  const [cols, rows] = before.split('×');
  await typeLine(berth, running, 'clear; stty size');
  await expect(line(berth, running, `${rows} ${cols}`)).toBeAttached();

  await berth.setViewportSize({ width: 900, height: 560 });
  await expect(size).not.toHaveText(before);
  const [cols2, rows2] = (await size.textContent())!.split('×');
  await typeLine(berth, running, 'clear; stty size');
  await expect(line(berth, running, `${rows2} ${cols2}`)).toBeAttached();
  await berth.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(berth.getByRole('tab', { name: running })).toHaveCount(0);
});

test('paste from the context menu, search the scrollback, and the tab survives switching views', async ({ berth }) => {
  await berth.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: process.env.BERTH_E2E_ORIGIN });
  await openShell(berth);
  await berth.evaluate("navigator.clipboard.writeText('echo pasted-$((5*5))')");
  await berth.getByRole('group', { name: `Terminal ${running}` }).click({ button: 'right' });
  await berth.getByRole('menu', { name: 'Terminal' }).getByRole('menuitem', { name: 'Paste' }).click();
  // The menu hands focus back to the terminal after reading the clipboard: an Enter before that went nowhere.
  await expect(berth.getByRole('group', { name: `Terminal ${running}` }).getByRole('textbox')).toBeFocused();
  await berth.keyboard.press('Enter');
  await expect(line(berth, running, 'pasted-25')).toBeAttached();

  await berth.getByLabel('Search in terminal').fill('pasted-25');
  await berth.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(berth.getByText('not found')).toHaveCount(0);
  await berth.getByLabel('Search in terminal').fill('nowhere-to-be-seen');
  await berth.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(berth.getByText('not found')).toBeVisible();

  await berth.getByRole('link', { name: 'Images' }).click();
  await berth.getByRole('link', { name: 'Terminals' }).click();
  await expect(line(berth, running, 'pasted-25')).toBeAttached();
  await berth.getByRole('button', { name: 'Close', exact: true }).click();
});

test('a 50 MB flood finishes and the terminal still answers', async ({ berth }) => {
  test.setTimeout(240_000);
  // 50 MB of text lines, written without a TTY (fast), then sent through the terminal with cat.
  await docker(['exec', running, 'sh', '-c', "seq 1 5000000 | sed 's/$/ abcdefghijklmnopqrstuvwxy/' | head -c 50000000 > /flood"]);
  expect(await docker(['exec', running, 'wc', '-c', '/flood'])).toMatch(/^50000000 /);
  await screenReaderOn(berth);
  // Screen-reader mode re-reads the screen on every write: the flood is measured the way most people run.
  await berth.getByRole('checkbox', { name: 'Screen reader mode' }).uncheck();
  await berth.getByRole('link', { name: 'Containers' }).click();
  await row(berth, 'Containers', running).getByRole('button', { name: 'Open shell' }).click();
  await typeLine(berth, running, 'cat /flood; echo; echo FLOOD-$((1+1))');
  await berth.getByRole('checkbox', { name: 'Screen reader mode' }).check({ timeout: 60_000 });
  await expect(line(berth, running, 'FLOOD-2')).toBeAttached({ timeout: 200_000 });
  await typeLine(berth, running, 'echo still-$((3+4))');
  await expect(line(berth, running, 'still-7')).toBeAttached();
  await berth.getByRole('button', { name: 'Close', exact: true }).click();
});

test('invalid fields in the Run dialog give messages and nothing is created', async ({ berth }) => {
  const before = await docker(['ps', '-aq']);
  const dialog = await openRun(berth);
  await dialog.getByLabel('Image').fill('Bad Image');
  await dialog.getByLabel('Ports').fill('8080:80\n8081:http');
  await dialog.getByLabel('Environment').fill('NOVALUE');
  await dialog.getByLabel('Volumes').fill('relative/dir:/data');
  await dialog.getByLabel('Working directory').fill('app');
  await expect(dialog.getByText('line 2: container port "http" is not a port number')).toBeVisible();
  await expect(dialog.getByText('line 1: "NOVALUE" has no value: write NOVALUE=value')).toBeVisible();
  await expect(dialog.getByText(/neither an absolute host path nor a volume name/)).toBeVisible();
  await expect(dialog.getByText('must be an absolute path, e.g. /app')).toBeVisible();
  await expect(dialog.getByLabel('Image')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await docker(['ps', '-aq'])).toBe(before);
});

test('copy as docker run round-trips through paste with every field set', async ({ berth }) => {
  let dialog = await openRun(berth);
  await dialog.getByLabel('Image').fill(TEST_IMAGE);
  await dialog.getByLabel('Command', { exact: true }).fill(`sh -c 'echo "it'"'"'s $((6*7))"'`);
  await dialog.getByLabel('Name', { exact: true }).fill('round-trip');
  await dialog.getByLabel('Entrypoint').fill('/bin/env');
  await dialog.getByLabel('Remove when stopped (--rm)').uncheck();
  await dialog.getByLabel('Environment').fill('GREETING=hello world\nEMPTY=');
  await dialog.getByLabel('Ports').fill('8080:80\n127.0.0.1::53/udp');
  await dialog.getByLabel('Volumes').fill('/srv/my data:/data:ro\ncache:/cache');
  await dialog.getByLabel('Working directory').fill('/work');
  await dialog.getByLabel('User').fill('1000:1000');
  await dialog.getByLabel('Network').fill('none');
  await dialog.getByLabel('Restart policy').selectOption('on-failure');
  await dialog.getByLabel('Maximum retries').fill('3');
  const line = await dialog.getByLabel('Equivalent docker run').inputValue();
  expect(line).toMatch(
    /^docker run -it --name round-trip -e 'GREETING=hello world' -e EMPTY= -p 8080:80 -p 127\.0\.0\.1::53\/udp -v '\/srv\/my data:\/data:ro' -v cache:\/cache -w \/work -u 1000:1000 --restart on-failure:3 --network none --entrypoint \/bin\/env /,
  );
  // A POSIX shell reads the command back word for word.
  expect(shellWords(line).slice(-4)).toEqual([TEST_IMAGE, 'sh', '-c', `echo "it's $((6*7))"`]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  dialog = await openRun(berth);
  await dialog.getByLabel('Paste a docker run line').fill(line);
  await expect(dialog.getByLabel('Equivalent docker run')).toHaveValue(line);
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('round-trip');
  await expect(dialog.getByLabel('Volumes')).toHaveValue('/srv/my data:/data:ro\ncache:/cache');
  await expect(dialog.getByLabel('Maximum retries')).toHaveValue('3');
  await expect(dialog.getByLabel('Remove when stopped (--rm)')).not.toBeChecked();

  await dialog.getByLabel('Paste a docker run line').fill(`${line} --oops`.replace('docker run', 'docker run --privileged'));
  await expect(dialog.getByRole('alert', { name: 'Problems in the pasted line' })).toContainText("--privileged: not supported by Berth's Run dialog");
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

/** Paste `lines` lines of 99 × `x` (each ended by a newline, which xterm sends as \r) from the context menu. */
async function pasteLines(page: Page, title: string, lines: number) {
  await page.evaluate(`navigator.clipboard.writeText(('x'.repeat(99) + '\\n').repeat(${lines}))`);
  await page.getByRole('group', { name: `Terminal ${title}` }).click({ button: 'right' });
  await page.getByRole('menu', { name: 'Terminal' }).getByRole('menuitem', { name: 'Paste' }).click();
}

test('a paste of 1.2 MB and of 3 MB arrives whole, byte for byte', async ({ berth }) => {
  test.setTimeout(120_000);
  await berth.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: process.env.BERTH_E2E_ORIGIN });
  await openShell(berth);
  for (const bytes of [1_200_000, 3_000_000]) {
    // Raw mode: no 4096-byte canonical line limit, no echo; head reads exactly the paste's size and ends
    // (the test image has no /tmp).
    await typeLine(berth, running, `clear; stty raw -echo; echo READY-${bytes}; head -c ${bytes} > /pasted; stty sane; echo; echo "got $(wc -c < /pasted) bytes, $(tr -d x < /pasted | wc -c) line ends"`);
    // A wait, not a speed bound: the shell reads the typed line at its own pace on a loaded machine.
    await expect(line(berth, running, `READY-${bytes}`)).toBeAttached({ timeout: 20_000 });
    await pasteLines(berth, running, bytes / 100);
    await expect(line(berth, running, `got ${bytes} bytes, ${bytes / 100} line ends`)).toBeAttached({ timeout: 60_000 });
  }
  await berth.getByRole('button', { name: 'Close', exact: true }).click();
});

test('a long paste into an application that does not read says how far it got, and Cancel stops it', async ({ berth }) => {
  await berth.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: process.env.BERTH_E2E_ORIGIN });
  await openShell(berth);
  // sleep never reads its input: the TTY fills, and the paste waits for it at the TTY's pace.
  await typeLine(berth, running, 'clear; stty raw -echo; echo STALLED; sleep 600');
  await expect(line(berth, running, 'STALLED')).toBeAttached();
  await pasteLines(berth, running, 30_000);
  const status = berth.getByRole('status', { name: 'Paste progress' });
  await expect(status).toContainText(/^Pasting… [\d.]+ (kB|MB) \/ 3 MB$/);
  await expect(berth.getByRole('progressbar', { name: 'Pasted' })).toHaveAttribute('max', '3000000');
  await berth.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(status).toHaveCount(0);
  await berth.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(berth.getByRole('tab', { name: running })).toHaveCount(0);
});
