import { describe, expect, it } from 'vitest';
import { fromDockerServiceCreate, toDockerServiceCreate } from './service-command';
import { fileTarget, formatServiceFile, parseServiceFile, ServiceFileRef } from './service-files';
import { emptyServiceArgs, ServiceCreateArgs } from './swarm-service-spec';

const ref = (over: Partial<ServiceFileRef> = {}): ServiceFileRef => ({ source: 'sec-text', uid: '0', gid: '0', mode: 0o444, ...over });

describe('--secret and --config text (docker/cli opts/secret.go, opts/config.go)', () => {
  it('reads the short form NAME with the CLI defaults: uid 0, gid 0, mode 0444, target by the engine', () => {
    expect(parseServiceFile('secret', ' sec-text ')).toEqual({ ok: true, value: ref() });
    expect(fileTarget('secret', ref())).toBe('/run/secrets/sec-text');
    expect(fileTarget('config', ref({ source: 'cfg-text' }))).toBe('/cfg-text');
  });

  it('reads the long CSV form with src, relative and absolute targets, and Go-style modes', () => {
    expect(parseServiceFile('secret', 'source=s1,target=/etc/s1.pem,uid=1000,gid=1001,mode=0400')).toEqual({ ok: true, value: ref({ source: 's1', target: '/etc/s1.pem', uid: '1000', gid: '1001', mode: 0o400 }) });
    expect(parseServiceFile('secret', 'src=s1,target=other')).toEqual({ ok: true, value: ref({ source: 's1', target: '/run/secrets/other' }) });
    expect(parseServiceFile('config', 'src=c1,target=etc/c1')).toEqual({ ok: true, value: ref({ source: 'c1', target: '/etc/c1' }) });
    // The default target, spelt out, is the short form again.
    expect(parseServiceFile('secret', 'source=s1,target=/run/secrets/s1')).toEqual({ ok: true, value: ref({ source: 's1' }) });
    expect(parseServiceFile('config', 'source=c1,target=c1,mode=0o440')).toEqual({ ok: true, value: ref({ source: 'c1', mode: 0o440 }) });
    expect(parseServiceFile('config', 'source=c1,mode=288')).toEqual({ ok: true, value: ref({ source: 'c1', mode: 288 }) });
    expect(parseServiceFile('config', 'SOURCE=c1,Mode=0x1ff')).toEqual({ ok: true, value: ref({ source: 'c1', mode: 0o777 }) });
  });

  it('refuses what the CLI or the engine would refuse, saying why', () => {
    const error = (kind: 'secret' | 'config', t: string) => {
      const r = parseServiceFile(kind, t);
      return r.ok ? 'parsed' : r.error;
    };
    expect(error('secret', '')).toBe('give a secret name');
    expect(error('secret', 'target=/x')).toBe('"target=/x" has no source= secret name');
    expect(error('secret', 'source=s,owner=me')).toBe('"owner" is not a secret field (source, target, uid, gid, mode)');
    expect(error('secret', 'source=s,readonly')).toBe('"readonly" is not key=value (source=, target=, uid=, gid=, mode=)');
    expect(error('secret', 'source=s,mode=0999')).toBe('mode=0999 is not a file mode such as 0440 (0 to 0777)');
    expect(error('secret', 'source=s,mode=01000')).toBe('mode=01000 is not a file mode such as 0440 (0 to 0777)');
    expect(error('config', 'source=c,uid=root')).toMatch(/^uid: a numeric ID/);
    expect(error('config', 'source=bad name')).toMatch(/^source: a name of letters/);
    expect(error('config', `source=${'c'.repeat(65)}`)).toMatch(/^source: /);
    expect(error('config', 'source=c,target=/etc/')).toMatch(/^target: an absolute file path/);
    expect(error('config', '"source=c,target=/a"')).toMatch(/quoted fields are not supported/);
  });

  it('prints the short form for the defaults and the long one otherwise; parsing reads it back', () => {
    for (const r of [ref(), ref({ target: '/etc/x y' }), ref({ uid: '33', gid: '33', mode: 0 }), ref({ mode: 0o777 })]) {
      const text = formatServiceFile(r);
      expect(parseServiceFile('secret', text)).toEqual({ ok: true, value: r });
    }
    expect(formatServiceFile(ref())).toBe('sec-text');
    expect(formatServiceFile(ref({ target: '/etc/x', mode: 0o440 }))).toBe('source=sec-text,target=/etc/x,mode=0440');
  });

  it('a pasted docker service create with both forms fills the arguments and prints back the same line, quoted', () => {
    const line = "docker service create --name web --secret sec-text --secret 'source=sec-text,target=/etc/app/a b.txt,mode=0400' --config cfg-text --config source=cfg-text,target=/etc/cfg.txt busybox";
    const r = fromDockerServiceCreate(line);
    expect(r.problems).toEqual([]);
    expect(r.args.secrets).toEqual([ref(), ref({ target: '/etc/app/a b.txt', mode: 0o400 })]);
    expect(r.args.configs).toEqual([ref({ source: 'cfg-text' }), ref({ source: 'cfg-text', target: '/etc/cfg.txt' })]);
    expect(toDockerServiceCreate(r.args)).toBe("docker service create --name web --replicas 1 --secret sec-text --secret 'source=sec-text,target=/etc/app/a b.txt,mode=0400' --config cfg-text --config source=cfg-text,target=/etc/cfg.txt busybox");
  });

  it('the contract bounds each list at 64 and checks every reference', () => {
    const a = { ...emptyServiceArgs('busybox'), name: 'x' };
    expect(ServiceCreateArgs.safeParse({ ...a, secrets: Array.from({ length: 64 }, (_, i) => ({ ...ref(), source: `s${i}` })) }).success).toBe(true);
    expect(ServiceCreateArgs.safeParse({ ...a, secrets: Array.from({ length: 65 }, (_, i) => ({ ...ref(), source: `s${i}` })) }).success).toBe(false);
    expect(ServiceCreateArgs.safeParse({ ...a, configs: [{ ...ref(), mode: 0o1000 }] }).success).toBe(false);
    expect(ServiceCreateArgs.safeParse({ ...a, configs: [{ ...ref(), target: 'relative' }] }).success).toBe(false);
    expect(ServiceCreateArgs.safeParse({ ...a, configs: [{ ...ref(), extra: 1 }] }).success).toBe(false);
  });
});

describe('file targets and owners the engine would mangle (review 16c)', () => {
  const ref = (o: Partial<ServiceFileRef>) => ServiceFileRef.safeParse({ source: 'db', uid: '0', gid: '0', mode: 0o444, ...o }).success;
  it('refuses an ID over 32 bits, control characters, . and .. segments and over-long names in a target', () => {
    expect(ref({ uid: '4294967295' })).toBe(true);
    expect(ref({ uid: '9999999999' })).toBe(false);
    expect(ref({ gid: '4294967296' })).toBe(false);
    expect(ref({ target: '/a\nb' })).toBe(false);
    expect(ref({ target: '/a\tb' })).toBe(false);
    expect(ref({ target: '/run/secrets/../x' })).toBe(false);
    expect(ref({ target: '/run/./x' })).toBe(false);
    expect(ref({ target: `/${'a'.repeat(256)}` })).toBe(false);
    expect(ref({ target: `/${'a'.repeat(255)}` })).toBe(true);
    expect(ref({ target: '/etc/app..conf' })).toBe(true);
  });

  it('refuses a secret and a config (or one secret twice) at the same path', () => {
    const args = (secrets: object[], configs: object[]) => ServiceCreateArgs.safeParse({ ...emptyServiceArgs('busybox'), name: 'web', secrets, configs });
    const file = (source: string, target?: string) => ({ source, uid: '0', gid: '0', mode: 0o444, ...(target ? { target } : {}) });
    expect(args([file('a', '/etc/x')], [file('b', '/etc/x')]).success).toBe(false);
    expect(args([file('a'), file('a')], []).success).toBe(false);
    expect(args([file('a')], [file('a')]).success).toBe(true); // /run/secrets/a and /a
    const refused = args([file('a', '/etc/x')], [file('b', '/etc/x')]);
    expect(refused.success ? '' : refused.error.issues[0]?.message).toBe('config b and secret a would both be the file /etc/x: give one another target');
  });
});
