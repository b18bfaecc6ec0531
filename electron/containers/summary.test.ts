import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { normalizeState, summaryFromInspect, toContainerSummary } from './summary';

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
      startedAt: null,
      finishedAt: null,
      exitCode: null,
      health: null,
      ports: [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }, { privatePort: 53, type: 'udp' }],
      labels: { a: 'b' },
    });
  });
  it('reads the exit code and health from the Status text', () => {
    const base = { Id: 'x', Names: ['/x'], Image: 'i', ImageID: 'sha256:i', Created: 1, Ports: [], Labels: {} };
    const exited = toContainerSummary({ ...base, State: 'exited', Status: 'Exited (3) 2 seconds ago' } as unknown as Docker.ContainerInfo);
    expect([exited.exitCode, exited.health]).toEqual([3, null]);
    const healthy = toContainerSummary({ ...base, State: 'running', Status: 'Up 5 minutes (health: starting)' } as unknown as Docker.ContainerInfo);
    expect([healthy.exitCode, healthy.health]).toEqual([null, 'starting']);
  });
  it('maps an inspect answer with its times, exit code and ports, worded as docker ps', () => {
    const raw = {
      Id: 'abc',
      Name: '/job',
      Image: 'sha256:ff',
      Path: 'sh',
      Args: ['-c', 'sleep 1; exit 3'],
      Created: '2026-12-01T11:59:00Z',
      State: { Status: 'exited', Running: false, ExitCode: 3, StartedAt: '2026-12-01T11:59:01Z', FinishedAt: '2026-12-01T11:59:58Z' },
      Config: { Image: 'busybox', Labels: { a: 'b' } },
      NetworkSettings: { Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '53/udp': null } },
    } as unknown as Docker.ContainerInspectInfo;
    expect(summaryFromInspect(raw, Date.parse('2026-12-01T12:00:00Z'))).toEqual({
      id: 'abc',
      name: 'job',
      image: 'busybox',
      imageId: 'sha256:ff',
      command: 'sh -c sleep 1; exit 3',
      created: Date.parse('2026-12-01T11:59:00Z'),
      state: 'exited',
      status: 'Exited (3) 2 seconds ago',
      startedAt: Date.parse('2026-12-01T11:59:01Z'),
      finishedAt: Date.parse('2026-12-01T11:59:58Z'),
      exitCode: 3,
      health: null,
      ports: [{ privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }, { privatePort: 53, type: 'udp' }],
      labels: { a: 'b' },
    });
  });
  it("maps Podman's libpod states onto Docker's", () => {
    expect(['configured', 'stopped', 'Running', 'weird'].map(normalizeState)).toEqual(['created', 'exited', 'running', 'dead']);
  });
});
