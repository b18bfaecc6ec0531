/**
 * Swarm-scope networks (issue #16): `docker network ls --filter scope=swarm` and `docker network create
 * --driver overlay`, on a manager (a worker cannot create an overlay network; it sees only those its tasks
 * use). Removal goes through the Networks view's own `networks.remove` (electron/networks/service.ts).
 */
import { setTimeout as delay } from 'node:timers/promises';
import pLimit from 'p-limit';
import { overlappingSubnet, overlapText, subnetsOf } from '../../shared/subnets';
import type { SwarmNetwork, SwarmNetworkCreateArgs } from '../../shared/swarm-objects';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { engineTime } from '../engine/time';
import { managerOnly } from './manage';

/** A `/networks` entry as far as Berth reads it here. */
interface RawNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Ingress?: boolean;
  Attachable?: boolean;
  Internal?: boolean;
  Created?: string;
  Labels?: Record<string, string> | null;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null };
}

/** A `/networks` entry as {@link SwarmNetwork}. Pure. */
export function toSwarmNetwork(n: RawNetwork): SwarmNetwork {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver ?? '',
    ingress: n.Ingress === true,
    attachable: n.Attachable === true,
    internal: n.Internal === true,
    subnets: (n.IPAM?.Config ?? []).filter((c) => c.Subnet).map((c) => ({ subnet: c.Subnet!, gateway: c.Gateway ? c.Gateway : null })),
    labels: { ...(n.Labels ?? {}) },
    created: engineTime(n.Created),
    // The manager fills Driver (and IPAM) once its allocator has given the network its subnet and VXLAN ID;
    // one it could not allocate keeps an empty driver for good (e.g. an overlapping subnet).
    allocated: !!n.Driver,
  };
}

/** How long `create` waits for the manager's allocator to take a new network (ms); it takes a few ms. */
export const ALLOCATE_WAIT_MS = 3000;
/** How often `create` looks meanwhile (ms). */
const ALLOCATE_POLL_MS = 50;
/**
 * One overlay create at a time in this process: the overlap check reads the networks, then creates; two creates
 * of one subnet at once (two tabs) both passed the check and one was never allocated (review 16c). Another client
 * of the same manager (the CLI) can still race it; the listing then says "not allocated".
 */
const oneCreate = pLimit(1);

export class SwarmNetworks {
  constructor(private readonly engine: Engine) {}

  /**
   * The swarm-scope networks, by name (the ingress and every overlay network).
   * @throws BerthError `Unsupported` unless a manager.
   */
  async list(): Promise<SwarmNetwork[]> {
    // A worker also lists swarm-scope networks (those in use on it): ask a manager-only question first.
    const [raw] = await managerOnly(this.engine, 'lists the swarm’s networks', (d) => Promise.all([d.listNetworks({ filters: { scope: ['swarm'] } }) as Promise<RawNetwork[]>, d.swarmInspect()]));
    return raw.map(toSwarmNetwork).sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Create an overlay network (`CheckDuplicate`: a name in use is refused with `Conflict`), after checking
   * that its subnet overlaps no swarm network's (the manager would accept it and never allocate it), then wait
   * up to ALLOCATE_WAIT_MS for the allocator: `allocated` false means it still has no driver (the swarm could
   * not allocate it; services on it stay New), which the caller must say.
   * @throws BerthError `Conflict` (name in use, or a subnet overlapping another network's), `EngineError`,
   *   `Unsupported` unless a manager.
   */
  create(a: SwarmNetworkCreateArgs): Promise<{ id: string; allocated: boolean }> {
    return oneCreate(() => this.createNow(a));
  }

  /** `create`'s work, one at a time. */
  private async createNow(a: SwarmNetworkCreateArgs): Promise<{ id: string; allocated: boolean }> {
    if (a.subnet) {
      const other = overlappingSubnet(a.subnet, subnetsOf(await this.list()));
      if (other) throw new BerthError('Conflict', overlapText(a.subnet, other));
    }
    const made = await managerOnly(this.engine, 'creates overlay networks', (d) =>
      d.createNetwork({
        Name: a.name,
        Driver: 'overlay',
        CheckDuplicate: true,
        Attachable: a.attachable,
        Internal: a.internal,
        Labels: a.labels ?? {},
        ...(a.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: a.subnet, ...(a.gateway ? { Gateway: a.gateway } : {}) }] } } : {}),
      }),
    );
    return { id: made.id, allocated: await this.allocated(made.id) };
  }

  /** Whether the network `id` gets its driver within ALLOCATE_WAIT_MS (it is inspected every 50 ms). */
  private async allocated(id: string): Promise<boolean> {
    const end = Date.now() + ALLOCATE_WAIT_MS;
    for (;;) {
      const n = (await this.engine.docker.getNetwork(id).inspect()) as RawNetwork;
      if (n.Driver) return true;
      if (Date.now() >= end) return false;
      await delay(ALLOCATE_POLL_MS);
    }
  }
}
