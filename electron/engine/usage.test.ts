import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { usageOf } from './usage';

const container = (name: string, networks: Record<string, { NetworkID: string; IPAddress?: string }>) =>
  ({ Id: `id-${name}`, Names: [`/${name}`], ImageID: 'sha256:img', Mounts: [], NetworkSettings: { Networks: networks } }) as unknown as Docker.ContainerInfo;

describe('which containers use a network', () => {
  const net = { Id: 'a94f2095df7c', Name: 'pnet1' };
  it('matches Docker endpoints by network ID, and stopped ones (no ID) by name', () => {
    const u = usageOf([container('running', { pnet1: { NetworkID: 'a94f2095df7c', IPAddress: '10.0.0.2' } }), container('stopped', { pnet1: { NetworkID: '' } })]);
    expect(u.network(net).map((x) => x.name).sort()).toEqual(['running', 'stopped']);
  });
  it("matches Podman 4.3's endpoints, whose NetworkID is the network's name", () => {
    const u = usageOf([container('box', { pnet1: { NetworkID: 'pnet1' }, podman: { NetworkID: 'podman' } })]);
    expect(u.network(net).map((x) => x.name)).toEqual(['box']);
    expect(u.network({ Id: 'other', Name: 'other' })).toEqual([]);
  });
});
