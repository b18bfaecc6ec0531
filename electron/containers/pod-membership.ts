/**
 * Which Podman pod a container is in (issue #16: containers grouped under their pod in the Containers view).
 * Podman's Docker-compatible list and inspect say nothing of pods; its libpod list does
 * (`GET /v4.0.0/libpod/containers/json`: `Pod`, `PodName`, `IsInfra`, checked on Podman 4.3). A container's pod
 * is fixed when it is created, so answers are kept per container ID: a container is asked about once, and the
 * whole list at most once per full listing. Docker engines have no pods: nothing is sent, every answer is null.
 */
import type { ContainerPod } from '../../shared/model';
import { dial } from '../engine/dial';
import type { Engine } from '../engine/engine';

/** The libpod container list's entries, the fields read here (Podman 4.3). */
interface RawLibpodContainer {
  Id?: string;
  Pod?: string;
  PodName?: string;
  IsInfra?: boolean;
}

/** Most container IDs kept; beyond it the memory is dropped and rebuilt from the next listing. */
const MAX_KEPT = 20_000;

export class PodMembership {
  /** Container ID → its pod, or null when in none. */
  private readonly known = new Map<string, ContainerPod | null>();

  constructor(private readonly engine: Engine) {}

  /**
   * The pod of each of `ids` (null: in no pod, or a Docker engine). IDs not known yet are asked in one libpod
   * list filtered by ID (all of them when `all`, the full list being wanted anyway).
   * @throws BerthError from the engine (unreachable, …); on Docker never (nothing is sent).
   */
  async of(ids: readonly string[], all = false): Promise<Map<string, ContainerPod | null>> {
    const out = new Map<string, ContainerPod | null>();
    if (ids.length === 0 || (await this.engine.kind()) !== 'podman') {
      for (const id of ids) out.set(id, null);
      return out;
    }
    const unknown = ids.filter((id) => !this.known.has(id));
    if (unknown.length > 0) {
      if (all || this.known.size + unknown.length > MAX_KEPT) this.known.clear();
      const raw = await this.engine.call((d) =>
        dial<RawLibpodContainer[] | null>(d, {
          path: '/v4.0.0/libpod/containers/json',
          method: 'GET',
          query: all ? { all: true } : { all: true, filters: JSON.stringify({ id: unknown }) },
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        }),
      );
      for (const c of raw ?? []) if (c.Id) this.known.set(c.Id, c.Pod ? { id: c.Pod, name: c.PodName || c.Pod.slice(0, 12), infra: c.IsInfra === true } : null);
      // Gone before the answer, or not listed: in no pod as far as anyone can tell now (asked again next time).
      for (const id of unknown) if (!this.known.has(id)) out.set(id, null);
    }
    for (const id of ids) if (!out.has(id)) out.set(id, this.known.get(id) ?? null);
    return out;
  }
}
