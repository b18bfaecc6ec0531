/**
 * `docker volume ls|create|rm|prune`: volumes with their size (from `/system/df`) and the containers that
 * mount them. Prune removes exactly the named volumes that are still unused, never via `/volumes/prune`
 * (which would also take volumes that became unused after the preview).
 */
import { isDeepStrictEqual } from 'node:util';
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

/**
 * How long a listing waits for `/system/df` (ms) before it answers with the sizes of the last one that ended.
 * Docker runs one df at a time and it takes seconds on an engine full of images and build cache (over 30 s
 * seen in CI while other suites loaded the engine), which held back a new volume's row as long.
 */
export const DF_WAIT_MS = 2000;

type Sizes = Map<string, number | null>;

export class VolumesService {
  /** Each volume's size from the last `/system/df` that answered (bytes; null where the engine did not measure it). */
  private lastSizes: Sizes = new Map();
  private lateListener: (() => void) | null = null;

  constructor(private readonly engine: Engine) {}

  /** Call `listener` when a df that came too late for its listing measured other sizes than that listing gave (list again). */
  onLateSizes(listener: () => void): void {
    this.lateListener = listener;
  }

  /** Sizes from a df answering within DF_WAIT_MS, else the last known (a late df still updates them, and says so). */
  private async sizes(): Promise<Sizes> {
    let given: Sizes | null = null;
    const measured = this.engine
      .df<{ Volumes?: DfVolume[] | null }>()
      .then((df) => {
        this.lastSizes = new Map((df.Volumes ?? []).map((v) => [v.Name, v.UsageData && v.UsageData.Size >= 0 ? v.UsageData.Size : null]));
        if (given && !isDeepStrictEqual(given, this.lastSizes)) this.lateListener?.();
        return this.lastSizes;
      })
      .catch(() => this.lastSizes);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Sizes>((resolve) => (timer = setTimeout(() => resolve((given = this.lastSizes)), DF_WAIT_MS)));
    try {
      return await Promise.race([measured, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Every volume (`docker volume ls`), with the containers using it and its size in bytes where the engine
   * measured it (`/system/df`, waited for at most DF_WAIT_MS: a slower one gives the sizes last measured).
   */
  async list(): Promise<VolumeSummary[]> {
    const [answer, usage, sizes] = await Promise.all([this.engine.call((d) => d.listVolumes()), containerUsage(this.engine), this.sizes()]);
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
