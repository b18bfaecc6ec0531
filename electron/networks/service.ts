/** `docker network ls|create|rm|connect|disconnect`, with each network's subnets and attached containers. */
import type { z } from 'zod';
import type { NetworkSummary, ResourceArgs } from '../../shared/resources';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { engineTime } from '../engine/time';

/** The engine's own networks: never removable. */
const BUILTIN = new Set(['bridge', 'host', 'none', 'podman']);

export class NetworksService {
  constructor(private readonly engine: Engine) {}

  /**
   * Every network with its IPAM config (`GET /networks` carries it). Attached containers and their addresses
   * come from the container list: a network's own answer names only running endpoints, and a created or
   * stopped container stays connected. Two requests, whatever the number of networks.
   */
  async list(): Promise<NetworkSummary[]> {
    const [detailed, containers] = await Promise.all([this.engine.call((d) => d.listNetworks()), this.engine.call((d) => d.listContainers({ all: true }))]);
    const attached = new Map<string, { id: string; name: string; ipv4: string }[]>();
    // A stopped container's endpoints have no NetworkID: match by the network's name (the key).
    const byName = new Map(detailed.map((n) => [n.Name, n]));
    for (const c of containers) {
      for (const [netName, ep] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
        const net = (ep.NetworkID && detailed.find((n) => n.Id === ep.NetworkID)) || byName.get(netName);
        if (!net) continue;
        const entry = { id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ''), ipv4: ep.IPAddress ? `${ep.IPAddress}/${ep.IPPrefixLen}` : '' };
        attached.set(net.Id, [...(attached.get(net.Id) ?? []), entry]);
      }
    }
    return detailed.map((n) => ({
      id: n.Id,
      name: n.Name,
      driver: n.Driver,
      scope: n.Scope,
      internal: Boolean(n.Internal),
      subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s),
      containers: attached.get(n.Id) ?? [],
      builtin: BUILTIN.has(n.Name),
      created: engineTime(n.Created),
    }));
  }

  /** `docker network create [--driver D] [--subnet S] [--internal] NAME`. @throws BerthError `Conflict`, `EngineError`. */
  async create(a: z.infer<typeof ResourceArgs.networkCreate>): Promise<{ id: string }> {
    const n = await this.engine.call((d) =>
      d.createNetwork({
        Name: a.name,
        Driver: a.driver,
        Internal: a.internal,
        CheckDuplicate: true,
        ...(a.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: a.subnet }] } } : {}),
      }),
    );
    return { id: n.id };
  }

  /** `docker network rm`. Built-in networks are refused before the engine is asked. */
  async remove(a: z.infer<typeof ResourceArgs.networkRemove>): Promise<null> {
    if (BUILTIN.has(a.id)) throw new BerthError('Conflict', `${a.id} is one of the engine's own networks and cannot be removed`);
    await this.engine.call((d) => d.getNetwork(a.id).remove());
    return null;
  }

  async connect(a: z.infer<typeof ResourceArgs.networkConnect>): Promise<null> {
    await this.engine.call((d) => d.getNetwork(a.network).connect({ Container: a.container }));
    return null;
  }

  async disconnect(a: z.infer<typeof ResourceArgs.networkDisconnect>): Promise<null> {
    await this.engine.call((d) => d.getNetwork(a.network).disconnect({ Container: a.container, Force: a.force }));
    return null;
  }
}
