import { describe, expect, it } from 'vitest';
import { formatMount, formatPort, parseEnv, parseImage, parseLines, parseMount, parsePort, parseRestart, RunSpec, emptyRunSpec } from './run';

describe('run field parsers', () => {
  it('reads every -p form the CLI documents and writes it back', () => {
    const cases: [string, object][] = [
      ['80', { containerPort: 80, protocol: 'tcp' }],
      ['8080:80', { hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
      ['127.0.0.1:8080:80/udp', { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'udp' }],
      ['127.0.0.1::53/udp', { hostIp: '127.0.0.1', containerPort: 53, protocol: 'udp' }],
      ['[::1]:8080:80', { hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'tcp' }],
    ];
    for (const [text, want] of cases) {
      const r = parsePort(text);
      expect(r).toEqual({ ok: true, value: want });
      if (r.ok) expect(formatPort(r.value)).toBe(text);
    }
  });

  it('names what is wrong with a port', () => {
    expect(parsePort('80:http')).toEqual({ ok: false, error: 'container port "http" is not a port number' });
    expect(parsePort('70000')).toEqual({ ok: false, error: 'container port 70000 is outside 1–65535' });
    expect(parsePort('80/icmp')).toMatchObject({ ok: false, error: expect.stringContaining('tcp, udp or sctp') });
    expect(parsePort('8000-8010:80')).toMatchObject({ ok: false, error: expect.stringContaining('ranges') });
    expect(parsePort('host:80:80')).toMatchObject({ ok: false, error: '"host" is not an IP address' });
  });

  it('reads binds, named and anonymous volumes', () => {
    for (const text of ['/srv/data:/data', 'cache:/root/.cache:ro', '/scratch']) {
      const r = parseMount(text);
      expect(r.ok).toBe(true);
      if (r.ok) expect(formatMount(r.value)).toBe(text);
    }
    expect(parseMount('cache:/c:ro')).toEqual({ ok: true, value: { source: 'cache', target: '/c', readOnly: true } });
    expect(parseMount('rel/dir:/data')).toMatchObject({ ok: false, error: expect.stringContaining('neither an absolute host path nor a volume name') });
    expect(parseMount('/a:data')).toMatchObject({ ok: false, error: expect.stringContaining('must be absolute') });
    expect(parseMount('/a:/b:rx')).toEqual({ ok: false, error: 'mode "rx" must be ro or rw' });
  });

  it('wants KEY=value, keeping = and spaces in values', () => {
    expect(parseEnv('A=b=c d')).toEqual({ ok: true, value: 'A=b=c d' });
    expect(parseEnv('EMPTY=')).toEqual({ ok: true, value: 'EMPTY=' });
    expect(parseEnv('HOME')).toEqual({ ok: false, error: '"HOME" has no value: write HOME=value' });
    expect(parseEnv('=x')).toMatchObject({ ok: false });
  });

  it('reads restart policies', () => {
    expect(parseRestart('on-failure:3')).toEqual({ ok: true, value: { name: 'on-failure', maximumRetryCount: 3 } });
    expect(parseRestart('')).toEqual({ ok: true, value: { name: 'no' } });
    expect(parseRestart('always:2')).toEqual({ ok: false, error: 'only on-failure takes a retry count' });
    expect(parseRestart('sometimes')).toMatchObject({ ok: false });
  });

  it('accepts references and image IDs, refuses the rest', () => {
    expect(parseImage('localhost:5000/team/app:1.0').ok).toBe(true);
    expect(parseImage('sha256:' + 'a'.repeat(64)).ok).toBe(true);
    expect(parseImage('Bad Name').ok).toBe(false);
    expect(parseImage(' ').ok).toBe(false);
  });

  it('refuses --rm with a restart policy, as the engine would', () => {
    const spec = { ...emptyRunSpec('busybox'), autoRemove: true, restart: { name: 'always' as const } };
    const r = RunSpec.safeParse(spec);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toContain('--rm cannot be combined');
  });
});

describe('parseLines', () => {
  it('parses each non-blank line and names the first failing one, 1-based', () => {
    expect(parseLines('A=1\n\n  \nB=2', parseEnv)).toEqual({ values: ['A=1', 'B=2'], error: null });
    const bad = parseLines('A=1\n\n=x\n=y', parseEnv);
    expect(bad.values).toEqual(['A=1']);
    expect(bad.error).toMatch(/^line 3: /);
  });
});
