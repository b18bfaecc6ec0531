// A registry with token auth (Docker's token protocol, as Docker Hub, GHCR and GitLab speak it), point and
// click: log in, find the catalog refused with what to do instead, browse a repository by name and see
// its tags with their digests. scripts/token-registry.sh's registry and token server (BERTH_TEST_TOKEN_*).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { testTokenRegistry, TOKEN_DEFAULTS } from '../electron/testing/token-registry';
import { expect, fillLogIn, namedRow, row, test } from './support/fixtures';

const registry = process.env.BERTH_E2E_SKIP ? null : testTokenRegistry();
const reg = registry!;

test.describe.configure({ mode: 'serial' });
test.skip(!registry, 'no token-auth registry (BERTH_TEST_TOKEN_REGISTRY)');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-token-'));
const name = `berth/${uniqueName('e2e')}`;
const ref = registry ? `${reg.host}/${name}:1` : '';

/** The digest the registry holds for `name:tag`, read with the token protocol itself (not through Berth). */
async function registryDigest(repository: string, tag: string): Promise<string> {
  const basic = `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}`;
  const tokenRes = await fetch(`${reg.realm}?service=berth-test-registry&scope=repository:${repository}:pull`, { headers: { authorization: basic } });
  const { token } = (await tokenRes.json()) as { token: string };
  const res = await fetch(`http://${reg.host}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' },
  });
  expect(res.status).toBe(200);
  return res.headers.get('docker-content-digest')!;
}

test.beforeAll(async () => {
  await reg.set(TOKEN_DEFAULTS);
  // An image in the token registry, pushed by the CLI with a log-in as `docker login` stores it.
  const ctx = path.join(work, 'seed');
  fs.mkdirSync(ctx, { recursive: true });
  fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${uniqueName('seed')} > /seed\n`);
  await docker(['build', '-q', '-t', ref, ctx]);
  const cliConfig = path.join(work, 'cli-config');
  fs.mkdirSync(cliConfig, { recursive: true });
  const auth = Buffer.from(`${reg.username}:${reg.password}`).toString('base64');
  fs.writeFileSync(path.join(cliConfig, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth } } }));
  await docker(['--config', cliConfig, 'push', ref]);
});
test.afterAll(async () => {
  await docker(['rmi', '-f', ref]).catch(() => {});
  fs.rmSync(work, { recursive: true, force: true });
});

test('log in to a token-auth registry: a wrong password is refused, the right one stored', async ({ berth }) => {
  const dialog = await fillLogIn(berth, reg.host, reg.username, 'wrong-password');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/refused.*incorrect username or password/i);
  await dialog.getByLabel('Password').fill(reg.password);
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog).toBeHidden();
  await expect(row(berth, 'Log-ins', reg.host)).toContainText(reg.username);
});

test('the catalog is refused with what to do; the repository by name shows its tags with digests', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Registries' }).click();
  await row(berth, 'Log-ins', reg.host).getByRole('button', { name: 'Browse' }).click();
  await expect(berth.getByRole('alert')).toHaveText(`${reg.host} does not let you list repositories; enter a repository name`);
  await berth.getByLabel('Repository').fill(name);
  await berth.getByRole('button', { name: 'List tags' }).click();
  const tag = namedRow(berth, `Tags of ${reg.host}/${name}`, '1');
  await expect(tag).toContainText(await registryDigest(name, '1'));
  await expect(tag.getByRole('button', { name: `Pull ${ref}` })).toBeVisible();
  await expect(berth.getByRole('alert')).toBeHidden();
});

test('the NGC log-in names its fixed user and an API key as the password', async ({ berth }) => {
  await berth.getByRole('link', { name: 'Registries' }).click();
  await berth.getByRole('button', { name: 'Log in' }).click();
  const dialog = berth.getByRole('dialog', { name: 'Log in to a registry' });
  await dialog.getByLabel('Registry').fill('nvcr.io');
  await expect(dialog.getByLabel('Username')).toHaveValue('$oauthtoken');
  await expect(dialog.getByLabel('Password')).toHaveAccessibleDescription(/NGC API key/);
  await dialog.getByLabel('Registry').fill('ghcr.io');
  await expect(dialog.getByLabel('Username')).toHaveValue('');
  await expect(dialog.getByLabel('Password')).toHaveAccessibleDescription(/personal access token/);
});
