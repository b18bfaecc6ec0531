import { describe, expect, it } from 'vitest';
import { fromDockerServiceCreate, toDockerServiceCreate } from '../../../shared/service-command';
import { emptyServiceForm, formFromArgs, readServiceForm, readUpdateFields } from './service-form';

describe('the Create service form', () => {
  const filled = {
    ...emptyServiceForm('busybox:1.36'),
    name: 'web',
    command: 'sh -c "sleep 3600"',
    entrypoint: '/bin/env',
    env: 'A=1\n\nB=two words',
    ports: '8080:80\ntarget=53,protocol=udp,mode=host',
    volumes: '/srv:/data:ro\ncache:/cache',
    labels: 'team=a\nflag',
    workdir: '/w',
    restart: 'on-failure' as const,
    maxAttempts: '3',
    cpus: '0.5',
    memory: '64m',
    replicas: '3',
    constraints: 'node.role==worker',
    parallelism: '2',
    delay: '10s',
    failureAction: 'rollback' as const,
    order: 'start-first' as const,
    secrets: 'db-pass\nsource=tls,target=/etc/tls.pem,mode=0400',
    configs: 'source=app.conf,target=/etc/app.conf',
  };

  it('reads every field; the command line it makes, pasted, fills the same form (round trip both ways)', () => {
    const { args, errors } = readServiceForm(filled);
    expect(errors).toEqual({});
    expect(args).toMatchObject({
      name: 'web',
      command: ['sh', '-c', 'sleep 3600'],
      entrypoint: '/bin/env',
      env: ['A=1', 'B=two words'],
      ports: [{ published: 8080, target: 80, protocol: 'tcp', mode: 'ingress' }, { target: 53, protocol: 'udp', mode: 'host' }],
      mounts: [{ source: '/srv', target: '/data', readOnly: true }, { source: 'cache', target: '/cache', readOnly: false }],
      labels: { team: 'a', flag: '' },
      restart: { condition: 'on-failure', maxAttempts: 3 },
      limits: { nanoCpus: 5e8, memoryBytes: 64 * 1024 ** 2 },
      mode: { kind: 'replicated', replicas: 3 },
      update: { parallelism: 2, delayNs: 10e9, failureAction: 'rollback', order: 'start-first' },
      secrets: [{ source: 'db-pass', uid: '0', gid: '0', mode: 0o444 }, { source: 'tls', target: '/etc/tls.pem', uid: '0', gid: '0', mode: 0o400 }],
      configs: [{ source: 'app.conf', target: '/etc/app.conf', uid: '0', gid: '0', mode: 0o444 }],
    });
    const pasted = fromDockerServiceCreate(toDockerServiceCreate(args!));
    expect(pasted.problems).toEqual([]);
    expect(pasted.args).toEqual(args);
    expect(readServiceForm(formFromArgs(pasted.args)).args).toEqual(args);
    expect(formFromArgs(args!)).toEqual({ ...filled, env: 'A=1\nB=two words', memory: '64MiB', command: "sh -c 'sleep 3600'" });
  });

  it('says what is wrong per field and gives no arguments', () => {
    const { args, errors } = readServiceForm({ ...emptyServiceForm(), name: 'bad name', ports: '80\n1-2', replicas: 'x', delay: '10', cpus: '0', constraints: 'node.role' });
    expect(args).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['constraints', 'cpus', 'delay', 'image', 'name', 'ports', 'replicas']);
    expect(errors.ports).toBe('line 2: port ranges are not supported: publish each port on its own line');
  });

  it('says which secret or config line is wrong', () => {
    const { args, errors } = readServiceForm({ ...emptyServiceForm('busybox'), name: 'w', secrets: 'ok\nsource=s,mode=0999', configs: 'source=c,target=rel/x,bogus=1' });
    expect(args).toBeNull();
    expect(errors).toEqual({ secrets: 'line 2: mode=0999 is not a file mode such as 0440 (0 to 0777)', configs: 'line 1: "bogus" is not a config field (source, target, uid, gid, mode)' });
  });

  it('a global service needs no replica count', () => {
    expect(readServiceForm({ ...emptyServiceForm('busybox'), name: 'g', mode: 'global', replicas: '' }).args?.mode).toEqual({ kind: 'global' });
  });

  it('reads the rolling-update fields alone (the Update image dialog)', () => {
    expect(readUpdateFields({ parallelism: '0', delay: '1m30s', failureAction: 'continue', order: 'stop-first' })).toEqual({ update: { parallelism: 0, delayNs: 90e9, failureAction: 'continue', order: 'stop-first' }, errors: {} });
    expect(readUpdateFields({ parallelism: '-1', delay: 'soon', failureAction: 'pause', order: 'stop-first' }).errors).toMatchObject({ parallelism: expect.any(String), delay: expect.any(String) });
  });
});

describe('replicas as typed', () => {
  it('says "at most 10,000 tasks" over the contract’s bound, in the dialogs’ words (before: zod’s "Too big: expected number to be <=10000")', () => {
    const form = { ...emptyServiceForm(), name: 'web', image: 'busybox:latest' };
    expect(readServiceForm({ ...form, replicas: '99999' }).errors.replicas).toBe('at most 10,000 tasks');
    expect(readServiceForm({ ...form, replicas: '-1' }).errors.replicas).toBe('a number of tasks, 0 or more');
    expect(readServiceForm({ ...form, replicas: '10000' }).errors.replicas).toBeUndefined();
    expect(readServiceForm({ ...form, replicas: '7' }).args).toMatchObject({ mode: { kind: 'replicated', replicas: 7 } });
  });
});
