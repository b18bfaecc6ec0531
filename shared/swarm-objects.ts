/**
 * What a swarm manager changes on its own objects (issue #16): node role, availability and labels
 * (`docker node update|promote|demote|rm`), secrets and configs (`docker secret|config ls|create|rm`) and
 * swarm-scope overlay networks (`docker network create --driver overlay`). Times are ms since the epoch.
 *
 * A secret's or config's data is never read back: the lists carry names, IDs, times and labels only (one
 * rule for both, though the engine does return a config's data). Data travels once, base64-encoded as the
 * Engine API wants it (`SecretSpec.Data`, `ConfigSpec.Data`), from the page to the engine.
 *
 * Sources: moby `api/types/swarm` (node.go, secret.go, config.go), swarmkit `api/validation` (names, sizes:
 * checked on Docker 20.10.24: secret data must be 1…511,999 bytes, config data 1…1,023,999 bytes).
 */
import { z } from 'zod';
import { unusableSubnet } from './subnets';
import { SwarmRef } from './swarm';

/** A secret or config name as swarmkit allows it: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, 64 characters at most. */
export const SwarmObjectName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'a name of letters, digits, _ . -, starting with a letter or digit, 64 characters at most');

/** Swarm data limits, bytes: the engine refuses data of this size or more (swarmkit `MaxSecretSize`, `MaxConfigSize`). */
export const SWARM_DATA_LIMIT = { secret: 500 * 1024, config: 1000 * 1024 } as const;

/** A label key (as Docker's `--label`) and value. */
/** A swarm label's key: no spaces, `=` nor control characters (a NUL was stored on a node before). */
export const LabelKey = z.string().min(1).max(256).regex(/^[^\s=\p{Cc}]+$/u, 'a label key: no spaces, = or control characters');
/** The longest label value Berth sends, characters. */
export const LABEL_VALUE_MAX = 4096;
/** Swarm labels: at most 64, values up to LABEL_VALUE_MAX characters. */
export const Labels = z.record(LabelKey, z.string().max(LABEL_VALUE_MAX, `a label value of at most ${LABEL_VALUE_MAX} characters`)).refine((l) => Object.keys(l).length <= 64, 'at most 64 labels');

/**
 * Arguments of `swarm.updateNode`: any of a new role (`docker node promote|demote`), availability
 * (`docker node update --availability`), labels to add or set (`--label-add`) and label keys to remove (`--label-rm`).
 */
export const SwarmNodeUpdateArgs = z
  .object({
    node: SwarmRef,
    role: z.enum(['manager', 'worker']).optional(),
    availability: z.enum(['active', 'pause', 'drain']).optional(),
    labelsAdd: Labels.optional(),
    labelsRemove: z.array(LabelKey).max(64).optional(),
  })
  .strict()
  .refine((a) => a.role || a.availability || Object.keys(a.labelsAdd ?? {}).length || a.labelsRemove?.length, 'nothing to change');
export type SwarmNodeUpdateArgs = z.infer<typeof SwarmNodeUpdateArgs>;

/** Arguments of `swarm.removeNode` (`docker node rm [--force]`): a node that is not down needs `force`. */
export const SwarmNodeRemoveArgs = z.object({ node: SwarmRef, force: z.boolean() }).strict();
export type SwarmNodeRemoveArgs = z.infer<typeof SwarmNodeRemoveArgs>;

/** A secret or a config as listed (`docker secret ls` / `docker config ls`): never its data. */
export const SwarmObject = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.number().nullable(),
  updatedAt: z.number().nullable(),
  labels: z.record(z.string(), z.string()),
});
export type SwarmObject = z.infer<typeof SwarmObject>;

/** Standard base64 (RFC 4648 §4, padded), at most the encoding of the config limit. */
const Base64 = z
  .string()
  .min(4)
  .max(Math.ceil(SWARM_DATA_LIMIT.config / 3) * 4)
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/, 'the data, base64-encoded');

/**
 * Arguments of `swarm.createSecret` and `swarm.createConfig`: a name, the data base64-encoded (bounded by
 * the kind's limit, {@link SWARM_DATA_LIMIT}, checked on the decoded bytes by the Node side) and labels.
 */
export const SwarmObjectCreateArgs = z.object({ name: SwarmObjectName, data: Base64, labels: Labels }).strict();
export type SwarmObjectCreateArgs = z.infer<typeof SwarmObjectCreateArgs>;

/** Arguments of `swarm.removeSecret` / `swarm.removeConfig`: the ID or name. */
export const SwarmObjectRemoveArgs = z.object({ id: SwarmRef }).strict();
export type SwarmObjectRemoveArgs = z.infer<typeof SwarmObjectRemoveArgs>;

/** A swarm-scope network (`docker network ls --filter scope=swarm`): overlay networks and the ingress. */
export const SwarmNetwork = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  /** The routing mesh's own network (`Ingress`): made by the swarm, removed only by hand. */
  ingress: z.boolean(),
  /** Standalone containers may join it (`--attachable`). */
  attachable: z.boolean(),
  /** No traffic leaves it (`--internal`). */
  internal: z.boolean(),
  /** Subnets and gateways (IPAM config). */
  subnets: z.array(z.object({ subnet: z.string(), gateway: z.string().nullable() })),
  labels: z.record(z.string(), z.string()),
  created: z.number().nullable(),
  /**
   * The manager's allocator gave it its subnet and driver. False for a network it could not allocate (e.g. a
   * subnet overlapping another network's): services on it never start; also for a few ms after a create.
   */
  allocated: z.boolean(),
});
export type SwarmNetwork = z.infer<typeof SwarmNetwork>;

const IPv4 = z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'an IPv4 address, e.g. 10.20.0.1');
const Cidr4 = z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/([0-9]|[12]\d|3[0-2])$/, 'a subnet in CIDR notation, e.g. 10.20.0.0/24');

/**
 * Arguments of `swarm.createNetwork` (`docker network create --driver overlay [--attachable] [--internal]
 * [--subnet S [--gateway G]] NAME`): a gateway only with a subnet.
 */
export const SwarmNetworkCreateArgs = z
  .object({ name: SwarmObjectName, attachable: z.boolean(), internal: z.boolean(), subnet: Cidr4.optional(), gateway: IPv4.optional(), labels: Labels.optional() })
  .strict()
  .refine((a) => !a.gateway || a.subnet, 'a gateway needs a subnet')
  .superRefine((a, ctx) => {
    const why = a.subnet ? unusableSubnet(a.subnet, a.gateway) : null;
    if (why) ctx.addIssue({ code: 'custom', message: why, path: [a.gateway && !why.startsWith('a /') ? 'gateway' : 'subnet'] });
  });
export type SwarmNetworkCreateArgs = z.infer<typeof SwarmNetworkCreateArgs>;
