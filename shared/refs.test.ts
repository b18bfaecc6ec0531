import { describe, expect, it } from 'vitest';
import { ContainerRef, ImageRef, NetworkRef, VolumeRef } from './refs';

const HEX = 'f'.repeat(64);
/** Strings no reference may be: they would put `..`, `//` or a leading `/` into an engine URL path. */
const HOSTILE = ['a/../../127.0.0.1:9/x', '../x', '..', '.', 'a//b', '/x', 'x/..', 'x/.', 'a b', 'a\u0000b', '%2e%2e', 'a/%2e%2e/b', 'x?y=1', 'x#y', '', ' busybox', 'a\nb'];

describe('engine object references (shared/refs.ts)', () => {
  it('accepts real image references and IDs', () => {
    for (const r of ['busybox', 'busybox:1.36', 'ghcr.io/org/app:1.0', `localhost:5000/a/b@sha256:${HEX}`, `sha256:${HEX}`, HEX, HEX.slice(0, 12), 'archive-0123456789abcdef', '127.0.0.1:5000/x:y']) {
      expect(ImageRef.safeParse(r).success, r).toBe(true);
    }
  });
  it('accepts container IDs (full or short) and names', () => {
    for (const r of [HEX, HEX.slice(0, 12), 'a', 'my_app.1', 'proj-svc-1', 'proj_svc_1', 'A1']) expect(ContainerRef.safeParse(r).success, r).toBe(true);
  });
  it('accepts volume and network names and IDs', () => {
    for (const r of ['my_vol.1', HEX, 'data']) expect(VolumeRef.safeParse(r).success, r).toBe(true);
    for (const r of ['bridge', 'none', 'my-net', HEX, HEX.slice(0, 12)]) expect(NetworkRef.safeParse(r).success, r).toBe(true);
  });
  it('refuses whatever could leave the intended URL path, for every kind', () => {
    for (const schema of [ImageRef, ContainerRef, VolumeRef, NetworkRef]) {
      for (const r of HOSTILE) expect(schema.safeParse(r).success, JSON.stringify(r)).toBe(false);
    }
  });
  it('refuses slashes and colons in container, volume and network names (their grammar has none)', () => {
    for (const schema of [ContainerRef, VolumeRef, NetworkRef]) {
      for (const r of ['a/b', 'a:b', 'a@b', '-a', '_a', 'x'.repeat(256)]) expect(schema.safeParse(r).success, r).toBe(false);
    }
  });
  it('refuses image references the grammar refuses (uppercase repository, empty components)', () => {
    for (const r of ['Busybox', 'a/-b', 'a/b/', 'a:', 'a@sha256:12', 'localhost:5000/../x']) expect(ImageRef.safeParse(r).success, r).toBe(false);
  });
});
