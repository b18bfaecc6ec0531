/**
 * Swarm-scope networks (issue #16): `docker network ls --filter scope=swarm` and `docker network create
 * --driver overlay`, on a manager (a worker cannot create an overlay network; it sees only those its tasks
 * use). Removal goes through the Networks view's own `networks.remove` (electron/networks/service.ts).
 */
import type { SwarmNetwork, SwarmNetworkCreateArgs } from '../../shared/swarm-objects';
import type { Engine } from '../engine/engine';
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
  };
}

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
   * Create an overlay network (`CheckDuplicate`: a name in use is refused with `Conflict`).
   * @throws BerthError `Conflict`, `EngineError` (e.g. a subnet that overlaps), `Unsupported` unless a manager.
   */
  async create(a: SwarmNetworkCreateArgs): Promise<{ id: string }> {
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
    return { id: made.id };
  }
}
