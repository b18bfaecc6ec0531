import { describe, expect, it } from 'vitest';
import { emptyServiceArgs } from '../../shared/swarm-service-spec';
import { imageSpec, scaledSpec, toServiceSpec } from './service-spec';

describe('toServiceSpec', () => {
  it('writes secrets and configs as the CLI does: the IDs given, the target as the file name (the object name by default)', () => {
    const ids: Record<string, string> = { 'secret/s1': 'SID1', 'config/c1': 'CID1' };
    const spec = toServiceSpec(
      {
        ...emptyServiceArgs('busybox:1'),
        name: 'web',
        secrets: [{ source: 's1', uid: '0', gid: '0', mode: 0o444 }, { source: 's1', target: '/etc/s1', uid: '1', gid: '2', mode: 0o400 }],
        configs: [{ source: 'c1', uid: '0', gid: '0', mode: 0o444 }],
      },
      (kind, name) => ids[`${kind}/${name}`],
    );
    expect(spec.TaskTemplate?.ContainerSpec?.Secrets).toEqual([
      { SecretID: 'SID1', SecretName: 's1', File: { Name: 's1', UID: '0', GID: '0', Mode: 0o444 } },
      { SecretID: 'SID1', SecretName: 's1', File: { Name: '/etc/s1', UID: '1', GID: '2', Mode: 0o400 } },
    ]);
    expect(spec.TaskTemplate?.ContainerSpec?.Configs).toEqual([{ ConfigID: 'CID1', ConfigName: 'c1', File: { Name: 'c1', UID: '0', GID: '0', Mode: 0o444 } }]);
    expect(toServiceSpec({ ...emptyServiceArgs('busybox:1'), name: 'web' }).TaskTemplate?.ContainerSpec).toEqual({ Image: 'busybox:1' });
  });

  it('maps every field as docker service create does', () => {
    const spec = toServiceSpec({
      ...emptyServiceArgs('busybox:1'),
      name: 'web',
      command: ['sleep', '60'],
      entrypoint: '/bin/sh',
      env: ['A=1'],
      ports: [{ published: 8080, target: 80, protocol: 'tcp', mode: 'ingress' }, { target: 53, protocol: 'udp', mode: 'host' }],
      mounts: [{ source: '/srv', target: '/data', readOnly: true }, { source: 'cache', target: '/cache', readOnly: false }, { target: '/tmp', readOnly: false }],
      labels: { a: 'b' },
      workdir: '/w',
      user: '1000',
      network: 'front',
      restart: { condition: 'on-failure', maxAttempts: 2 },
      limits: { nanoCpus: 5e8, memoryBytes: 64 * 1024 ** 2 },
      constraints: ['node.role==worker'],
      mode: { kind: 'replicated', replicas: 3 },
      update: { parallelism: 2, delayNs: 1e9, failureAction: 'rollback', order: 'start-first' },
    });
    expect(spec).toEqual({
      Name: 'web',
      Labels: { a: 'b' },
      TaskTemplate: {
        ContainerSpec: {
          Image: 'busybox:1',
          Command: ['/bin/sh'],
          Args: ['sleep', '60'],
          Env: ['A=1'],
          Dir: '/w',
          User: '1000',
          Mounts: [
            { Type: 'bind', Source: '/srv', Target: '/data', ReadOnly: true },
            { Type: 'volume', Source: 'cache', Target: '/cache', ReadOnly: false },
            { Type: 'volume', Target: '/tmp', ReadOnly: false },
          ],
        },
        RestartPolicy: { Condition: 'on-failure', MaxAttempts: 2 },
        Resources: { Limits: { NanoCPUs: 5e8, MemoryBytes: 64 * 1024 ** 2 } },
        Placement: { Constraints: ['node.role==worker'] },
        Networks: [{ Target: 'front' }],
      },
      Mode: { Replicated: { Replicas: 3 } },
      UpdateConfig: { Parallelism: 2, Delay: 1e9, FailureAction: 'rollback', Order: 'start-first' },
      EndpointSpec: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }, { Protocol: 'udp', TargetPort: 53, PublishMode: 'host' }] },
    });
  });

  it('leaves out what is empty; a global service has Mode.Global', () => {
    expect(toServiceSpec({ ...emptyServiceArgs('busybox'), name: 'g', mode: { kind: 'global' } })).toEqual({
      Name: 'g',
      Labels: {},
      TaskTemplate: { ContainerSpec: { Image: 'busybox' }, RestartPolicy: { Condition: 'any' } },
      Mode: { Global: {} },
      UpdateConfig: { Parallelism: 1, Delay: 0, FailureAction: 'pause', Order: 'stop-first' },
    });
  });
});

describe('changes to a spec read from the engine', () => {
  const read = { Name: 'web', TaskTemplate: { ContainerSpec: { Image: 'a:1', Args: ['x'] }, ForceUpdate: 2 }, Mode: { Replicated: { Replicas: 1 } }, UpdateConfig: { Parallelism: 1, Monitor: 5e9, MaxFailureRatio: 0.5 } };
  it('scales a replicated spec, keeping the rest; refuses a global one', () => {
    expect(scaledSpec(read, 4)).toEqual({ ...read, Mode: { Replicated: { Replicas: 4 } } });
    expect(scaledSpec({ ...read, Mode: { Global: {} } }, 4)).toBeNull();
  });
  it('sets the image and the rolling settings, keeping the monitor, failure ratio and the rest', () => {
    expect(imageSpec(read, 'a:2', { parallelism: 0, delayNs: 2e9, failureAction: 'continue', order: 'start-first' })).toEqual({
      ...read,
      TaskTemplate: { ContainerSpec: { Image: 'a:2', Args: ['x'] }, ForceUpdate: 2 },
      UpdateConfig: { Parallelism: 0, Delay: 2e9, FailureAction: 'continue', Order: 'start-first', Monitor: 5e9, MaxFailureRatio: 0.5 },
    });
  });
});
