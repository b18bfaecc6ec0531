/**
 * `docker builder prune`, in two steps like the image prune: `preview` lists the build-cache entries
 * not in use (from `/system/df`'s BuildCache), `prune` removes exactly the listed ones that are still
 * unused (`POST /build/prune` with an `id` filter per entry), and reports what the engine deleted and the
 * bytes it freed — BuildKit also deletes the unused entries built on a removed one.
 * Podman keeps no BuildKit cache: its list is empty and prune is refused with the reason.
 */
import type Docker from 'dockerode';
import type { BuildCacheEntry, BuildCachePreview } from '../../shared/resources';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';

interface DfCache {
  ID: string;
  Type?: string;
  Description?: string;
  Size: number;
  InUse: boolean;
  Shared: boolean;
  LastUsedAt?: string | null;
  UsageCount?: number;
}

export class BuildCacheService {
  constructor(private readonly engine: Engine) {}

  /**
   * Build-cache entries no build is using and no image shares (removing a shared one frees nothing and
   * BuildKit keeps it), largest first.
   */
  async preview(): Promise<BuildCachePreview> {
    const df = await this.engine.df<{ BuildCache?: DfCache[] | null }>();
    const entries: BuildCacheEntry[] = (df.BuildCache ?? [])
      .filter((c) => !c.InUse && !c.Shared)
      .map((c) => ({
        id: c.ID,
        type: c.Type ?? '',
        description: c.Description ?? '',
        size: c.Size,
        shared: c.Shared,
        lastUsed: c.LastUsedAt ? Date.parse(c.LastUsedAt) : null,
      }))
      .sort((a, b) => b.size - a.size);
    return { entries, reclaimable: entries.filter((e) => !e.shared).reduce((s, e) => s + e.size, 0), supported: (await this.engine.kind()) === 'docker' };
  }

  /**
   * Remove the entries `ids` that are still unused. @returns the IDs the engine deleted and the bytes it
   * freed. @throws BerthError `Unsupported` on Podman.
   */
  async prune(ids: string[]): Promise<{ removed: string[]; reclaimed: number }> {
    if ((await this.engine.kind()) !== 'docker') throw new BerthError('Unsupported', 'Podman keeps no BuildKit build cache: there is nothing to prune');
    // dockerode types pruneBuilder's answer as void; the engine answers {CachesDeleted, SpaceReclaimed}.
    const pruneBuilder = (d: Docker) => d.pruneBuilder({ filters: JSON.stringify({ id: ids }) } as never) as unknown as Promise<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }>;
    const answer = await this.engine.call(pruneBuilder);
    return { removed: answer.CachesDeleted ?? [], reclaimed: answer.SpaceReclaimed ?? 0 };
  }
}
