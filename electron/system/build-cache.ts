/**
 * `docker builder prune`, in two steps like the image prune: `preview` lists the build-cache entries
 * not in use (from `/system/df`'s BuildCache), `prune` removes exactly the listed ones that are still
 * unused (`POST /build/prune?filters={"id":["^(ID|ID…)$"]}`), and reports what the engine
 * deleted and the bytes it freed — BuildKit also deletes the unused entries built on a removed one.
 *
 * The query is built here: dockerode 5's `pruneBuilder(opts)` sends no query at all, so its filters never
 * reach the engine and every unused entry goes. moby turns the `id` filter into BuildKit's `id~=VALUE` and
 * refuses several values for it (builder-next `toBuildkitPruneInfo`); `~=` is a regular-expression match, so
 * the one value is an anchored alternation of the IDs (`^(a|b)$`, IDs are alphanumeric), PRUNE_BATCH IDs per
 * request (one request per entry took 76 × ~0.2 s here); only IDs the engine itself lists now as unused are
 * ever sent — an unknown ID (`no-such-id`) sends nothing.
 * Podman keeps no BuildKit cache: its list is empty and prune is refused with the reason.
 */
import type { BuildCacheEntry, BuildCachePreview } from '../../shared/resources';
import type { Engine } from '../engine/engine';
import { dial } from '../engine/dial';
import { BerthError } from '../engine/errors';

/** IDs per prune request: ~26 characters each, so a query stays under ~6 KB. */
const PRUNE_BATCH = 200;

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
    const unused = new Set((await this.preview()).entries.map((e) => e.id));
    const removed = new Set<string>();
    let reclaimed = 0;
    // Never listed as unused (or not an ID at all): nothing to send.
    const asked = [...new Set(ids)].filter((id) => unused.has(id) && /^[A-Za-z0-9]+$/.test(id));
    // BuildKit keeps an entry another one still builds on: when that one went in the same pass, the entry
    // it held goes in the next. Passes repeat while they remove something (a chain of N needs at most N).
    for (let before = -1; removed.size > before; ) {
      before = removed.size;
      const left = asked.filter((id) => !removed.has(id));
      for (let i = 0; i < left.length; i += PRUNE_BATCH) await this.pruneBatch(left.slice(i, i + PRUNE_BATCH), removed, (n) => (reclaimed += n));
    }
    return { removed: [...removed], reclaimed };
  }

  /** One `POST /build/prune` for `batch`; what it deleted goes into `removed`, the bytes to `freed`. */
  private async pruneBatch(batch: string[], removed: Set<string>, freed: (bytes: number) => void): Promise<void> {
    const answer = await this.engine.call((d) =>
      dial<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number } | null>(d, {
        path: '/build/prune',
        method: 'POST',
        query: { filters: { id: [`^(${batch.join('|')})$`] } },
        statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
      }),
    );
    for (const gone of answer?.CachesDeleted ?? []) removed.add(gone);
    freed(answer?.SpaceReclaimed ?? 0);
  }
}
