/** `docker network ls|create|rm|connect|disconnect`, with each network's subnets and attached containers. */
import type { z } from 'zod';
import type { NetworkSummary, ResourceArgs } from '../../shared/resources';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { engineTime } from '../engine/time';
import { containerUsage } from '../engine/usage';

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
    const [detailed, usage] = await Promise.all([this.engine.call((d) => d.listNetworks()), containerUsage(this.engine)]);
    return detailed.map((n) => ({
      id: n.Id,
      name: n.Name,
      driver: n.Driver,
      scope: n.Scope,
      internal: Boolean(n.Internal),
      subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => !!s),
      containers: usage.network(n),
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
    try {
      await this.engine.call((d) => d.getNetwork(a.id).remove());
    } catch (err) {
      throw await this.inUse(err, a.id);
    }
    return null;
  }

  /**
   * A swarm's refusal to remove a network in use, said with names: the manager answers
   * `rpc error: code = FailedPrecondition desc = network <ID> is in use by service <ID>`. Anything else is
   * returned as it came.
   * @returns the error to throw: BerthError `Conflict` naming the network and the service.
   */
  private async inUse(err: unknown, id: string): Promise<unknown> {
    const m = err instanceof BerthError ? /network \S+ is in use by service (\S+)/.exec(err.message) : null;
    if (!m) return err;
    const name = async <T>(read: () => Promise<T>, pick: (x: T) => string | undefined, fallback: string) => {
      try {
        return pick(await read()) ?? fallback;
      } catch {
        return fallback;
      }
    };
    const network = await name(() => this.engine.call((d) => d.getNetwork(id).inspect() as Promise<{ Name?: string }>), (n) => n.Name, id);
    const service = await name(() => this.engine.call((d) => d.getService(m[1]!).inspect() as Promise<{ Spec?: { Name?: string } }>), (s) => s.Spec?.Name, m[1]!);
    return new BerthError('Conflict', `network ${network} is in use by service ${service}: remove the service, or update it off this network, first`);
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
