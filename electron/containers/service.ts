/** Container operations on the engine: list and the lifecycle verbs of `docker start|stop|…|rm`. */
import type { MethodArgs, MethodResult } from '../../shared/api';
import type { ContainerSummary } from '../../shared/model';
import type { Engine } from '../engine/engine';
import { BerthError, isNotModified } from '../engine/errors';
import { PodMembership } from './pod-membership';
import { summaryFromInspect, toContainerSummary } from './summary';

export class ContainersService {
  private readonly pods: PodMembership;

  constructor(private readonly engine: Engine) {
    this.pods = new PodMembership(engine);
  }

  /**
   * Every container (`docker ps -a`); with `ids`, only those (missing IDs are simply absent). On Podman each
   * carries its pod (one libpod list beside the compatible one, for containers not seen before).
   */
  async list(ids?: string[]): Promise<ContainerSummary[]> {
    const filters = ids ? { id: ids } : undefined;
    const raw = await this.engine.call((d) => d.listContainers({ all: true, ...(filters ? { filters } : {}) }));
    const summaries = raw.map(toContainerSummary);
    return this.withPods(summaries, !ids);
  }

  /** The summaries with their pods (Podman); unchanged on Docker. */
  private async withPods(summaries: ContainerSummary[], all: boolean): Promise<ContainerSummary[]> {
    const pods = await this.pods.of(
      summaries.map((c) => c.id),
      all,
    );
    return summaries.map((c) => {
      const pod = pods.get(c.id);
      return pod ? { ...c, pod } : c;
    });
  }

  /**
   * One container as inspect reports it (times, exit code, health), or null when it no longer exists.
   * Inspect, unlike the list, waits for the engine to finish recording a state change (Docker logs `die`
   * before it updates the list's view of the container).
   * @throws BerthError other than `NotFound` (engine unreachable, …).
   */
  async summary(id: string): Promise<ContainerSummary | null> {
    try {
      const summary = summaryFromInspect(await this.engine.call((d) => d.getContainer(id).inspect()));
      return (await this.withPods([summary], false))[0]!;
    } catch (err) {
      if (err instanceof BerthError && err.name === 'NotFound') return null;
      throw err;
    }
  }

  /** Run a verb; HTTP 304 (already in that state) counts as done, like the Docker CLI. */
  private async verb(id: string, fn: (c: ReturnType<Engine['docker']['getContainer']>) => Promise<unknown>): Promise<null> {
    await this.engine.call(async (d) => {
      try {
        await fn(d.getContainer(id));
      } catch (err) {
        if (!isNotModified(err)) throw err;
      }
    });
    return null;
  }

  start(a: MethodArgs<'containers.start'>): Promise<MethodResult<'containers.start'>> {
    return this.verb(a.id, (c) => c.start());
  }
  stop(a: MethodArgs<'containers.stop'>): Promise<MethodResult<'containers.stop'>> {
    return this.verb(a.id, (c) => c.stop(a.timeoutSeconds === undefined ? {} : { t: a.timeoutSeconds }));
  }
  restart(a: MethodArgs<'containers.restart'>): Promise<MethodResult<'containers.restart'>> {
    return this.verb(a.id, (c) => c.restart());
  }
  pause(a: MethodArgs<'containers.pause'>): Promise<MethodResult<'containers.pause'>> {
    return this.verb(a.id, (c) => c.pause());
  }
  unpause(a: MethodArgs<'containers.unpause'>): Promise<MethodResult<'containers.unpause'>> {
    return this.verb(a.id, (c) => c.unpause());
  }
  kill(a: MethodArgs<'containers.kill'>): Promise<MethodResult<'containers.kill'>> {
    return this.verb(a.id, (c) => c.kill(a.signal ? { signal: a.signal } : {}));
  }
  /** `docker rm [-f]`; anonymous volumes are kept (`v: false`). A running container without force → `Conflict`. */
  remove(a: MethodArgs<'containers.remove'>): Promise<MethodResult<'containers.remove'>> {
    return this.verb(a.id, (c) => c.remove({ force: a.force, v: false }));
  }
}
