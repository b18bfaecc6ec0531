/**
 * Image management beyond the list: details (inspect + history), prune previews, build options and
 * Dockerfile hints. Sizes are bytes, times ms since the epoch.
 */
import { z } from 'zod';
import { ImageReferenceText } from './reference';

/** An absolute path on the Node side's disk (in serve mode: the server's). */
export const AbsolutePath = z.string().min(1).max(4096).regex(/^\//, 'an absolute path, e.g. /home/me/app');

/** One entry of `docker history`: a Dockerfile instruction and the layer it made (0 bytes for metadata-only steps). */
export const HistoryEntry = z.object({
  created: z.number(),
  createdBy: z.string(),
  size: z.number(),
  comment: z.string(),
  /** True when the instruction added no bytes (ENV, CMD, … — the history endpoint does not say whether a layer was made). */
  emptyLayer: z.boolean(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** What `docker image inspect` and `docker history` say of one image, readable first; `raw` is the inspect JSON. */
export const ImageDetails = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  /** `name@sha256:…` references: the pinned form to put in a Dockerfile's FROM. */
  repoDigests: z.array(z.string()),
  created: z.number(),
  size: z.number(),
  architecture: z.string(),
  os: z.string(),
  variant: z.string().optional(),
  author: z.string().optional(),
  config: z.object({
    entrypoint: z.array(z.string()),
    cmd: z.array(z.string()),
    env: z.array(z.string()),
    exposedPorts: z.array(z.string()),
    volumes: z.array(z.string()),
    labels: z.record(z.string(), z.string()),
    workingDir: z.string(),
    user: z.string(),
    stopSignal: z.string().optional(),
  }),
  /** Diff IDs of the layers, bottom first. */
  layers: z.array(z.string()),
  /** Oldest instruction first. */
  history: z.array(HistoryEntry),
  /** `GET /images/{id}/json` as the engine answered, pretty-printed. */
  raw: z.string(),
});
export type ImageDetails = z.infer<typeof ImageDetails>;

/** `dangling`: untagged images (`docker image prune`); `unused`: every image no container uses (`prune -a`). */
export const PruneMode = z.enum(['dangling', 'unused']);
export type PruneMode = z.infer<typeof PruneMode>;

export const PruneCandidate = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  size: z.number(),
  /** Bytes only this image holds (layers no other image holds): freed if it alone went. */
  uniqueSize: z.number(),
  /**
   * This image's share of the prune's `reclaimable`, in bytes: its layers no image that stays holds; a layer
   * several pruned images share is counted once, at the one with the fewest layers (Σ frees = reclaimable).
   */
  frees: z.number(),
  /** How many images that stay share at least one of its layers (those layers are not freed). */
  sharedWithKept: z.number().int(),
  created: z.number(),
});
export type PruneCandidate = z.infer<typeof PruneCandidate>;

export const PrunePreview = z.object({
  mode: PruneMode,
  images: z.array(PruneCandidate),
  /**
   * Bytes the prune frees, as the engine reckons `SpaceReclaimed` (moby image_prune.go): the diff sizes of the
   * layers no image that stays holds, each once (layers BuildKit's cache keeps are not freed: see toBuildCache).
   */
  reclaimable: z.number(),
  /**
   * Bytes of layers only the pruned images hold that BuildKit's build cache keeps (Docker): not freed by this
   * prune, they become reclaimable build cache (Disk usage → Prune build cache).
   */
  toBuildCache: z.number(),
});
export type PrunePreview = z.infer<typeof PrunePreview>;

export const PruneResult = z.object({
  /** IDs removed. */
  removed: z.array(z.string()),
  /** Listed images left in place, with the engine's reason (e.g. a container now uses it). */
  kept: z.array(z.object({ id: z.string(), reason: z.string() })),
  /**
   * Bytes freed, as Docker's own prune reckons `SpaceReclaimed`: the diff sizes of the layers the removals
   * released (on Podman, whose removals name no layers: the drop of /system/df `LayersSize`).
   */
  reclaimed: z.number(),
});
export type PruneResult = z.infer<typeof PruneResult>;

/** `docker build` options. `dockerfile` is relative to the context (default `Dockerfile`) or absolute. */
export const BuildOptions = z
  .object({
    context: AbsolutePath,
    dockerfile: z.string().max(4096).optional(),
    tag: ImageReferenceText.optional(),
    /** `--build-arg KEY=VALUE`. */
    buildArgs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a build-arg name'), z.string().max(65_536)).optional(),
    target: z.string().max(256).optional(),
    noCache: z.boolean().optional(),
    pull: z.boolean().optional(),
    /** `docker build --network`: the network of RUN steps (default: the engine's bridge). */
    network: z.enum(['default', 'none', 'host']).optional(),
    /** `auto`: BuildKit on Docker, the classic builder on Podman (which has no BuildKit session endpoint) or when BuildKit is refused. */
    builder: z.enum(['auto', 'buildkit', 'classic']).optional(),
  })
  .strict();
export type BuildOptions = z.infer<typeof BuildOptions>;

/** A reproducibility hint on a Dockerfile's FROM line. */
export const FromHint = z.object({
  /** 1-based line of the FROM instruction. */
  line: z.number(),
  image: z.string(),
  /** Why it is not reproducible, or null when pinned by digest. */
  warning: z.string().nullable(),
  /** Digest references of the local image of that name, to paste in place of the tag. */
  digests: z.array(z.string()),
});
export type FromHint = z.infer<typeof FromHint>;
