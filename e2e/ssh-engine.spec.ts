// An engine added by hand over ssh://: Debian's sshd on a loopback port (throwaway keys), the docker CLI on
// the "remote" side reaching the engine under test. Added, probed, used; a refused key is explained and
// the engine forgotten. Serve mode gets its own instance: its ssh must know the test server's host key.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { SSHD, startSshd, type TestSshd } from '../electron/testing/sshd';
import { row } from './support/fixtures';
import { startServe, type Serving } from './support/serve';

let sshd: TestSshd;
let serving: Serving;
const marker = uniqueName('over-ssh');
/** How long to wait for an answer over ssh, ms (a wait, not a speed bound). */
const SSH_WAIT = 20_000;

test.beforeAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  if (!fs.existsSync(SSHD)) throw new Error('sshd missing: scripts/install-deps.sh installs openssh-server');
  sshd = await startSshd(process.env.DOCKER_HOST!);
  serving = await startServe({ env: { BERTH_SSH_CONFIG: sshd.config } });
  await docker(['create', '--name', marker, TEST_IMAGE, 'true']);
});
test.afterAll(async () => {
  if (process.env.BERTH_E2E_SKIP) return;
  await serving?.stop();
  await sshd?.stop();
  await docker(['rm', '-f', marker]).catch(() => {});
});

test('add an ssh:// engine with a key file, use it; a refused key is explained, then forgotten', async ({ page }) => {
  test.skip(!!process.env.BERTH_E2E_SKIP, `SKIPPING: ${process.env.BERTH_E2E_SKIP}`);
  await page.goto(serving.url);
  await page.getByRole('link', { name: 'Engines' }).click();

  await page.getByRole('button', { name: 'Add engine' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add an engine' });
  await dialog.getByLabel('Name').fill('wrong-key');
  await dialog.getByLabel('Address').fill('ssh://nobody@');
  await expect(dialog.getByRole('alert')).toContainText('expected unix:///path/to.sock');
  await expect(dialog.getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
  await dialog.getByLabel('Address').fill(sshd.url);
  await dialog.getByLabel('Key file').fill(sshd.wrongIdentity);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(row(page, 'Engines', 'wrong-key')).toContainText(/unreachable: SSH to .* Permission denied \(publickey\).* refused the key/, { timeout: SSH_WAIT });
  await expect(row(page, 'Engines', 'wrong-key').getByRole('button', { name: 'Use' })).toBeDisabled();

  await page.getByRole('button', { name: 'Add engine' }).click();
  dialog = page.getByRole('dialog', { name: 'Add an engine' });
  await dialog.getByLabel('Name').fill('over-ssh');
  await dialog.getByLabel('Address').fill(sshd.url);
  await dialog.getByLabel('Key file').fill(sshd.identity);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  const remote = row(page, 'Engines', 'over-ssh');
  // Each row is probed on its own; over ssh a probe is an ssh session plus `docker system dial-stdio` on the
  // remote side (1.3–3 s here, more on a loaded machine).
  await expect(remote).toContainText(/(Docker|Podman) \d+/, { timeout: SSH_WAIT });
  await expect(remote).toContainText('added in Berth');

  await remote.getByRole('button', { name: 'Use' }).click();
  await page.getByRole('alertdialog', { name: 'Use over-ssh?' }).getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByRole('status', { name: 'Engine status' })).toContainText(sshd.url, { timeout: SSH_WAIT });
  await page.getByRole('link', { name: 'Containers' }).click();
  await expect(row(page, 'Containers', marker)).toBeVisible({ timeout: SSH_WAIT });

  await page.getByRole('link', { name: 'Engines' }).click();
  await row(page, 'Engines', 'wrong-key').getByRole('button', { name: 'Forget wrong-key' }).click();
  await page.getByRole('alertdialog', { name: 'Forget wrong-key?' }).getByRole('button', { name: 'Forget' }).click();
  await expect(row(page, 'Engines', 'wrong-key')).toHaveCount(0);
  await expect(row(page, 'Engines', 'over-ssh').getByRole('button', { name: 'Forget over-ssh' })).toHaveCount(0);
  const saved = JSON.parse(fs.readFileSync(`${serving.dockerConfig}/berth-state/engines.json`, 'utf8'));
  expect(saved).toEqual([{ name: 'over-ssh', host: sshd.url, identityFile: sshd.identity }]);
});
