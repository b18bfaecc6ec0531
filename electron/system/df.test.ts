import { describe, expect, it } from 'vitest';
import { diskUsage } from './df';

describe('docker system df', () => {
  it('reckons sizes and reclaimable space as the Docker CLI does', () => {
    const lines = diskUsage({
      LayersSize: 1000,
      Images: [
        { Size: 600, SharedSize: 200, Containers: 1 },
        { Size: 300, SharedSize: 200, Containers: 0 },
        { Size: 100, SharedSize: -1, Containers: 2 },
      ],
      Containers: [
        { SizeRw: 10, State: 'running' },
        { SizeRw: 30, State: 'exited' },
        { SizeRw: 4, State: 'paused' },
        { State: 'created' },
      ],
      Volumes: [{ UsageData: { Size: 50, RefCount: 1 } }, { UsageData: { Size: 70, RefCount: 0 } }, { UsageData: { Size: -1, RefCount: 0 } }],
      BuildCache: [
        { Size: 5, InUse: true, Shared: false },
        { Size: 7, InUse: false, Shared: true },
        { Size: 11, InUse: false, Shared: false },
      ],
    });
    expect(lines).toEqual([
      { kind: 'images', total: 3, active: 2, size: 1000, reclaimable: 600 },
      { kind: 'containers', total: 4, active: 2, size: 44, reclaimable: 30 },
      { kind: 'volumes', total: 3, active: 1, size: 120, reclaimable: 70 },
      { kind: 'buildCache', total: 3, active: 1, size: 16, reclaimable: 11 },
    ]);
  });

  it('copes with the nulls Podman and empty engines send', () => {
    expect(diskUsage({ Images: null, Containers: null, Volumes: null, BuildCache: null }).map((l) => l.total)).toEqual([0, 0, 0, 0]);
  });
});
