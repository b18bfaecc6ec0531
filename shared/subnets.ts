/**
 * Subnet overlap, as swarm's IP allocator sees it: two networks of one address space may not share an address.
 * An overlay network whose subnet overlaps an allocated one is accepted by the manager's API and then never
 * allocated (moby logs "Pool overlaps with other one on this address space"; its driver stays empty), so
 * Berth checks before asking (review finding 4 of issue #16). IPv4 only, as the Create dialog is.
 */
import ipaddr from 'ipaddr.js';

/** A named network's subnet, e.g. `{ name: 'ov1', subnet: '10.30.0.0/24' }`. */
export interface NamedSubnet {
  name: string;
  subnet: string;
}

/** `[network address, prefix length]` of an IPv4 CIDR text, undefined if it is not one (ipaddr.js). */
function range(cidr: string): [ipaddr.IPv4, number] | undefined {
  try {
    const [, bits] = ipaddr.IPv4.parseCIDR(cidr);
    return [ipaddr.IPv4.networkAddressFromCIDR(cidr), bits];
  } catch {
    return undefined;
  }
}

/**
 * The first of `others` whose subnet shares an address with `subnet` (CIDR, e.g. `10.30.0.0/24` and
 * `10.30.0.128/25` overlap; `10.30.1.0/24` does not), undefined if none does or a text is no IPv4 CIDR.
 * Two CIDR blocks overlap exactly when one holds the other's network address. Pure.
 */
export function overlappingSubnet(subnet: string, others: readonly NamedSubnet[]): NamedSubnet | undefined {
  const a = range(subnet);
  if (!a) return undefined;
  return others.find((o) => {
    const b = range(o.subnet);
    return !!b && (a[0].match(b) || b[0].match(a));
  });
}

/** Every subnet of `networks` (SwarmNetwork's shape), named by its network: what a new subnet must not overlap. Pure. */
export function subnetsOf(networks: readonly { name: string; subnets: readonly { subnet: string }[] }[]): NamedSubnet[] {
  return networks.flatMap((n) => n.subnets.map((s) => ({ name: n.name, subnet: s.subnet })));
}

/** The words for an overlap found by {@link overlappingSubnet}: what the swarm would not say. */
export function overlapText(subnet: string, other: NamedSubnet): string {
  return `subnet ${subnet} overlaps network ${other.name}'s ${other.subnet}: the swarm would accept the network and never allocate it (services on it would stay New); choose another subnet`;
}

/** The smallest overlay subnet Berth asks for: a /29 (8 addresses; swarm takes the network, broadcast and gateway addresses, and a VIP per service). */
export const MAX_PREFIX = 29;

/**
 * Why swarm could never use `subnet` (with `gateway`, if given) for an overlay network, else null: a block smaller
 * than a /29 (a /31 or /32 was accepted by the manager and never allocated), or a gateway that is the block's
 * network or broadcast address or lies outside it. Texts that are no IPv4 CIDR/address are left to the schema. Pure.
 */
export function unusableSubnet(subnet: string, gateway?: string): string | null {
  const r = range(subnet);
  if (!r) return null;
  if (r[1] > MAX_PREFIX) return `a /${r[1]} holds no room for tasks: give a /${MAX_PREFIX} or larger block`;
  if (!gateway || !ipaddr.IPv4.isValidFourPartDecimal(gateway)) return null;
  const g = ipaddr.IPv4.parse(gateway);
  if (!g.match(r)) return `gateway ${gateway} is not in ${subnet}`;
  const broadcast = ipaddr.IPv4.broadcastAddressFromCIDR(subnet).toString();
  if (gateway === r[0].toString() || gateway === broadcast) return `gateway ${gateway} is ${subnet}'s ${gateway === broadcast ? 'broadcast' : 'network'} address: choose one inside it, e.g. ${r[0].toByteArray().map((b, i) => (i === 3 ? b + 1 : b)).join('.')}`;
  return null;
}
