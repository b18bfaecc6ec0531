import { describe, expect, it } from 'vitest';
import { identifyVersion } from './engine';
import { backoffDelay } from './monitor';

describe('identifyVersion', () => {
  it('recognises Docker Engine from GET /version', () => {
    const v = { Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', Components: [{ Name: 'Engine', Version: '20.10.24' }] };
    expect(identifyVersion(v, 'unix:///s')).toEqual({ kind: 'docker', version: '20.10.24', apiVersion: '1.41', os: 'linux', arch: 'amd64', host: 'unix:///s' });
  });
  it("recognises Podman by its 'Podman Engine' component", () => {
    const v = { Version: '4.3.1', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', Components: [{ Name: 'Podman Engine', Version: '4.3.1' }] };
    expect(identifyVersion(v, 'h').kind).toBe('podman');
  });
});

describe('backoffDelay', () => {
  it('doubles from 500 ms and stops at 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map((n) => backoffDelay(n))).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
});
