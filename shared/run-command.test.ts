import { describe, expect, it } from 'vitest';
import { emptyRunSpec, RunSpec } from './run';
import { fromDockerRun, shellWords, toDockerRun } from './run-command';

const full: RunSpec = {
  image: 'localhost:5000/team/app:1.0',
  command: ['sh', '-c', "echo \"$HOME\" it's $((6*7)) > /tmp/out; sleep 007"],
  entrypoint: '/bin/env',
  name: 'app-1',
  interactive: true,
  autoRemove: false,
  env: ['GREETING=hello world', 'EMPTY=', 'EQ=a=b'],
  ports: [
    { hostPort: 8080, containerPort: 80, protocol: 'tcp' },
    { hostIp: '127.0.0.1', containerPort: 53, protocol: 'udp' },
  ],
  mounts: [
    { source: '/srv/my data', target: '/data', readOnly: true },
    { source: 'cache', target: '/cache', readOnly: false },
    { target: '/scratch', readOnly: false },
  ],
  workdir: '/work dir',
  user: '1000:1000',
  restart: { name: 'on-failure', maximumRetryCount: 3 },
  network: 'none',
};

describe('docker run command lines', () => {
  it('round-trips a spec with every field set through copy and paste', () => {
    const line = toDockerRun(full);
    expect(line.startsWith('docker run -it --name app-1 -e ')).toBe(true);
    expect(fromDockerRun(line)).toEqual({ spec: full, problems: [] });
  });

  it('quotes so that a POSIX shell reads the same words back', () => {
    const line = toDockerRun(full);
    expect(shellWords(line).slice(-3)).toEqual(full.command);
  });

  it('writes -d and --rm for a detached throwaway container', () => {
    const spec: RunSpec = { ...full, interactive: false, autoRemove: true, restart: { name: 'no' }, entrypoint: undefined, command: [] };
    expect(toDockerRun(spec)).toMatch(/^docker run -d --rm --name app-1 /);
  });

  it('reads what people paste: grouped flags, long forms, = values, podman and container run', () => {
    const r = fromDockerRun('podman container run --rm -ti --env=A=1 --publish 127.0.0.1:80:80 --volume=/h:/c:ro --net host busybox:1.36 top -d 1');
    expect(r.problems).toEqual([]);
    expect(r.spec).toMatchObject({
      image: 'busybox:1.36', command: ['top', '-d', '1'], interactive: true, autoRemove: true, env: ['A=1'],
      ports: [{ hostIp: '127.0.0.1', hostPort: 80, containerPort: 80, protocol: 'tcp' }],
      mounts: [{ source: '/h', target: '/c', readOnly: true }], network: 'host',
    });
  });

  it('reports unknown flags and bad values instead of dropping them', () => {
    const r = fromDockerRun('docker run --privileged --cap-add NET_ADMIN -p 80:http -e NOVALUE --name "bad name" busybox');
    expect(r.problems).toEqual([
      "--privileged: not supported by Berth's Run dialog",
      "--cap-add: not supported by Berth's Run dialog",
      '-e: "NOVALUE" has no value: write NOVALUE=value',
      '-p: container port "http" is not a port number',
      '--name: "bad name" is not a valid container name',
    ]);
    expect(r.spec.image).toBe('busybox');
  });

  it('does not let a switch Berth does not model swallow the image', () => {
    const r = fromDockerRun('docker run -it --rm --privileged --init busybox:1.36 sh');
    expect(r.problems).toEqual(["--privileged: not supported by Berth's Run dialog", "--init: not supported by Berth's Run dialog"]);
    expect(r.spec).toMatchObject({ image: 'busybox:1.36', command: ['sh'], interactive: true, autoRemove: true });
  });

  it('refuses shell operators and a missing image', () => {
    expect(fromDockerRun('docker run busybox ls | wc -l').problems).toEqual(['the shell operator "|" is not part of a docker run command']);
    expect(fromDockerRun('docker run -it').problems).toEqual(['no image: the command line must name one after the flags']);
    expect(fromDockerRun('docker run -i busybox').problems).toEqual(['-i alone is not supported: Berth runs -it together or detached']);
  });
});

describe('Run defaults are docker run defaults', () => {
  it('starts without --rm, restart no, nothing published, mounted or set, the image own entrypoint', () => {
    const spec = emptyRunSpec('busybox:1.36');
    expect(spec).toEqual({ image: 'busybox:1.36', command: [], interactive: true, autoRemove: false, env: [], ports: [], mounts: [], restart: { name: 'no' } });
    expect(RunSpec.safeParse(spec).success).toBe(true);
  });

  it('writes the defaults as a docker run line without --rm and reads a bare line back to the same defaults', () => {
    expect(toDockerRun(emptyRunSpec('busybox:1.36'))).toBe('docker run -it busybox:1.36');
    expect(fromDockerRun('docker run -it busybox:1.36')).toEqual({ spec: emptyRunSpec('busybox:1.36'), problems: [] });
    const bare = fromDockerRun('docker run busybox:1.36');
    expect(bare.problems).toEqual([]);
    expect(bare.spec).toEqual({ ...emptyRunSpec('busybox:1.36'), interactive: false });
    expect(toDockerRun(bare.spec)).toBe('docker run -d busybox:1.36');
  });
});
