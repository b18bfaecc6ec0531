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
    // Neither -it nor -d: the CLI's foreground run, its output attached (not turned into -d).
    expect(bare.spec).toEqual({ ...emptyRunSpec('busybox:1.36'), interactive: false, attach: true });
    expect(toDockerRun(bare.spec)).toBe('docker run busybox:1.36');
  });

  it('reads and writes --pull missing|always|never; missing is the default and is not written', () => {
    expect(fromDockerRun('docker run --pull always --rm busybox true').spec).toMatchObject({ pull: 'always', autoRemove: true, attach: true, command: ['true'] });
    expect(fromDockerRun('docker run --pull=never -d busybox').spec).toMatchObject({ pull: 'never', interactive: false });
    expect(fromDockerRun('docker run --pull sometimes busybox').problems).toEqual(['--pull: "sometimes" must be missing, always or never']);
    expect(toDockerRun({ ...emptyRunSpec('busybox'), pull: 'never' })).toBe('docker run -it --pull never busybox');
    expect(toDockerRun({ ...emptyRunSpec('busybox'), pull: 'missing' })).toBe('docker run -it busybox');
    expect(fromDockerRun(toDockerRun({ ...emptyRunSpec('busybox'), interactive: false, attach: true, pull: 'always' })).spec).toMatchObject({ attach: true, pull: 'always' });
  });
});

/**
 * The Docker CLI's flag grammar (spf13/pflag, as `docker run` parses it): short booleans combine in any
 * order (`-dit`, `-itd`, `-ti`), a short flag's value may follow it, be glued to it or come after `=`
 * (`-e K=V`, `-eK=V`, `-e=K=V`), long flags take `--flag value` or `--flag=value`, and `--` ends the flags.
 */
describe('pasted docker run lines: every spelling the CLI accepts', () => {
  const cases: [string, Partial<RunSpec>][] = [
    ['docker run -dit busybox sh', { interactive: true, detach: true, command: ['sh'] }],
    ['docker run -itd busybox sh', { interactive: true, detach: true, command: ['sh'] }],
    ['docker run -d -it busybox', { interactive: true, detach: true }],
    ['docker run -ti -d busybox', { interactive: true, detach: true }],
    ['docker run --detach --interactive --tty busybox', { interactive: true, detach: true }],
    ['docker run -i -t busybox', { interactive: true }],
    ['docker run -it --rm busybox', { interactive: true, autoRemove: true }],
    ['docker run --rm -it busybox', { interactive: true, autoRemove: true }],
    ['docker run -d busybox top', { interactive: false, command: ['top'] }],
    ['docker container run -d busybox', { interactive: false }],
    ['docker run -d --name=web busybox', { name: 'web' }],
    ['docker run -d --name web busybox', { name: 'web' }],
    ['docker run -d -e K=V busybox', { env: ['K=V'] }],
    ['docker run -d -e=K=V busybox', { env: ['K=V'] }],
    ['docker run -d -eK=V busybox', { env: ['K=V'] }],
    ['docker run -d --env=K=V --env L=W busybox', { env: ['K=V', 'L=W'] }],
    ['docker run -d -p8080:80 busybox', { ports: [{ hostPort: 8080, containerPort: 80, protocol: 'tcp' }] }],
    ['docker run -d -w=/app busybox', { workdir: '/app' }],
    ['docker run -d -- busybox sh -c "echo -it"', { command: ['sh', '-c', 'echo -it'] }],
    // After the image every word is the container's, `--` too (pflag stops at the image; minimist dropped it).
    ['docker run --rm busybox -- sh -c "echo a"', { image: 'busybox', command: ['--', 'sh', '-c', 'echo a'] }],
    ['docker run -d busybox ls -la', { command: ['ls', '-la'] }],
  ];
  it.each(cases)('%s', (line, expected) => {
    const { spec, problems } = fromDockerRun(line);
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({ image: 'busybox', ...expected });
    if (!expected.detach) expect(spec.detach).toBeUndefined();
    // And back: the line Berth writes reads as the same spec.
    expect(fromDockerRun(toDockerRun(spec))).toEqual({ spec, problems: [] });
  });

  it('writes -dit for a detached container with a terminal', () => {
    expect(toDockerRun({ ...emptyRunSpec('busybox'), detach: true, command: ['sh'] })).toBe('docker run -dit busybox sh');
  });
});

describe("the container's own command is never reparsed", () => {
  it('keeps words after the image exactly, even ones that look like Docker flags', () => {
    expect(fromDockerRun('docker run -d -eA=1 busybox grep -eFOO -it /x').spec).toMatchObject({ env: ['A=1'], command: ['grep', '-eFOO', '-it', '/x'] });
    expect(fromDockerRun('docker run -d --name web busybox -eX').spec).toMatchObject({ name: 'web', command: ['-eX'] });
  });
});

describe('shellWords and open quotes', () => {
  it('refuses a quote left open, as sh -c does (shell-quote closed it silently: sh -c "oops" crash-looped)', () => {
    expect(() => shellWords("sh -c 'oops")).toThrow(/unterminated ' quote/);
    expect(() => shellWords('echo "a \\" b')).toThrow(/unterminated " quote/);
    expect(() => shellWords(`echo 'it"s`)).toThrow(/unterminated ' quote/);
  });
  it('still takes balanced, escaped and nested quotes', () => {
    expect(shellWords(`sh -c 'echo "hi"'`)).toEqual(['sh', '-c', 'echo "hi"']);
    expect(shellWords(`echo it\\'s "a \\" b" 'x\\'`)).toEqual(['echo', "it's", 'a " b', 'x\\']);
  });
});
