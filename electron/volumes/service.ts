/**
 * `docker volume ls|create|rm|prune`: volumes with their size (from `/system/df`) and the containers that
 * mount them. Prune removes exactly the named volumes that are still unused, never via `/volumes/prune`
 * (which would also take volumes that became unused after the preview).
 */
import type { z } from 'zod';
import type { ResourceArgs, VolumeSummary } from '../../shared/resources';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { engineTime } from '../engine/time';
import { containerUsage } from '../engine/usage';

interface DfVolume {
  Name: string;
  UsageData?: { Size: number; RefCount: number } | null;
}

export class VolumesService {
  constructor(private readonly engine: Engine) {}

  /** Every volume (`docker volume ls`), with size where the engine measured it and the containers using it. */
  async list(): Promise<VolumeSummary[]> {
    const [answer, usage, df] = await Promise.all([
      this.engine.call((d) => d.listVolumes()),
      containerUsage(this.engine),
      this.engine.df<{ Volumes?: DfVolume[] | null }>().catch(() => ({ Volumes: [] })),
    ]);
    const sizes = new Map((df.Volumes ?? []).map((v) => [v.Name, v.UsageData && v.UsageData.Size >= 0 ? v.UsageData.Size : null]));
    const users = usage.volumes;
    return (answer.Volumes ?? []).map((v) => ({
      name: v.Name,
      driver: v.Driver,
      mountpoint: v.Mountpoint,
      scope: v.Scope ?? 'local',
      created: engineTime((v as { CreatedAt?: string }).CreatedAt),
      labels: v.Labels ?? {},
      size: sizes.get(v.Name) ?? null,
      usedBy: users.get(v.Name) ?? [],
    }));
  }

  /** `docker volume create`. An empty name lets the engine pick one. @throws BerthError `Conflict`. */
  async create(a: z.infer<typeof ResourceArgs.volumeCreate>): Promise<{ name: string }> {
    const v = await this.engine.call((d) => d.createVolume({ ...(a.name ? { Name: a.name } : {}), Driver: a.driver, Labels: a.labels }));
    // dockerode answers with a Volume handle (`name`), not the engine's JSON (`Name`).
    const made = v as unknown as { name?: string; Name?: string };
    return { name: made.name ?? made.Name ?? a.name ?? '' };
  }

  /** `docker volume rm [-f]`: the engine refuses a volume in use (`Conflict`) even when forced. */
  async remove(a: z.infer<typeof ResourceArgs.volumeRemove>): Promise<null> {
    await this.engine.call((d) => d.getVolume(a.name).remove({ force: a.force }));
    return null;
  }

  /** Unused volumes (mounted by no container, running or not): what a prune would remove. */
  async prunePreview(): Promise<VolumeSummary[]> {
    return (await this.list()).filter((v) => v.usedBy.length === 0);
  }

  /** Remove exactly `names` that are still unused; those now in use are skipped and named. */
  async prune(a: z.infer<typeof ResourceArgs.volumePrune>): Promise<{ removed: string[]; skipped: string[]; reclaimed: number }> {
    const unused = new Map((await this.prunePreview()).map((v) => [v.name, v]));
    const removed: string[] = [];
    const skipped: string[] = [];
    let reclaimed = 0;
    for (const name of a.names) {
      const v = unused.get(name);
      if (!v) {
        skipped.push(name);
        continue;
      }
      try {
        await this.remove({ name, force: false });
        removed.push(name);
        reclaimed += v.size ?? 0;
      } catch (err) {
        if (err instanceof BerthError && err.name === 'Conflict') skipped.push(name);
        else throw err;
      }
    }
    return { removed, skipped, reclaimed };
  }
}
