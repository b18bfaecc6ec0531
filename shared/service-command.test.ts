import { describe, expect, it } from 'vitest';
import { fromDockerServiceCreate, parseServiceMount, toDockerServiceCreate, toDockerServiceUpdate } from './service-command';
import { shellWords } from './run-command';
import { emptyServiceArgs, formatCpus, formatDuration, formatMemory, formatServicePort, parseCpus, parseDuration, parseMemory, parseServicePort, ServiceCreateArgs } from './swarm-service-spec';

const full: ServiceCreateArgs = {
  name: 'web-1',
  image: 'localhost:5000/team/app:1.0',
  command: ['sh', '-c', "echo \"$HOME\" it's > /out; sleep 007"],
  entrypoint: '/bin/env',
  env: ['GREETING=hello world', 'EMPTY=', 'EQ=a=b'],
  ports: [
    { published: 8080, target: 80, protocol: 'tcp', mode: 'ingress' },
    { target: 53, protocol: 'udp', mode: 'ingress' },
    { published: 9000, target: 9000, protocol: 'tcp', mode: 'host' },
  ],
  mounts: [
    { source: '/srv/my data', target: '/data', readOnly: true },
    { source: 'cache', target: '/cache', readOnly: false },
    { target: '/scratch', readOnly: false },
  ],
  labels: { team: 'a b', flag: '' },
  workdir: '/work dir',
  user: '1000:1000',
  network: 'front',
  restart: { condition: 'on-failure', maxAttempts: 3 },
  limits: { nanoCpus: 500_000_000, memoryBytes: 64 * 1024 * 1024 },
  mode: { kind: 'replicated', replicas: 3 },
  constraints: ['node.role==worker', 'node.labels.zone != b'],
  update: { parallelism: 2, delayNs: 90e9, failureAction: 'rollback', order: 'start-first' },
  secrets: [
    { source: 'db-pass', uid: '0', gid: '0', mode: 0o444 },
    { source: 'tls.key', target: '/etc/tls/key.pem', uid: '1000', gid: '1001', mode: 0o400 },
  ],
  configs: [{ source: 'nginx.conf', target: '/etc/nginx/nginx.conf', uid: '0', gid: '0', mode: 0o444 }],
};

describe('docker service create command lines', () => {
  it('round-trips arguments with every field set through copy and paste', () => {
    const line = toDockerServiceCreate(full);
    expect(line.startsWith('docker service create --name web-1 --replicas 3 -e ')).toBe(true);
    expect(line).toContain("--mount 'type=bind,source=/srv/my data,target=/data,readonly'");
    expect(line).toContain('-p 8080:80 -p 53/udp -p published=9000,target=9000,mode=host');
    expect(line).toContain('--limit-cpu 0.5 --limit-memory 64MiB');
    expect(line).toContain('--secret db-pass --secret source=tls.key,target=/etc/tls/key.pem,uid=1000,gid=1001,mode=0400 --config source=nginx.conf,target=/etc/nginx/nginx.conf');
    expect(line).toContain('--update-parallelism 2 --update-delay 1m30s --update-failure-action rollback --update-order start-first');
    expect(ServiceCreateArgs.parse(full)).toEqual(full);
    expect(fromDockerServiceCreate(line)).toEqual({ args: full, problems: [] });
    expect(shellWords(line).slice(-3)).toEqual(full.command);
  });

  it('writes a global service with --mode global and the defaults without flags, and reads it back', () => {
    const a: ServiceCreateArgs = { ...emptyServiceArgs('berth-test/busybox:latest'), name: 'g', mode: { kind: 'global' }, command: ['sleep', '3600'] };
    expect(toDockerServiceCreate(a)).toBe('docker service create --name g --mode global berth-test/busybox:latest sleep 3600');
    expect(fromDockerServiceCreate(toDockerServiceCreate(a))).toEqual({ args: a, problems: [] });
  });

  it('reads a line written by hand: long flags, = values, ignored switches, -- before the command', () => {
    const r = fromDockerServiceCreate('docker service create -d --no-resolve-image --with-registry-auth --name=api --replicas=2 --env A=1 --publish published=80,target=8080 --label x=y busybox -- ls -l');
    expect(r.problems).toEqual([]);
    expect(r.args).toMatchObject({ name: 'api', mode: { kind: 'replicated', replicas: 2 }, env: ['A=1'], ports: [{ published: 80, target: 8080, protocol: 'tcp', mode: 'ingress' }], labels: { x: 'y' }, image: 'busybox', command: ['--', 'ls', '-l'] });
  });

  it('lists every problem: flags Berth does not model, bad values, replicas on a global service, no name, no image', () => {
    const r = fromDockerServiceCreate('docker service create --secret source=s,bogus=1 --tty --mode global --replicas 2 -p 1-2 --update-order sideways --limit-memory lots');
    expect(r.problems).toEqual([
      "--tty: not supported by Berth's service dialog",
      '--name: give the service a name',
      '-p: port ranges are not supported: publish each port on its own line',
      '--secret: "bogus" is not a secret field (source, target, uid, gid, mode)',
      '--limit-memory: "lots" is not a size such as 64m, 512MiB or 1g',
      '--replicas: a global service runs one task per node, it takes no replica count',
      '--update-order: "sideways" must be start-first or stop-first',
      'no image: the command line must name one after the flags',
    ]);
  });

  it('refuses shell operators', () => {
    expect(fromDockerServiceCreate('docker service create --name a busybox; rm -rf /').problems).toEqual(['the shell operator ";" is not part of a docker service create command']);
  });

  it('writes docker service update --image with every rolling setting', () => {
    expect(toDockerServiceUpdate('web', 'busybox:2', { parallelism: 1, delayNs: 5e8, failureAction: 'pause', order: 'stop-first' })).toBe(
      'docker service update --image busybox:2 --update-parallelism 1 --update-delay 500ms --update-failure-action pause --update-order stop-first web',
    );
  });
});

describe('the CLI’s value syntaxes', () => {
  it('reads and writes ports, short and long', () => {
    expect(parseServicePort('8080:80/udp')).toEqual({ ok: true, value: { published: 8080, target: 80, protocol: 'udp', mode: 'ingress' } });
    expect(parseServicePort('mode=host,target=80')).toEqual({ ok: true, value: { target: 80, protocol: 'tcp', mode: 'host' } });
    expect(parseServicePort('127.0.0.1:80:80').ok).toBe(false);
    expect(parseServicePort('published=80').ok).toBe(false);
    for (const t of ['80', '8080:80', '53/sctp', 'target=80,mode=host', 'published=1,target=2,protocol=udp,mode=host']) {
      const p = parseServicePort(t);
      expect(p.ok && formatServicePort(p.value)).toBe(t);
    }
  });

  it('reads Go durations and writes them back exactly', () => {
    expect(parseDuration('1m30s')).toEqual({ ok: true, value: 90e9 });
    expect(parseDuration('1.5s')).toEqual({ ok: true, value: 1.5e9 });
    expect(parseDuration('0')).toEqual({ ok: true, value: 0 });
    expect(parseDuration('10').ok).toBe(false);
    expect(parseDuration('-1s').ok).toBe(false);
    for (const ns of [0, 1, 1500, 5e8, 1e9, 1.5e9, 90e9, 3600e9, 3661e9]) expect(parseDuration(formatDuration(ns))).toEqual({ ok: true, value: ns });
    expect(formatDuration(3661e9)).toBe('1h1m1s');
  });

  it('reads memory sizes with binary multipliers and CPUs in nano-CPUs', () => {
    expect(parseMemory('64m')).toEqual({ ok: true, value: 64 * 1024 ** 2 });
    expect(parseMemory('1.5GiB')).toEqual({ ok: true, value: 1.5 * 1024 ** 3 });
    expect(parseMemory('1000')).toEqual({ ok: true, value: 1000 });
    expect(parseMemory('1 x').ok).toBe(false);
    for (const b of [1000, 1536 * 1024, 64 * 1024 ** 2, 3 * 1024 ** 3]) expect(parseMemory(formatMemory(b))).toEqual({ ok: true, value: b });
    expect(parseCpus('0.25')).toEqual({ ok: true, value: 250_000_000 });
    expect(parseCpus('0').ok).toBe(false);
    expect(parseCpus('0.0000000001').ok).toBe(false);
    expect(formatCpus(1_500_000_000)).toBe('1.5');
  });

  it('reads --mount as the CLI does, refusing what Berth does not write', () => {
    expect(parseServiceMount('type=bind,src=/a,dst=/b,ro=true')).toEqual({ ok: true, value: { source: '/a', target: '/b', readOnly: true } });
    expect(parseServiceMount('target=/b')).toEqual({ ok: true, value: { target: '/b', readOnly: false } });
    expect(parseServiceMount('type=tmpfs,target=/t').ok).toBe(false);
    expect(parseServiceMount('type=bind,source=rel,target=/t').ok).toBe(false);
  });
});
