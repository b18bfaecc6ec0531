/**
 * Image prune in two steps, so a person sees exactly what goes before anything does:
 * `preview` lists the images a prune would remove (dangling: untagged, as `docker image prune`; unused:
 * no container uses them, as `docker image prune -a`), with the bytes only each holds (/system/df);
 * `prune` removes exactly the listed images that still qualify — never the engine's `/images/prune`,
 * which would also take images that appeared in between.
 */
import type { PruneMode, PrunePreview, PruneResult } from '../../shared/images';
import type { Engine } from '../engine/engine';
import { toBerthError } from '../engine/errors';
import { bareId, containerUsage } from '../engine/usage';
import { familiarNames } from '../../shared/reference';

/** The parts of a /system/df image entry read here. */
interface DfImage {
  Id: string;
  SharedSize: number;
  Containers: number;
}

export class PruneService {
  constructor(private readonly engine: Engine) {}

  private async diskUsage(): Promise<{ images: DfImage[]; layersSize: number }> {
    const df = await this.engine.df<{ Images?: DfImage[] | null; LayersSize?: number }>();
    return { images: df.Images ?? [], layersSize: df.LayersSize ?? 0 };
  }

  /** What a prune in `mode` would remove now. Images any container uses (even stopped) are never listed. */
  async preview(mode: PruneMode): Promise<PrunePreview> {
    return this.candidates(mode, (await this.diskUsage()).images);
  }

  /**
   * The prune candidates, against the containers as they are now: top-level images (`GET /images/json`
   * without `all`, whose tags are full references) that no container uses, with the bytes only each holds
   * from /system/df. Matched by ID without its `sha256:`: Podman's /system/df gives bare IDs, bare tags
   * (`latest`), one entry per tag, and also lists a classic build's intermediate images.
   */
  private async candidates(mode: PruneMode, df: DfImage[]): Promise<PrunePreview> {
    const [inUse, images] = await Promise.all([containerUsage(this.engine), this.engine.call((d) => d.listImages({ all: false }))]);
    const used = inUse.images;
    const usage = new Map<string, DfImage>();
    for (const i of df) if (!usage.has(bareId(i.Id))) usage.set(bareId(i.Id), i);
    const candidates = images
      .map((i) => ({ image: i, tags: familiarNames(i.RepoTags), usage: usage.get(bareId(i.Id)) }))
      .filter(({ image, tags, usage }) => !used.has(bareId(image.Id)) && (usage?.Containers ?? 0) <= 0 && (mode === 'unused' || tags.length === 0))
      .map(({ image, tags, usage }) => ({
        id: image.Id,
        repoTags: tags,
        size: image.Size,
        uniqueSize: Math.max(0, image.Size - Math.max(0, usage?.SharedSize ?? 0)),
        created: image.Created * 1000,
      }))
      .sort((a, b) => b.uniqueSize - a.uniqueSize);
    return { mode, images: candidates, reclaimable: candidates.reduce((s, i) => s + i.uniqueSize, 0) };
  }

  /**
   * Remove the images `ids` that a prune in `mode` would still remove: each tag is untagged, then the
   * image removed by ID, never forced, so an image a container started using in between stays.
   */
  async prune(mode: PruneMode, ids: string[]): Promise<PruneResult> {
    const before = await this.diskUsage();
    const now = new Map((await this.candidates(mode, before.images)).images.map((i) => [i.id, i]));
    const removed: string[] = [];
    const kept: PruneResult['kept'] = [];
    for (const id of ids) {
      const image = now.get(id);
      if (!image) {
        kept.push({ id, reason: mode === 'dangling' ? 'no longer dangling or now used by a container' : 'now used by a container, or gone' });
        continue;
      }
      try {
        for (const tag of image.repoTags) await this.engine.docker.getImage(tag).remove({ force: false, noprune: false });
        const stillThere = await this.engine.docker.getImage(id).inspect().then(() => true, () => false);
        if (stillThere) await this.engine.docker.getImage(id).remove({ force: false, noprune: false });
        removed.push(id);
      } catch (err) {
        kept.push({ id, reason: toBerthError(err, this.engine.host.display).message });
      }
    }
    const after = await this.diskUsage();
    return { removed, kept, reclaimed: Math.max(0, before.layersSize - after.layersSize) };
  }
}
