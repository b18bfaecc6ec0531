/**
 * Image prune in two steps, so a person sees exactly what goes before anything does:
 * `preview` lists the images a prune would remove (dangling: untagged, as `docker image prune`; unused:
 * no container uses them, as `docker image prune -a`), with the bytes their removal frees, reckoned as the
 * engine reckons `SpaceReclaimed` (reclaim.ts);
 * `prune` removes exactly the listed images that still qualify — never the engine's `/images/prune`,
 * which would also take images that appeared in between.
 */
import type { PruneMode, PrunePreview, PruneResult } from '../../shared/images';
import type { Engine } from '../engine/engine';
import { BerthError, toBerthError } from '../engine/errors';
import { chainIds, heldByBuildCache, layerSteps, reclaim, type CacheRecord, type ChainLayer, type HistoryEntry } from './reclaim';
import { bareId, containerUsage } from '../engine/usage';
import { familiarNames } from '../../shared/reference';

/** The layers of an image, as read once (an image ID names immutable content, so they are cached by ID). */
type Layers = ChainLayer[];

export class PruneService {
  private readonly layerCache = new Map<string, Promise<Layers>>();

  constructor(private readonly engine: Engine) {}

  private async layersSize(): Promise<number> {
    return (await this.engine.df<{ LayersSize?: number }>()).LayersSize ?? 0;
  }

  /** The build cache's records (/system/df; none on Podman, which has no BuildKit cache). */
  private async buildCache(): Promise<CacheRecord[]> {
    return (await this.engine.df<{ BuildCache?: CacheRecord[] | null }>()).BuildCache ?? [];
  }

  /**
   * The layers (chain ID, diff size) of image `id`: diff IDs from its inspect (`RootFS.Layers`), sizes from
   * its history. @throws BerthError when the engine cannot say, or when history and layers do not match.
   */
  private layersOf(id: string): Promise<Layers> {
    let p = this.layerCache.get(id);
    if (!p) {
      p = (async () => {
        const [info, history] = await Promise.all([
          this.engine.call((d) => d.getImage(id).inspect()),
          this.engine.call((d) => d.getImage(id).history() as Promise<HistoryEntry[]>),
        ]);
        const diffIds = info.RootFS?.Layers ?? [];
        const steps = layerSteps(diffIds.length, history);
        if (!steps) throw new BerthError('EngineError', `${this.engine.host.display}: the history of image ${id} does not match its ${diffIds.length} layers`);
        return chainIds(diffIds).map((chainId, i) => ({ chainId, size: Math.max(0, steps[i].Size), createdBy: steps[i].CreatedBy ?? '' }));
      })();
      p.catch(() => this.layerCache.delete(id));
      this.layerCache.set(id, p);
    }
    return p;
  }

  /** What a prune in `mode` would remove now. Images any container uses (even stopped) are never listed. */
  async preview(mode: PruneMode): Promise<PrunePreview> {
    const { mode: m, images, reclaimable, toBuildCache } = await this.candidates(mode);
    return { mode: m, images, reclaimable, toBuildCache };
  }

  /**
   * The prune candidates, against the containers as they are now: top-level images (`GET /images/json`
   * without `all`, whose tags are full references) that no container uses, with what their removal frees
   * (reclaim.ts: layers no image that stays holds, each once). Images containers use but that are not
   * top-level (a classic build's intermediate) stay, and so count as holders too.
   */
  private async candidates(mode: PruneMode): Promise<PrunePreview & { layers: Map<string, Layers> }> {
    const [inUse, images, cache] = await Promise.all([containerUsage(this.engine), this.engine.call((d) => d.listImages({ all: false })), this.buildCache()]);
    const used = inUse.images;
    const chosen = images
      .map((i) => ({ image: i, tags: familiarNames(i.RepoTags) }))
      .filter(({ image, tags }) => !used.has(bareId(image.Id)) && (mode === 'unused' || tags.length === 0));
    const ids = new Set([...images.map((i) => bareId(i.Id)), ...used]);
    const layers = new Map<string, Layers>();
    await Promise.all(
      [...ids].map(async (id) => {
        try {
          layers.set(id, await this.layersOf(id));
        } catch (err) {
          // An image used by a container but gone meanwhile holds nothing; any other failure is the answer.
          if (!images.some((i) => bareId(i.Id) === id)) return;
          throw err;
        }
      }),
    );
    const held = heldByBuildCache([...layers.values()].flat(), cache);
    const r = reclaim(layers, new Set(chosen.map(({ image }) => bareId(image.Id))), held);
    const candidates = chosen
      .map(({ image, tags }) => {
        const id = bareId(image.Id);
        return {
          id: image.Id,
          repoTags: tags,
          size: image.Size,
          uniqueSize: r.unique.get(id) ?? 0,
          frees: r.share.get(id) ?? 0,
          sharedWithKept: r.sharedWithKept.get(id) ?? 0,
          created: image.Created * 1000,
        };
      })
      .sort((a, b) => b.frees - a.frees || b.uniqueSize - a.uniqueSize);
    return { mode, images: candidates, reclaimable: r.total, toBuildCache: r.toBuildCache, layers };
  }

  /**
   * Remove the images `ids` that a prune in `mode` would still remove: each tag is untagged, then the
   * image removed by ID, never forced, so an image a container started using in between stays.
   */
  async prune(mode: PruneMode, ids: string[]): Promise<PruneResult> {
    const before = await this.layersSize();
    const { images, layers } = await this.candidates(mode);
    const now = new Map(images.map((i) => [i.id, i]));
    const chainSize = new Map([...layers.values()].flat().map((l) => [l.chainId, l.size]));
    const removed: string[] = [];
    const kept: PruneResult['kept'] = [];
    const deleted = new Set<string>();
    const remove = async (ref: string) => {
      const answer = (await this.engine.docker.getImage(ref).remove({ force: false, noprune: false })) as { Deleted?: string }[] | null;
      for (const d of answer ?? []) if (d.Deleted) deleted.add(d.Deleted);
    };
    // Children before parents (more layers first), as a classic build's image can be another's parent: the
    // engine refuses to remove a parent while its child is there.
    const order = [...ids].sort((a, b) => (layers.get(bareId(b))?.length ?? 0) - (layers.get(bareId(a))?.length ?? 0));
    for (const id of order) {
      const image = now.get(id);
      if (!image) {
        kept.push({ id, reason: mode === 'dangling' ? 'no longer dangling or now used by a container' : 'now used by a container, or gone' });
        continue;
      }
      try {
        for (const tag of image.repoTags) await remove(tag);
        const stillThere = await this.engine.docker.getImage(id).inspect().then(() => true, () => false);
        if (stillThere) await remove(id);
        removed.push(id);
      } catch (err) {
        const e = toBerthError(err, this.engine.host.display);
        // Untagged but the parent of an image that stays: its layers stay with that image, which holds them.
        if (/dependent child images/i.test(e.message)) removed.push(id);
        else kept.push({ id, reason: e.message });
      }
    }
    if ((await this.engine.kind()) === 'podman') return { removed, kept, reclaimed: Math.max(0, before - (await this.layersSize())) };
    // As Docker's own prune reckons SpaceReclaimed: the diff sizes of the layers the removals released.
    const reclaimed = [...deleted].reduce((s, d) => s + (chainSize.get(d) ?? 0), 0);
    return { removed, kept, reclaimed };
  }
}
