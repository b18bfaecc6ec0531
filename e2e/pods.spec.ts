// Podman pods end to end (issue #16): Play Kubernetes YAML of a two-container pod, its row live with its
// containers, Stop/Start, Generate Kubernetes YAML shown and saved, Remove behind a confirmation; the
// engine's own view (docker CLI against the same Podman) is the oracle. On Docker the view says pods need Podman.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { docker, engineDelete, engineKind, TEST_IMAGE, uniqueName } from '../electron/testing/engine';
import { twoContainerPod } from '../electron/testing/pods';
import { expect, fromMore, namedRow, test } from './support/fixtures';


test('a pod is played from YAML, stopped, started, generated, saved and removed', async ({ berth }) => {
  test.skip((await engineKind()) !== 'podman', 'pods need Podman: the Docker round checks the explanation instead');
  const name = uniqueName('pod');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-pods-'));
  try {
    await berth.getByRole('link', { name: 'Pods' }).click();
    await berth.getByRole('button', { name: 'Play Kubernetes YAML' }).click();
    const play = berth.getByRole('dialog', { name: 'Play Kubernetes YAML' });
    await play.getByLabel('Kubernetes YAML').fill(twoContainerPod(name));
    await play.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(play).toHaveCount(0, { timeout: 60_000 });
    const row = namedRow(berth, 'Pods', name);
    await expect(row).toContainText('Running', { timeout: 10_000 });
    await expect(row).toContainText(`2/2: ${name}-`);
    if (process.env.BERTH_PODS_SHOTS) await berth.screenshot({ path: path.join(process.env.BERTH_PODS_SHOTS, 'pods.png') });
    expect(await docker(['inspect', '-f', '{{.State.Status}}', `${name}-web`])).toBe('running');

    // The Containers view holds the pod's containers under the pod's header, the infra container marked.
    await berth.getByRole('link', { name: 'Containers' }).click();
    const containers = berth.getByRole('table', { name: 'Containers' });
    const group = containers.getByRole('row').filter({ has: berth.getByRole('button', { name: `pod ${name}`, exact: true }) });
    await expect(group).toContainText('2 of 2 containers running · infra running', { timeout: 10_000 });
    for (const c of ['web', 'side']) await expect(containers.getByRole('row').filter({ hasText: `${name}-${c}` })).toContainText(`pod ${name}`);
    const infra = containers.getByRole('row').filter({ hasText: `pod ${name} (infra)` });
    await expect(infra).toHaveCount(1);
    // Folding the pod's header hides its three containers; unfolding shows them again.
    await group.getByRole('button', { name: `pod ${name}`, exact: true }).click();
    await expect(containers.getByRole('row').filter({ hasText: `${name}-web` })).toHaveCount(0);
    await expect(infra).toHaveCount(0);
    await group.getByRole('button', { name: `pod ${name}`, exact: true }).click();
    await expect(infra).toHaveCount(1);
    if (process.env.BERTH_PODS_SHOTS) await berth.screenshot({ path: path.join(process.env.BERTH_PODS_SHOTS, 'containers-pod-group.png') });
    // Generate Kubernetes YAML from a pod member's More menu gives its pod's (Podman refuses a member's own).
    await fromMore(berth, containers.getByRole('row').filter({ hasText: `${name}-web` }).first(), 'Generate Kubernetes YAML');
    const ofMember = berth.getByRole('dialog', { name: `Kubernetes YAML of ${name}` });
    await expect(ofMember.getByLabel('Kubernetes YAML')).toContainText(`name: ${name}`, { timeout: 15_000 });
    await ofMember.getByRole('button', { name: 'Close' }).click();
    await expect(ofMember).toHaveCount(0);
    // A container in no pod: its own (`podman kube generate CONTAINER`), a Pod named after it.
    await docker(['create', '--name', `${name}-alone`, TEST_IMAGE, 'sleep', '1']);
    await fromMore(berth, containers.getByRole('row').filter({ hasText: `${name}-alone` }), 'Generate Kubernetes YAML');
    const ofAlone = berth.getByRole('dialog', { name: `Kubernetes YAML of ${name}-alone` });
    await expect(ofAlone.getByLabel('Kubernetes YAML')).toContainText('kind: Pod', { timeout: 15_000 });
    await expect(ofAlone.getByLabel('Kubernetes YAML')).toContainText(`image: docker.io/${TEST_IMAGE}`);
    await ofAlone.getByRole('button', { name: 'Close' }).click();
    await docker(['rm', '-f', `${name}-alone`]);
    await group.getByRole('link', { name: 'Pod details' }).click();
    await expect(row).toBeVisible();

    await row.getByRole('button', { name: 'Stop' }).click();
    await expect(row).toContainText('Exited', { timeout: 30_000 });
    expect(await docker(['inspect', '-f', '{{.State.Status}}', `${name}-web`])).toBe('exited');
    await row.getByRole('button', { name: 'Start' }).click();
    await expect(row).toContainText('Running', { timeout: 30_000 });

    await fromMore(berth, row, 'Generate Kubernetes YAML');
    const gen = berth.getByRole('dialog', { name: `Kubernetes YAML of ${name}` });
    const yaml = gen.getByLabel('Kubernetes YAML');
    await expect(yaml).toContainText('kind: Pod');
    await expect(yaml).toContainText(`name: ${name}`);
    const file = path.join(dir, 'pod.yaml');
    await gen.getByLabel('File', { exact: true }).fill(file);
    await gen.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(gen).toHaveCount(0);
    expect(fs.readFileSync(file, 'utf8')).toContain(`name: ${name}`);

    await row.getByRole('button', { name: 'Remove' }).click();
    const confirm = berth.getByRole('alertdialog', { name: `Remove pod ${name}?` });
    await expect(confirm.getByRole('list', { name: 'Containers to remove' })).toContainText(`${name}-web`);
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(row).toHaveCount(0, { timeout: 30_000 });
    await expect(docker(['inspect', `${name}-web`])).rejects.toThrow();
  } finally {
    // The docker CLI has no pods: through the libpod API, so a failed run leaves no pod behind.
    await engineDelete(`/v4.0.0/libpod/pods/${encodeURIComponent(name)}?force=true`).catch(() => undefined);
    await docker(['rm', '-f', `${name}-alone`]).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('invalid YAML is refused in the dialog with the engine’s reason', async ({ berth }) => {
  test.skip((await engineKind()) !== 'podman', 'pods need Podman');
  await berth.getByRole('link', { name: 'Pods' }).click();
  await berth.getByRole('button', { name: 'Play Kubernetes YAML' }).click();
  const play = berth.getByRole('dialog', { name: 'Play Kubernetes YAML' });
  await play.getByLabel('Kubernetes YAML').fill('apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n');
  await play.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(play.getByRole('alert')).toContainText('does not contain any supported kube kind');
});

test('a pod YAML with no container is said to have made none, as an error, not a success', async ({ berth }) => {
  test.skip((await engineKind()) !== 'podman', 'pods need Podman');
  const name = uniqueName('emptypod');
  try {
    await berth.getByRole('link', { name: 'Pods' }).click();
    await berth.getByRole('button', { name: 'Play Kubernetes YAML' }).click();
    const play = berth.getByRole('dialog', { name: 'Play Kubernetes YAML' });
    // Podman 4.3 makes the pod and answers with no container and no error for this.
    await play.getByLabel('Kubernetes YAML').fill(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers: []\n`);
    await play.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(berth.getByRole('alert').filter({ hasText: 'Played 1 pod with 0 containers: the engine made no container' })).toBeVisible();
    await expect(berth.getByRole('status').filter({ hasText: /^Played 1 pod with 0 containers$/ })).toHaveCount(0);
  } finally {
    await engineDelete(`/v4.0.0/libpod/pods/${encodeURIComponent(name)}?force=true`).catch(() => undefined);
  }
});

test('on Docker the Pods view says pods need Podman', async ({ berth }) => {
  test.skip((await engineKind()) !== 'docker', 'the Podman round plays pods');
  await berth.getByRole('link', { name: 'Pods' }).click();
  await expect(berth.getByText(/is a Docker engine: pods need Podman/)).toBeVisible();
  await expect(berth.getByRole('button', { name: 'Play Kubernetes YAML' })).toBeDisabled();
});
