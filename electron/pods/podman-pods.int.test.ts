// Integration: pods and Kubernetes YAML on the private Podman service (the Podman round of `npm test` runs
// podman-*.int.test.ts), with `podman pod`'s own view through the libpod API (curl-free: the docker CLI has
// no pods) as the oracle; on a Docker engine every pods method says pods need Podman.
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { engineKind, engineMissing, docker, uniqueName } from '../testing/engine';
import { twoContainerPod } from '../testing/pods';
import { ContainersService } from '../containers/service';
import { PodsService } from './service';

const missing = await engineMissing();
const kind = missing ? null : await engineKind();


describe.skipIf(missing || kind !== 'podman')('pods on Podman', () => {
  const engine = new Engine();
  const pods = new PodsService(engine);
  const name = uniqueName('pod');
  afterAll(async () => {
    await pods.remove({ pod: name, force: true, timeoutSeconds: 0 }).catch(() => undefined);
  });

  it('plays a two-container pod and lists it with its containers and infra container', async () => {
    const played = await pods.play({ yaml: twoContainerPod(name, { app: 'berth-test' }) });
    expect(played.pods).toHaveLength(1);
    expect(played.pods[0]!.containers).toHaveLength(2);
    expect(played.pods[0]!.errors).toEqual([]);
    const pod = (await pods.list()).find((p) => p.name === name)!;
    expect(pod).toMatchObject({ id: played.pods[0]!.id, status: 'Running', labels: { app: 'berth-test' } });
    expect(pod.containers.map((c) => c.name).sort()).toEqual([`${name}-side`, `${name}-web`, expect.stringMatching(/-infra$/)].sort());
    expect(pod.containers.filter((c) => c.infra)).toHaveLength(1);
    // The engine's own view of the containers agrees (the compat API lists them as containers).
    expect(await docker(['inspect', '-f', '{{.State.Status}}', `${name}-web`])).toBe('running');
  });

  it("gives each of the pod's containers its pod in the container list and in one container's summary", async () => {
    const containers = new ContainersService(engine);
    const pod = (await pods.list()).find((p) => p.name === name)!;
    const listed = (await containers.list()).filter((c) => c.pod?.name === name);
    expect(listed.map((c) => c.name).sort()).toEqual(pod.containers.map((c) => c.name).sort());
    expect(listed.every((c) => c.pod!.id === pod.id)).toBe(true);
    expect(listed.filter((c) => c.pod!.infra).map((c) => c.id)).toEqual(pod.containers.filter((c) => c.infra).map((c) => c.id));
    // A fresh service (nothing remembered) asked for one container: the monitor's path after an event.
    const one = await new ContainersService(engine).summary(`${name}-web`);
    expect(one?.pod).toEqual({ id: pod.id, name, infra: false });
    // A container in no pod has none.
    const loose = uniqueName('loose');
    await docker(['create', '--name', loose, 'berth-test/busybox:latest', 'true']);
    try {
      expect((await new ContainersService(engine).summary(loose))?.pod ?? null).toBeNull();
    } finally {
      await docker(['rm', '-f', loose]);
    }
  });

  it('stops, starts and restarts the pod, as the engine then reports', async () => {
    const status = async () => (await pods.list()).find((p) => p.name === name)?.status;
    await pods.act({ pod: name, action: 'stop', timeoutSeconds: 1 });
    expect(await status()).toBe('Exited');
    expect(await docker(['inspect', '-f', '{{.State.Status}}', `${name}-web`])).toBe('exited');
    await pods.act({ pod: name, action: 'start' });
    expect(await status()).toBe('Running');
    const before = await docker(['inspect', '-f', '{{.State.StartedAt}}', `${name}-side`]);
    await pods.act({ pod: name, action: 'restart', timeoutSeconds: 1 });
    expect(await status()).toBe('Running');
    expect(await docker(['inspect', '-f', '{{.State.StartedAt}}', `${name}-side`])).not.toBe(before);
  });

  it('generates Kubernetes YAML of the pod that plays again under another name', async () => {
    const { yaml } = await pods.generate({ names: [name] });
    expect(yaml).toContain('kind: Pod');
    expect(yaml).toContain(`name: ${name}`);
    expect(yaml).toMatch(/image: docker\.io\/berth-test\/busybox:latest/);
    const copy = uniqueName('podcopy');
    try {
      const again = await pods.play({ yaml: yaml.replace(new RegExp(`name: ${name}\\b`, 'g'), `name: ${copy}`) });
      expect(again.pods).toHaveLength(1);
    } finally {
      await pods.remove({ pod: copy, force: true, timeoutSeconds: 0 }).catch(() => undefined);
    }
  });

  it('refuses a name in use, invalid YAML and an unknown pod with the engine’s reason, leaving nothing behind', async () => {
    const count = async () => (await pods.list()).length;
    const before = await count();
    await expect(pods.play({ yaml: twoContainerPod(name, { app: 'berth-test' }) })).rejects.toThrow(/already|in use|exists/i);
    await expect(pods.play({ yaml: 'kind: Pod\nspec: [unclosed' })).rejects.toThrow(BerthError);
    await expect(pods.play({ yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n' })).rejects.toThrow('does not contain any supported kube kind');
    expect(await count()).toBe(before);
    await expect(pods.act({ pod: 'no-such-pod-here', action: 'start' })).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('removes a running pod only with force, and then its containers are gone', async () => {
    await expect(pods.remove({ pod: name })).rejects.toThrow(BerthError);
    await pods.remove({ pod: name, force: true, timeoutSeconds: 1 });
    expect((await pods.list()).some((p) => p.name === name)).toBe(false);
    await expect(docker(['inspect', `${name}-web`])).rejects.toThrow();
  });
});

describe.skipIf(missing || kind !== 'docker')('pods on Docker', () => {
  it('say they need Podman, sending nothing', async () => {
    const pods = new PodsService(new Engine());
    await expect(pods.list()).rejects.toMatchObject({ name: 'Unsupported', message: expect.stringContaining('pods need Podman') });
    await expect(pods.play({ yaml: 'kind: Pod' })).rejects.toMatchObject({ name: 'Unsupported' });
  });
});
