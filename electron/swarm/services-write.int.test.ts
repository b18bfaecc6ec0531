// Integration: Berth's service writes (electron/swarm/services-write.ts) on the shared private three-node swarm of
// scripts/swarm.sh, the docker CLI against the same manager as the oracle (`docker service inspect`, `docker service
// ps`, `docker service ls`). Every service has a unique name and is removed after; a second tag of the test image is
// made on each node for the image updates and removed after.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyServiceArgs, type ServiceCreateArgs } from '../../shared/swarm-service-spec';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { CredentialStore } from '../registry/credentials';
import { RegistryService } from '../registry/service';
import { docker, TEST_IMAGE, testSwarm, uniqueName, waitFor } from '../testing/engine';
import { SwarmService } from './service';
import { SwarmServiceWrites } from './services-write';

const swarm = await testSwarm();
const engineOf = (host: string) => new Engine(resolveEngineHost({ DOCKER_HOST: host }));
const lines = (s: string) => s.split('\n').filter(Boolean);
const SLEEPER = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];

describe.skipIf(!swarm)('service create, scale, image update, rollback and remove on a real swarm', () => {
  const manager = swarm?.manager ?? '';
  const nodes = [manager, ...(swarm?.workers ?? [])];
  const writes = new SwarmServiceWrites(engineOf(manager));
  const read = new SwarmService(engineOf(manager));
  const made: string[] = [];
  const tag2 = `berth-test/busybox:${uniqueName('svc')}`;

  beforeAll(async () => {
    for (const n of nodes) await docker(['tag', TEST_IMAGE, tag2], n);
  });
  afterAll(async () => {
    if (made.length) await docker(['service', 'rm', ...made], manager).catch(() => {});
    for (const n of nodes) await docker(['rmi', tag2], n).catch(() => {});
  });

  /** Arguments of a small service of the test image that sleeps, ending at SIGTERM (a bare sleep as PID 1 waits out the 10 s grace period). */
  const args = (name: string, over: Partial<ServiceCreateArgs> = {}): ServiceCreateArgs => {
    made.push(name);
    return { ...emptyServiceArgs(TEST_IMAGE), name, command: SLEEPER, ...over };
  };
  const inspect = async <T>(name: string, field: string): Promise<T> => JSON.parse(await docker(['service', 'inspect', '--format', `{{json ${field}}}`, name], manager)) as T;
  /** `docker service ps` of the running tasks: `node image` each. */
  const running = async (name: string) =>
    lines(await docker(['service', 'ps', name, '--filter', 'desired-state=running', '--format', '{{.Node}} {{.Image}} {{.CurrentState}}'], manager))
      .filter((l) => / Running /.test(` ${l} `))
      .map((l) => l.split(' ').slice(0, 2).join(' '));

  it('creates a replicated service with the dialog’s fields as docker service create would; its tasks run', async () => {
    const name = uniqueName('sw-rep');
    const { id, warnings } = await writes.create(
      args(name, {
        env: ['GREETING=hello world'],
        labels: { 'berth.test': 'yes' },
        workdir: '/',
        restart: { condition: 'on-failure', maxAttempts: 3 },
        limits: { nanoCpus: 250_000_000, memoryBytes: 64 * 1024 * 1024 },
        constraints: ['node.role!=nobody'],
        mode: { kind: 'replicated', replicas: 3 },
        update: { parallelism: 2, delayNs: 1e9, failureAction: 'continue', order: 'start-first' },
      }),
    );
    expect(warnings).toEqual([]);
    expect(await docker(['service', 'ls', '--filter', `name=${name}`, '--format', '{{.ID}} {{.Name}} {{.Mode}}'], manager)).toBe(`${id.slice(0, 12)} ${name} replicated`);
    expect(await inspect(name, '.Spec')).toMatchObject({
      Name: name,
      Labels: { 'berth.test': 'yes' },
      TaskTemplate: {
        ContainerSpec: { Image: TEST_IMAGE, Args: SLEEPER, Env: ['GREETING=hello world'], Dir: '/' },
        RestartPolicy: { Condition: 'on-failure', MaxAttempts: 3 },
        Resources: { Limits: { NanoCPUs: 250_000_000, MemoryBytes: 64 * 1024 * 1024 } },
        Placement: { Constraints: ['node.role!=nobody'] },
      },
      Mode: { Replicated: { Replicas: 3 } },
      UpdateConfig: { Parallelism: 2, Delay: 1e9, FailureAction: 'continue', Order: 'start-first' },
    });
    await waitFor(async () => (await running(name)).length === 3, 30_000, `${name}: 3 tasks running`);
    expect((await read.services()).find((s) => s.name === name)).toMatchObject({ replicas: { running: 3, desired: 3 }, canRollback: false, updateConfig: { parallelism: 2, delayNs: 1e9, failureAction: 'continue', order: 'start-first' } });
    await expect(writes.create(args(name))).rejects.toMatchObject({ name: 'Conflict', message: expect.stringContaining(name) });
  });

  it('creates a global service: one task on each of the three nodes; scaling it is refused, saying why', async () => {
    const name = uniqueName('sw-glob');
    await writes.create(args(name, { mode: { kind: 'global' } }));
    expect(await inspect(name, '.Spec.Mode')).toEqual({ Global: {} });
    await waitFor(async () => new Set((await running(name)).map((l) => l.split(' ')[0])).size === 3, 30_000, `${name}: a task running on every node`);
    await expect(writes.scale({ service: name, replicas: 2 })).rejects.toMatchObject({ name: 'Conflict', message: `${name} is a global service: only a replicated service has a replica count to scale (a global one runs one task on every node that may take it)` });
  });

  it('scales, updates the image with rolling settings, rolls back; rollback refused before any update', async () => {
    const name = uniqueName('sw-roll');
    await writes.create(args(name, { mode: { kind: 'replicated', replicas: 1 } }));
    await expect(writes.rollback({ service: name })).rejects.toMatchObject({ name: 'Conflict', message: `${name} has no previous spec to roll back to: it was never updated` });
    await writes.scale({ service: name, replicas: 2 });
    expect(await inspect(name, '.Spec.Mode')).toEqual({ Replicated: { Replicas: 2 } });
    await waitFor(async () => (await running(name)).length === 2, 30_000, `${name}: 2 running`);

    await writes.updateImage({ service: name, image: tag2, update: { parallelism: 1, delayNs: 500e6, failureAction: 'rollback', order: 'start-first' } });
    expect(await inspect(name, '.Spec.UpdateConfig')).toMatchObject({ Parallelism: 1, Delay: 500e6, FailureAction: 'rollback', Order: 'start-first' });
    expect(await inspect(name, '.Spec.TaskTemplate.ContainerSpec.Image')).toBe(tag2);
    expect(await inspect(name, '.PreviousSpec.TaskTemplate.ContainerSpec.Image')).toBe(TEST_IMAGE);
    // The update rolls out: both running tasks of the new image, as docker service ps shows.
    await waitFor(async () => {
      const r = await running(name);
      return r.length === 2 && r.every((l) => l.endsWith(` ${tag2}`));
    }, 30_000, `${name}: 2 tasks of ${tag2}`);
    await waitFor(async () => (await inspect<{ State?: string } | null>(name, '.UpdateStatus'))?.State === 'completed', 30_000, `${name}: update completed`);
    expect((await read.services()).find((s) => s.name === name)).toMatchObject({ image: tag2, canRollback: true, updateStatus: { state: 'completed' } });

    await writes.rollback({ service: name });
    expect(await inspect(name, '.Spec.TaskTemplate.ContainerSpec.Image')).toBe(TEST_IMAGE);
    await waitFor(async () => (await inspect<{ State?: string } | null>(name, '.UpdateStatus'))?.State === 'rollback_completed', 30_000, `${name}: rollback completed`);
    const back = await running(name);
    expect(back).toHaveLength(2);
    for (const l of back) expect(l.endsWith(` ${TEST_IMAGE}`)).toBe(true);
    expect(await inspect(name, '.Spec.Mode')).toEqual({ Replicated: { Replicas: 2 } });
  });

  it('keeps both of a scale and an image update sent at once (the later one, out of sequence, read again and retried)', async () => {
    const name = uniqueName('sw-seq');
    await writes.create(args(name, { mode: { kind: 'replicated', replicas: 1 } }));
    const images = [tag2, TEST_IMAGE, tag2];
    for (const [i, image] of images.entries()) {
      // Both read the same Version.Index (usually: three rounds to be sure of a clash); the engine refuses the later write.
      await Promise.all([writes.scale({ service: name, replicas: i + 2 }), writes.updateImage({ service: name, image, update: { parallelism: 1, delayNs: 0, failureAction: 'pause', order: 'stop-first' } })]);
      expect(await inspect(name, '.Spec.Mode')).toEqual({ Replicated: { Replicas: i + 2 } });
      expect(await inspect(name, '.Spec.TaskTemplate.ContainerSpec.Image')).toBe(image);
    }
  });

  it('refuses an image reference the engine cannot read, with the engine’s message; creates nothing', async () => {
    const name = uniqueName('sw-bad');
    await expect(writes.create(args(name, { image: 'Not A/Valid:Ref!' }))).rejects.toMatchObject({ name: 'EngineError', message: expect.stringMatching(/invalid reference format|not a valid repository\/tag/) });
    expect(await docker(['service', 'ls', '-q', '--filter', `name=${name}`], manager)).toBe('');
  });

  it('removes a service: docker service ls no longer lists it; a second removal is NotFound', async () => {
    const name = uniqueName('sw-rm');
    await writes.create(args(name));
    await writes.remove({ service: name });
    expect(await docker(['service', 'ls', '-q', '--filter', `name=${name}`], manager)).toBe('');
    await expect(writes.remove({ service: name })).rejects.toMatchObject({ name: 'NotFound' });
    await expect(writes.scale({ service: name, replicas: 1 })).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('sends the credentials Berth holds for the image’s registry in X-Registry-Auth, and no header without any', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swa-'));
    const seen: string[] = [];
    const socket = path.join(dir, 'm.sock');
    const proxy = net.createServer((client) => {
      const engine = net.connect(manager.replace(/^unix:\/\//, ''));
      client.on('data', (c: Buffer) => seen.push(c.toString('latin1')));
      client.pipe(engine).pipe(client);
      client.on('error', () => engine.destroy()).on('close', () => engine.destroy());
    });
    await new Promise<void>((r) => proxy.listen(socket, r));
    try {
      fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { 'registry.invalid:5000': { auth: Buffer.from('berth:s3cret').toString('base64') } } }));
      const engine = engineOf(`unix://${socket}`);
      const withAuth = new SwarmServiceWrites(engine, new RegistryService(engine, new CredentialStore(dir)));
      const privateName = uniqueName('sw-auth');
      await withAuth.create(args(privateName, { image: 'registry.invalid:5000/team/app:1' }));
      const header = (text: string) => /x-registry-auth: (\S+)/i.exec(text)?.[1];
      const sent = seen.filter((t) => t.startsWith('POST ') && t.includes('/services/create')).map(header);
      expect(sent).toHaveLength(1);
      expect(JSON.parse(Buffer.from(sent[0]!, 'base64url').toString())).toEqual({ username: 'berth', password: 's3cret', serveraddress: 'registry.invalid:5000' });
      seen.length = 0;
      const publicName = uniqueName('sw-noauth');
      await withAuth.create(args(publicName));
      await withAuth.updateImage({ service: publicName, image: tag2, update: { parallelism: 1, delayNs: 0, failureAction: 'pause', order: 'stop-first' } });
      const writesSeen = seen.filter((t) => t.startsWith('POST '));
      expect(writesSeen.length).toBe(2);
      for (const t of writesSeen) expect(header(t)).toBeUndefined();
      // The update's query is the version alone: the spec travels in the body.
      expect(writesSeen[1]).toMatch(/^POST (\/v[\d.]+)?\/services\/[a-z0-9]+\/update\?version=\d+ HTTP/);
    } finally {
      await new Promise((r) => proxy.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
