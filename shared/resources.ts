/**
 * Volumes, networks and disk usage (`docker volume`, `docker network`, `docker system df`). Sizes are
 * bytes (null where the engine does not know), times ms since the epoch.
 */
import { z } from 'zod';
import { CONTAINER_NAME } from './run';
import { ContainerRef, NetworkRef, VolumeRef } from './refs';

export const VolumeSummary = z.object({
  name: z.string(),
  driver: z.string(),
  mountpoint: z.string(),
  scope: z.string(),
  created: z.number().nullable(),
  labels: z.record(z.string(), z.string()),
  /** From `/system/df`: bytes on disk (local driver), null when unknown. */
  size: z.number().nullable(),
  /** Names of the containers (running or not) that mount it. */
  usedBy: z.array(z.string()),
});
export type VolumeSummary = z.infer<typeof VolumeSummary>;

export const NetworkSummary = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  internal: z.boolean(),
  /** Subnets in CIDR notation (IPAM config). */
  subnets: z.array(z.string()),
  /** Containers attached, with their IPv4 address in this network. */
  containers: z.array(z.object({ id: z.string(), name: z.string(), ipv4: z.string() })),
  /** `bridge`, `host`, `none` (and Podman's `podman`): the engine's own, never removed. */
  builtin: z.boolean(),
  created: z.number().nullable(),
});
export type NetworkSummary = z.infer<typeof NetworkSummary>;

/** One line of `docker system df`. */
export const DiskUsageLine = z.object({
  kind: z.enum(['images', 'containers', 'volumes', 'buildCache']),
  total: z.number(),
  active: z.number(),
  /** Bytes. */
  size: z.number(),
  /** Bytes that removing what is unused would free, as `docker system df` reckons it. */
  reclaimable: z.number(),
});
export type DiskUsageLine = z.infer<typeof DiskUsageLine>;

/** Volume names: as container names (moby `volume/local`), 2–255 characters. */
export const VolumeName = z.string().min(2).max(255).regex(CONTAINER_NAME, 'volume names use letters, digits, _ . - and start with a letter or digit');
export const NetworkName = z.string().min(1).max(255).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'network names use letters, digits, _ . - and start with a letter or digit');
const Labels = z.record(z.string().min(1).max(1024), z.string().max(65_536));
export const Cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/, 'a subnet in CIDR notation, e.g. 10.10.0.0/24');

/** A path inside a volume: relative to its root, no `..` component. */
export const VolumePath = z
  .string()
  .max(4096)
  .refine((p) => !p.split('/').includes('..'), 'a path inside the volume cannot contain ..');

/** One entry of a volume folder. Sizes in bytes (a folder: everything under it), times ms since the epoch. */
export const VolumeEntry = z.object({
  name: z.string(),
  type: z.enum(['file', 'dir', 'symlink', 'other']),
  size: z.number(),
  mtime: z.number().nullable(),
  /** Where a symlink points, as stored. */
  linkTarget: z.string().optional(),
});
export type VolumeEntry = z.infer<typeof VolumeEntry>;

/** A folder of a volume, read through a helper container that is created, never started, and removed. */
export const VolumeListing = z.object({
  volume: z.string(),
  /** The folder listed, normalised: `''` for the root, else `a/b`. */
  path: z.string(),
  entries: z.array(VolumeEntry),
  /** The folder held more than Berth reads at once (VOLUME_BROWSE_LIMIT entries under it): sizes are partial. */
  truncated: z.boolean(),
  /** The local image the helper container was made from. */
  helperImage: z.string(),
});
export type VolumeListing = z.infer<typeof VolumeListing>;

/** A build-cache entry (`docker buildx du`): bytes, time ms since the epoch. */
export const BuildCacheEntry = z.object({
  id: z.string(),
  /** `regular`, `source.local`, `exec.cachemount`, `frontend`, … */
  type: z.string(),
  /** What made it, e.g. `mount / from exec /bin/sh -c npm ci`. */
  description: z.string(),
  size: z.number(),
  /** Also part of an image: removing it frees nothing until the image goes. */
  shared: z.boolean(),
  lastUsed: z.number().nullable(),
});
export type BuildCacheEntry = z.infer<typeof BuildCacheEntry>;

/** What a build-cache prune would remove now; `reclaimable` counts entries not shared. */
export const BuildCachePreview = z.object({ entries: z.array(BuildCacheEntry), reclaimable: z.number(), supported: z.boolean() });
export type BuildCachePreview = z.infer<typeof BuildCachePreview>;

/** Entries under a folder read at most for one listing (the engine sends the whole subtree as a tar). */
export const VOLUME_BROWSE_LIMIT = 20_000;

export const ResourceArgs = {
  volumeCreate: z.object({ name: VolumeName.optional(), driver: z.string().min(1).max(256), labels: Labels }).strict(),
  volumeRemove: z.object({ name: VolumeRef, force: z.boolean() }).strict(),
  volumePrune: z.object({ names: z.array(VolumeRef).min(1).max(10_000) }).strict(),
  buildCachePrune: z.object({ ids: z.array(z.string().min(1).max(256)).min(1).max(100_000) }).strict(),
  /** `path` inside the volume, `/`-separated, relative to its root (`''` or `/` for the root); no `..`. */
  volumeBrowse: z.object({ name: VolumeRef, path: VolumePath }).strict(),
  volumeSaveFile: z.object({ name: VolumeRef, path: VolumePath.refine((p) => p.replace(/^\/+|\/+$/g, '') !== '', 'name a file'), target: z.string().min(1).max(4096), overwrite: z.boolean().optional() }).strict(),
  networkCreate: z.object({ name: NetworkName, driver: z.string().min(1).max(256), subnet: Cidr.optional(), internal: z.boolean() }).strict(),
  networkRemove: z.object({ id: NetworkRef }).strict(),
  networkConnect: z.object({ network: NetworkRef, container: ContainerRef }).strict(),
  networkDisconnect: z.object({ network: NetworkRef, container: ContainerRef, force: z.boolean() }).strict(),
};
