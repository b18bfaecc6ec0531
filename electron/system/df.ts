/**
 * `docker system df`: what images, containers, volumes and build cache occupy and what is reclaimable,
 * reckoned as the Docker CLI does (docker/cli cli/command/formatter/disk_usage.go): images — size not shared
 * with an image in use; containers — the writable layers of those not running, paused or restarting; volumes —
 * those no container uses; build cache — records not shared with an image (size), of those the ones not in use
 * (reclaimable). Checked byte for byte against the CLI in space.int.test.ts.
 */
import type { DiskUsageLine } from '../../shared/resources';
import type { Engine } from '../engine/engine';

interface DfAnswer {
  LayersSize?: number;
  Images?: { Size: number; SharedSize: number; Containers: number }[] | null;
  Containers?: { SizeRw?: number; State: string }[] | null;
  Volumes?: { UsageData?: { Size: number; RefCount: number } | null }[] | null;
  BuildCache?: { Size: number; InUse: boolean; Shared: boolean }[] | null;
}

/** Running, paused and restarting containers are active, as the CLI's `isActive` has it (their writable layers stay). */
function containerActive(c: { State: string }): boolean {
  return /running|paused|restarting/.test(c.State);
}

/** The four lines of `docker system df` from a `/system/df` answer. */
export function diskUsage(df: DfAnswer): DiskUsageLine[] {
  const images = df.Images ?? [];
  const activeImages = images.filter((i) => i.Containers > 0);
  // As the CLI: used = Σ (Size − SharedSize) over images in use (unknown sizes, −1, skipped).
  const usedBytes = activeImages.filter((i) => i.Size >= 0 && i.SharedSize >= 0).reduce((s, i) => s + i.Size - i.SharedSize, 0);
  const imageSize = df.LayersSize ?? images.reduce((s, i) => s + i.Size, 0);
  const containers = df.Containers ?? [];
  const volumes = df.Volumes ?? [];
  const cache = df.BuildCache ?? [];
  return [
    { kind: 'images', total: images.length, active: activeImages.length, size: imageSize, reclaimable: Math.max(0, imageSize - usedBytes) },
    {
      kind: 'containers',
      total: containers.length,
      active: containers.filter(containerActive).length,
      size: containers.reduce((s, c) => s + (c.SizeRw ?? 0), 0),
      reclaimable: containers.filter((c) => !containerActive(c)).reduce((s, c) => s + (c.SizeRw ?? 0), 0),
    },
    {
      kind: 'volumes',
      total: volumes.length,
      active: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
      size: volumes.reduce((s, v) => s + Math.max(0, v.UsageData?.Size ?? 0), 0),
      reclaimable: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((s, v) => s + Math.max(0, v.UsageData?.Size ?? 0), 0),
    },
    {
      kind: 'buildCache',
      total: cache.length,
      active: cache.filter((c) => c.InUse).length,
      // As the CLI: a shared record's bytes are an image's layer, already counted under images.
      size: cache.filter((c) => !c.Shared).reduce((s, c) => s + c.Size, 0),
      reclaimable: cache.filter((c) => !c.InUse && !c.Shared).reduce((s, c) => s + c.Size, 0),
    },
  ];
}

/** Read `/system/df` and summarise it. */
export async function systemDf(engine: Engine): Promise<DiskUsageLine[]> {
  return diskUsage(await engine.df<DfAnswer>());
}
