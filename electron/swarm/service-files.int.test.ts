// Integration: a service's secrets and configs (`docker service create --secret / --config`, issue #16) through
// Berth's SwarmServiceWrites on the shared private swarm of scripts/swarm.sh. Oracles: `docker service inspect`
// (the spec the engine keeps) and `docker exec … cat` on the node running the task (the file its container has).
// Every object and service has a unique name and is removed after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyServiceArgs, type ServiceCreateArgs } from '../../shared/swarm-service-spec';
import { BerthError } from '../engine/errors';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { docker, TEST_IMAGE, testSwarm, uniqueName, waitFor } from '../testing/engine';
import { SwarmObjects } from './objects';
import { SwarmServiceWrites } from './services-write';

const swarm = await testSwarm();
const SLEEPER = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe.skipIf(!swarm)('services with secrets and configs on a real swarm', () => {
  const manager = swarm?.manager ?? '';
  const engine = new Engine(resolveEngineHost({ DOCKER_HOST: manager }));
  const writes = new SwarmServiceWrites(engine);
  const secretName = uniqueName('sec-text');
  const configName = uniqueName('cfg-text');
  const services: string[] = [];
  /** Node ID → the `unix://` address of that node's engine. */
  const engineOfNode = new Map<string, string>();
  let secretId = '';
  let configId = '';

  beforeAll(async () => {
    for (const host of [manager, ...(swarm?.workers ?? [])]) engineOfNode.set(await docker(['info', '--format', '{{.Swarm.NodeID}}'], host), host);
    secretId = (await new SwarmObjects(engine, 'secret').create({ name: secretName, data: b64('the secret text\n'), labels: {} })).id;
    configId = (await new SwarmObjects(engine, 'config').create({ name: configName, data: b64('the config text\n'), labels: {} })).id;
  });
  afterAll(async () => {
    if (services.length) await docker(['service', 'rm', ...services], manager).catch(() => {});
    // A secret in use by a service cannot be removed: tried until the services are gone.
    await waitFor(async () => (await docker(['secret', 'rm', secretName], manager).then(() => true, () => false)), 30_000, 'secret removed').catch(() => {});
    await waitFor(async () => (await docker(['config', 'rm', configName], manager).then(() => true, () => false)), 30_000, 'config removed').catch(() => {});
  });

  const args = (name: string, over: Partial<ServiceCreateArgs>): ServiceCreateArgs => {
    services.push(name);
    return { ...emptyServiceArgs(TEST_IMAGE), name, command: SLEEPER, ...over };
  };

  it('creates a service with a secret and a config in short and long forms: the spec names their IDs, the task’s container has the files', async () => {
    const name = uniqueName('sw-files');
    await writes.create(
      args(name, {
        secrets: [{ source: secretName, uid: '0', gid: '0', mode: 0o444 }, { source: secretName, target: '/etc/app/secret.txt', uid: '1000', gid: '1001', mode: 0o400 }],
        configs: [{ source: configName, uid: '0', gid: '0', mode: 0o444 }, { source: configName, target: '/etc/app/config.txt', uid: '0', gid: '0', mode: 0o440 }],
      }),
    );
    const spec = JSON.parse(await docker(['service', 'inspect', '--format', '{{json .Spec.TaskTemplate.ContainerSpec}}', name], manager)) as { Secrets: unknown[]; Configs: unknown[] };
    expect(spec.Secrets).toEqual([
      { SecretID: secretId, SecretName: secretName, File: { Name: secretName, UID: '0', GID: '0', Mode: 0o444 } },
      { SecretID: secretId, SecretName: secretName, File: { Name: '/etc/app/secret.txt', UID: '1000', GID: '1001', Mode: 0o400 } },
    ]);
    expect(spec.Configs).toEqual([
      { ConfigID: configId, ConfigName: configName, File: { Name: configName, UID: '0', GID: '0', Mode: 0o444 } },
      { ConfigID: configId, ConfigName: configName, File: { Name: '/etc/app/config.txt', UID: '0', GID: '0', Mode: 0o440 } },
    ]);
    let task = { container: '', node: '' };
    await waitFor(
      async () => {
        const ids = (await docker(['service', 'ps', name, '-q', '--no-trunc', '--filter', 'desired-state=running'], manager)).split('\n').filter(Boolean);
        for (const id of ids) {
          const t = JSON.parse(await docker(['inspect', '--format', '{{json .}}', id], manager)) as { NodeID: string; Status: { State: string; ContainerStatus?: { ContainerID?: string } } };
          if (t.Status.State === 'running' && t.Status.ContainerStatus?.ContainerID) task = { container: t.Status.ContainerStatus.ContainerID, node: t.NodeID };
        }
        return task.container !== '';
      },
      60_000,
      'a running task',
    );
    const host = engineOfNode.get(task.node)!;
    const cat = (file: string) => docker(['exec', task.container, 'cat', file], host);
    expect(await cat(`/run/secrets/${secretName}`)).toBe('the secret text');
    expect(await cat('/etc/app/secret.txt')).toBe('the secret text');
    expect(await cat(`/${configName}`)).toBe('the config text');
    expect(await cat('/etc/app/config.txt')).toBe('the config text');
    expect(await docker(['exec', task.container, 'stat', '-c', '%a %u %g', '/etc/app/secret.txt'], host)).toBe('400 1000 1001');
  }, 90_000);

  it('refuses a secret or config that does not exist with NotFound, creating no service', async () => {
    const name = uniqueName('sw-nosec');
    const missing = uniqueName('no-such');
    const err = await writes.create(args(name, { secrets: [{ source: secretName, uid: '0', gid: '0', mode: 0o444 }, { source: missing, uid: '0', gid: '0', mode: 0o444 }] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect(err).toMatchObject({ name: 'NotFound', message: `no secret named ${missing}: create it in the Secrets tab first` });
    const err2 = await writes.create(args(name, { configs: [{ source: missing, uid: '0', gid: '0', mode: 0o444 }] })).catch((e: unknown) => e);
    expect(err2).toMatchObject({ name: 'NotFound', message: `no config named ${missing}: create it in the Configs tab first` });
    expect(await docker(['service', 'ls', '-q', '--filter', `name=${name}`], manager)).toBe('');
  });
});
