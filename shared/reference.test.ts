import { describe, expect, it } from 'vitest';
import { DOCKER_HUB_AUTH_KEY, familiarName, familiarNames, parseReference, registryAuthKey } from './reference';

describe('parseReference', () => {
  it('normalises a bare name to Docker Hub and pulls only latest', () => {
    const r = parseReference('busybox');
    expect(r).toEqual({ ok: true, reference: { registry: 'docker.io', repository: 'library/busybox', pullable: 'busybox:latest', authKey: DOCKER_HUB_AUTH_KEY } });
  });
  it('keeps a private registry with port, namespace and tag', () => {
    const r = parseReference('127.0.0.1:5000/team/app:1.2');
    expect(r.ok && r.reference).toMatchObject({ registry: '127.0.0.1:5000', repository: 'team/app', tag: '1.2', pullable: '127.0.0.1:5000/team/app:1.2', authKey: '127.0.0.1:5000' });
  });
  it('keeps a digest reference as typed', () => {
    const d = `sha256:${'a'.repeat(64)}`;
    const r = parseReference(`busybox@${d}`);
    expect(r.ok && r.reference).toMatchObject({ digest: d, pullable: `busybox@${d}` });
  });
  it.each([
    ['Busybox', /lowercase/],
    ['a:b:c', /invalid reference format/],
    ['x@sha256:12', /invalid reference format/],
    ['', /give an image reference/],
    [' busybox', /spaces/],
  ])('refuses %j', (input, message) => {
    const r = parseReference(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('registryAuthKey', () => {
  it('maps the spellings of Docker Hub to the CLI key and keeps other hosts', () => {
    expect(registryAuthKey('docker.io')).toBe(DOCKER_HUB_AUTH_KEY);
    expect(registryAuthKey('https://index.docker.io/v1/')).toBe(DOCKER_HUB_AUTH_KEY);
    expect(registryAuthKey('http://127.0.0.1:5000/')).toBe('127.0.0.1:5000');
  });
});

describe('familiarName (the CLI short form of the qualified names Podman answers with)', () => {
  it('drops docker.io/ and, for official images, library/', () => {
    expect(familiarName('docker.io/library/busybox:1.36')).toBe('busybox:1.36');
    expect(familiarName('docker.io/berth-test/busybox:latest')).toBe('berth-test/busybox:latest');
    expect(familiarName('docker.io/library/ns/app:v1')).toBe('library/ns/app:v1');
    expect(familiarName(`docker.io/ns/app@sha256:${'a'.repeat(64)}`)).toBe(`ns/app@sha256:${'a'.repeat(64)}`);
  });
  it('leaves other registries and short names alone', () => {
    expect(familiarName('localhost/app:v1')).toBe('localhost/app:v1');
    expect(familiarName('127.0.0.1:5000/library/app:v1')).toBe('127.0.0.1:5000/library/app:v1');
    expect(familiarName('busybox:latest')).toBe('busybox:latest');
  });
  it('drops Docker’s <none> placeholders', () => {
    expect(familiarNames(['<none>:<none>'])).toEqual([]);
    expect(familiarNames(['<none>@<none>', 'docker.io/library/alpine@sha256:x'])).toEqual(['alpine@sha256:x']);
    expect(familiarNames(null)).toEqual([]);
  });
});
