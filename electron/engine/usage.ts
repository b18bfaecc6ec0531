/**
 * Which containers use what: the one place where images, volumes and networks are joined with the
 * containers that use them, from a single `GET /containers/json?all=1` (running or not: a stopped
 * container still holds its image, its volumes and its network endpoints).
 */
import type Docker from 'dockerode';
import type { Engine } from './engine';

/** A container attached to a network, with its IPv4 address (`a.b.c.d/len`, empty while stopped). */
export interface NetworkUser {
  id: string;
  name: string;
  ipv4: string;
}

export interface ContainerUsage {
  /** Image IDs (without `sha256:`) that some container was created from. */
  images: Set<string>;
  /** Volume name → names of the containers that mount it. */
  volumes: Map<string, string[]>;
  /**
   * The containers attached to a network. A stopped container's endpoint has no NetworkID on Docker, and
   * Podman 4.3 puts the network's *name* there: either way the endpoint's key (the network's name) matches.
   */
  network(n: { Id: string; Name: string }): NetworkUser[];
}

/** `sha256:abc…` and `abc…` alike (Podman's /system/df gives bare IDs). */
export function bareId(id: string): string {
  return id.replace(/^sha256:/, '');
}

function nameOf(c: Docker.ContainerInfo): string {
  return (c.Names?.[0] ?? c.Id).replace(/^\//, '');
}

/** Join a container list into usage maps. Pure; exported for tests. */
export function usageOf(containers: Docker.ContainerInfo[]): ContainerUsage {
  const volumes = new Map<string, string[]>();
  const byNetworkId = new Map<string, NetworkUser[]>();
  const byNetworkName = new Map<string, NetworkUser[]>();
  const push = <K>(m: Map<K, NetworkUser[]>, k: K, u: NetworkUser) => m.set(k, [...(m.get(k) ?? []), u]);
  for (const c of containers) {
    for (const m of c.Mounts ?? []) {
      if (m.Type === 'volume' && m.Name) volumes.set(m.Name, [...(volumes.get(m.Name) ?? []), nameOf(c)]);
    }
    for (const [netName, ep] of Object.entries(c.NetworkSettings?.Networks ?? {})) {
      const user = { id: c.Id, name: nameOf(c), ipv4: ep.IPAddress ? `${ep.IPAddress}/${ep.IPPrefixLen}` : '' };
      if (ep.NetworkID && ep.NetworkID !== netName) push(byNetworkId, ep.NetworkID, user);
      else push(byNetworkName, netName, user);
    }
  }
  return {
    images: new Set(containers.map((c) => bareId(c.ImageID))),
    volumes,
    network: (n) => [...(byNetworkId.get(n.Id) ?? []), ...(byNetworkName.get(n.Name) ?? [])],
  };
}

/** Read the containers once and join. @throws BerthError as Engine.call. */
export async function containerUsage(engine: Engine): Promise<ContainerUsage> {
  return usageOf(await engine.call((d) => d.listContainers({ all: true })));
}
