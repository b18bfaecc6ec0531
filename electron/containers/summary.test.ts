import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { normalizeState, toContainerSummary } from './summary';

describe('toContainerSummary', () => {
  it('maps a GET /containers/json entry, seconds to ms, without the leading slash', () => {
    const raw = {
      Id: 'abc123',
      Names: ['/web'],
      Image: 'busybox',
      ImageID: 'sha256:ff',
      Command: 'sleep 1000',
      Created: 1700000000,
      State: 'running',
      Status: 'Up 2 minutes',
      Ports: [{ PrivatePort: 80, PublicPort: 8080, IP: '0.0.0.0', Type: 'tcp' }, { PrivatePort: 53, Type: 'udp' }],
      Labels: { a: 'b' },
    } as unknown as Docker.ContainerInfo;
    expect(toContainerSummary(raw)).toEqual({
      id: 'abc123',
      name: 'web',
      image: 'busybox',
      imageId: 'sha256:ff',
      command: 'sleep 1000',
      created: 1700000000000,
      state: 'running',
      status: 'Up 2 minutes',
      ports: [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }, { privatePort: 53, type: 'udp' }],
      labels: { a: 'b' },
    });
  });
  it("maps Podman's libpod states onto Docker's", () => {
    expect(['configured', 'stopped', 'Running', 'weird'].map(normalizeState)).toEqual(['created', 'exited', 'running', 'dead']);
  });
});
