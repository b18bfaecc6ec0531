import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { argsQuoted, escapeDouble, escapeSingle } from './quote';
import { shellBox, splitNul } from './sh-harness';
import {
  buildDateLabel,
  dockerEnvScript,
  dockerRunscript,
  labelsJson,
  rootfsAdditions,
  singularityEntries,
  singularityLabels,
  type PathKind,
} from './singularity-d';

const box = shellBox();
afterAll(() => box.remove());

/** Values that break naive quoting: every one must come back byte for byte. */
const TRICKY = [
  'plain',
  '',
  ' leading and trailing ',
  "it's",
  'say "hi"',
  '$HOME and ${HOME} and $(id -u) and `id -u`',
  'back\\slash \\n \\\\ \\$',
  'line1\nline2\n',
  'a\n%post\nbootstrap: docker\n%runscript',
  'cr\r\nlf',
  'tab\there',
  '}{ ${X:-y} }',
  "'\"'\"'",
  'ünïcødé 日本 🚢',
  '-n',
  'a=b=c',
  '*?[a]~',
  '!x #comment ; & | < > ( )',
];

describe("apptainer's quoting helpers (internal/pkg/util/shell/escape_test.go)", () => {
  it.each([
    [['Hello'], '"Hello"'],
    [['Hello', 'me'], '"Hello" "me"'],
    [['Hello', 'there', 'me'], '"Hello" "there" "me"'],
    [['Hello', '\\n me'], '"Hello" "\\\\n me"'],
  ])('ArgsQuoted %j', (input, want) => expect(argsQuoted(input)).toBe(want));

  it.each([
    ['Hello \\n me', 'Hello \\\\n me'],
    ['"Hello"', '\\"Hello\\"'],
    ['`ls`', '\\`ls\\`'],
    ['$PATH', '\\$PATH'],
  ])('Escape %s', (input, want) => expect(escapeDouble(input)).toBe(want));

  it.each([
    ['Hello', 'Hello'],
    ["'Hello'", `'"'"'Hello'"'"'`],
    ["Hell'o", `Hell'"'"'o`],
  ])('EscapeSingleQuotes %s', (input, want) => expect(escapeSingle(input)).toBe(want));
});

describe('env/10-docker2singularity.sh', () => {
  it('has the line forms apptainer writes', () => {
    expect(dockerEnvScript(['PATH=/usr/bin:/bin', 'LANG=C.UTF-8', 'EMPTY=', 'BARE', 'my-var=1'])).toBe(
      [
        '#!/bin/sh',
        'export PATH="/usr/bin:/bin"',
        'export LANG="${LANG:-"C.UTF-8"}"',
        'export EMPTY="${EMPTY:-""}"',
        'export BARE="${BARE:-}"',
        '# Berth: skipped ENV entry 4, not a shell variable name',
        '',
      ].join('\n'),
    );
  });

  it('gives every value back byte for byte when sourced by /bin/sh', () => {
    const env = TRICKY.map((v, i) => `V${i}=${v}`);
    const script = box.write('env-roundtrip.sh', dockerEnvScript([...env, 'PATH=/opt/x:/usr/bin:/bin']));
    const got = box.envAfter(script, {});
    TRICKY.forEach((v, i) => expect(got[`V${i}`], `V${i}`).toBe(v));
    expect(got.PATH).toBe('/opt/x:/usr/bin:/bin');
  });

  it('lets a value already in the environment win, except PATH', () => {
    const script = box.write('env-preset.sh', dockerEnvScript(['A=image', 'B', 'PATH=/image/bin']));
    const got = box.envAfter(script, { A: 'host $x', B: 'host', PATH: '/usr/bin:/bin' });
    expect([got.A, got.B, got.PATH]).toEqual(['host $x', 'host', '/image/bin']);
    const unset = box.envAfter(script, {});
    expect([unset.A, unset.B]).toEqual(['image', '']);
  });

  it("does not use apptainer ≤ 1.4.5's double escaping, which changed values (apptainer issue #3328)", () => {
    // What `fmt.Sprintf("export %s=\"${%s:-%q}\"", k, k, shell.Escape(v))` wrote for v = `$x`: the
    // backslash survives and $x expands (to nothing here), as the issue reports for `$(date)`.
    const old = box.write('env-old.sh', '#!/bin/sh\nexport X="${X:-"\\\\$x"}"\n');
    expect(box.envAfter(old, {}).X).toBe('\\');
    const ours = box.write('env-new.sh', dockerEnvScript(['X=$x']));
    expect(box.envAfter(ours, {}).X).toBe('$x');
  });
});

describe('runscript', () => {
  const runRunscript = (ep: string[], cmd: string[], args: string[], noEval: boolean, extraEnv: Record<string, string> = {}) => {
    const script = box.write('runscript', dockerRunscript(ep, cmd));
    const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: '/home/tester', ...extraEnv };
    if (noEval) env.SINGULARITY_NO_EVAL = '1';
    return box.run(script, args, env);
  };
  const argv = (ep: string[], cmd: string[], args: string[], noEval: boolean) => splitNul(runRunscript(ep, cmd, args, noEval));

  it('writes OCI_ENTRYPOINT and OCI_CMD as apptainer does', () => {
    const text = dockerRunscript(['/docker-entrypoint.sh'], ['nginx', '-g', "daemon off; it's"]);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '#!/bin/sh',
      `OCI_ENTRYPOINT='"/docker-entrypoint.sh"'`,
      `OCI_CMD='"nginx" "-g" "daemon off; it'"'"'s"'`,
    ]);
    expect(text).toContain(`set -- 'daemon off; it'"'"'s' "$@"`);
    expect(dockerRunscript([], []).split('\n').slice(1, 3)).toEqual(["OCI_ENTRYPOINT=''", "OCI_CMD=''"]);
  });

  // apptainer e2e/docker/docker.go: testDockerCMD, testDockerENTRYPOINT, testDockerCMDENTRYPOINT (images
  // whose ENTRYPOINT/CMD is `echo WORD 'quotes' "quotes" $DOLLAR "s p a c e s"`).
  const words = (w: string) => ['echo', w, "'quotes'", '"quotes"', '$DOLLAR', 's p a c e s'];
  const out = (ep: string[], cmd: string[], args: string[], noEval: boolean) => runRunscript(ep, cmd, args, noEval).toString().trimEnd();
  it.each([
    ['cmd default', [], words('CMD'), [], false, `CMD 'quotes' "quotes" $DOLLAR s p a c e s`],
    ['cmd override', [], words('CMD'), ['echo', 'test'], false, 'test'],
    ['cmd override env var', [], words('CMD'), ['echo', '$HOME'], false, '/home/tester'],
    ['cmd override sh echo', [], words('CMD'), ['sh', '-c', 'echo "hello there"'], false, 'hello'],
    ['cmd no-eval default', [], words('CMD'), [], true, `CMD 'quotes' "quotes" $DOLLAR s p a c e s`],
    ['cmd no-eval override env var', [], words('CMD'), ['echo', '$HOME'], true, '$HOME'],
    ['cmd no-eval override sh echo', [], words('CMD'), ['sh', '-c', 'echo "hello there"'], true, 'hello there'],
    ['entrypoint default', words('ENTRYPOINT'), [], [], false, `ENTRYPOINT 'quotes' "quotes" $DOLLAR s p a c e s`],
    ['entrypoint override', words('ENTRYPOINT'), [], ['echo', 'test'], false, `ENTRYPOINT 'quotes' "quotes" $DOLLAR s p a c e s echo test`],
    ['entrypoint override env var', words('ENTRYPOINT'), [], ['echo', '$HOME'], false, `ENTRYPOINT 'quotes' "quotes" $DOLLAR s p a c e s echo /home/tester`],
    ['entrypoint no-eval override env var', words('ENTRYPOINT'), [], ['echo', '$HOME'], true, `ENTRYPOINT 'quotes' "quotes" $DOLLAR s p a c e s echo $HOME`],
    ['both default', words('ENTRYPOINT'), words('CMD').slice(1), [], false, `ENTRYPOINT 'quotes' "quotes" $DOLLAR s p a c e s CMD 'quotes' "quotes" $DOLLAR s p a c e s`],
    ['both override', words('ENTRYPOINT'), words('CMD').slice(1), ['echo', 'test'], false, `ENTRYPOINT 'quotes' "quotes" $DOLLAR s p a c e s echo test`],
    ['both no-eval default', words('ENTRYPOINT'), words('CMD').slice(1), [], true, `ENTRYPOINT 'quotes' "quotes" $DOLLAR s p a c e s CMD 'quotes' "quotes" $DOLLAR s p a c e s`],
  ])('%s (apptainer e2e)', (_name, ep, cmd, args, noEval, want) => expect(out(ep, cmd, args, noEval)).toBe(want));

  it.each([false, true])('passes every ENTRYPOINT and CMD word byte for byte (no-eval %s)', (noEval) => {
    expect(argv([box.printargv, ...TRICKY], TRICKY, [], noEval)).toEqual([...TRICKY, ...TRICKY]);
    expect(argv([], [box.printargv, ...TRICKY], [], noEval)).toEqual(TRICKY);
    expect(argv([box.printargv, ...TRICKY], [], [], noEval)).toEqual(TRICKY);
  });

  it('replaces CMD with the arguments and keeps them byte for byte with --no-eval', () => {
    expect(argv([box.printargv, 'ep'], ['cmd'], TRICKY, true)).toEqual(['ep', ...TRICKY]);
    expect(argv([], ['nope'], [box.printargv, ...TRICKY], true)).toEqual(TRICKY);
  });

  it('evaluates the arguments once without --no-eval, as apptainer does', () => {
    expect(argv([box.printargv], ['cmd'], ['a b', '$HOME', '-x'], false)).toEqual(['a b', '/home/tester', '-x']);
  });

  it('runs a shell-form CMD ["/bin/sh", "-c", "…"] in both modes', () => {
    const cmd = ['/bin/sh', '-c', `printf '%s\\0' "$HOME" 'a  b' "$0"`, 'zero'];
    expect(argv([], cmd, [], false)).toEqual(['/home/tester', 'a  b', 'zero']);
    expect(argv([], cmd, [], true)).toEqual(['/home/tester', 'a  b', 'zero']);
  });

  it('runs nothing and prints nothing without ENTRYPOINT, CMD or arguments', () => {
    expect(runRunscript([], [], [], false).length).toBe(0);
    expect(runRunscript([], [], [], true).length).toBe(0);
  });
});

describe('labels', () => {
  it('formats the build date as apptainer (numbers unpadded)', () => {
    expect(buildDateLabel(new Date(Date.UTC(2024, 3, 1, 10, 36, 5)))).toBe('Monday_1_April_2024_10:36:5_UTC');
  });

  it('adds the build labels over the image labels', () => {
    const labels = singularityLabels(
      { Labels: { maintainer: 'x', 'org.label-schema.build-date': '20201113', 'org.label-schema.schema-version': '9' }, architecture: 'arm64', created: '2024-04-01T10:36:05Z' },
      { bootstrap: 'docker', from: 'nginx@sha256:abc' },
    );
    expect(labels).toEqual({
      maintainer: 'x',
      'org.label-schema.build-arch': 'arm64',
      'org.label-schema.build-date': 'Monday_1_April_2024_10:36:5_UTC',
      'org.label-schema.schema-version': '1.0',
      'org.label-schema.usage.singularity.deffile.bootstrap': 'docker',
      'org.label-schema.usage.singularity.deffile.from': 'nginx@sha256:abc',
    });
  });

  it("writes labels.json as Go's json.MarshalIndent: byte order, tabs, HTML escapes", () => {
    expect(labelsJson({ b: 'x', '9': 'n', '10': 'm', a: '<b> & "q"\n' })).toBe(
      '{\n\t"10": "m",\n\t"9": "n",\n\t"a": "\\u003cb\\u003e \\u0026 \\"q\\"\\n",\n\t"b": "x"\n}',
    );
    expect(labelsJson({})).toBe('{}');
    expect(JSON.parse(labelsJson({ k: '<&>\u2028' }))).toEqual({ k: '<&>\u2028' });
  });
});

describe('singularityEntries', () => {
  const config = { Env: ['PATH=/bin', 'A=1'], Entrypoint: ['/bin/echo'], Cmd: ['hi'], Labels: { l: 'v' }, architecture: 'amd64' };
  const entries = singularityEntries(config, { definition: 'Bootstrap: docker-daemon\nFrom: x:1\n', from: 'x:1' });

  it('lists relative paths, parents before children, with apptainer modes', () => {
    const paths = entries.map((e) => e.path);
    for (const [i, e] of entries.entries()) {
      expect(e.path.startsWith('/')).toBe(false);
      const parent = e.path.includes('/') ? e.path.slice(0, e.path.lastIndexOf('/')) : undefined;
      if (parent) expect(paths.indexOf(parent), e.path).toBeLessThan(i);
    }
    const mode = (p: string) => entries.find((e) => e.path === p)?.mode;
    expect(mode('.singularity.d')).toBe(0o755);
    expect(mode('.singularity.d/runscript')).toBe(0o755);
    expect(mode('.singularity.d/labels.json')).toBe(0o644);
    expect(mode('.singularity.d/Singularity')).toBe(0o644);
    expect(paths).toContain('.singularity.d/libs');
    expect(paths.filter((p) => p.startsWith('.singularity.d/actions/'))).toEqual(
      ['exec', 'run', 'shell', 'start', 'test'].map((a) => `.singularity.d/actions/${a}`),
    );
  });

  it('holds labels.json equal to labelsJson(singularityLabels(…))', () => {
    const json = entries.find((e) => e.path === '.singularity.d/labels.json')?.content?.toString();
    expect(json).toBe(labelsJson(singularityLabels(config, { from: 'x:1' })));
  });

  it('holds only scripts that /bin/sh parses', () => {
    for (const e of entries.filter((x) => x.type === 'file' && !x.path.endsWith('.json') && !x.path.endsWith('Singularity'))) {
      const path = box.write('syntax.sh', e.content?.toString() ?? '');
      expect(() => execFileSync('/bin/sh', ['-n', path]), e.path).not.toThrow();
    }
  });
});

describe('rootfsAdditions', () => {
  const from = (kinds: Record<string, PathKind>) => rootfsAdditions((p) => kinds[p]);

  it('adds every mount point and symlink to an empty root', () => {
    const { entries, conflicts } = from({});
    expect(conflicts).toEqual([]);
    expect(entries.map((e) => `${e.type} ${e.path}`)).toEqual([
      ...['dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'var', 'var/tmp'].map((d) => `directory ${d}`),
      'file etc/hosts',
      'file etc/resolv.conf',
      ...['singularity', '.run', '.exec', '.test', '.shell', 'environment'].map((l) => `symlink ${l}`),
    ]);
    expect(entries.find((e) => e.path === 'singularity')?.target).toBe('.singularity.d/runscript');
    expect(entries.find((e) => e.path === 'etc/hosts')?.content?.length).toBe(0);
  });

  it('keeps what the image has, replaces hosts and resolv.conf, reports conflicts', () => {
    const { entries, conflicts } = from({
      dev: 'directory', etc: 'directory', 'etc/hosts': 'file', 'etc/resolv.conf': 'symlink', home: 'file',
      proc: 'directory', root: 'directory', sys: 'directory', tmp: 'directory', var: 'symlink', singularity: 'file',
    });
    expect(entries.map((e) => e.path)).toEqual(['etc/hosts', 'etc/resolv.conf', '.run', '.exec', '.test', '.shell', 'environment']);
    expect(conflicts.map((c) => `${c.path} ${c.found}`)).toEqual(['home file']);
  });
});
