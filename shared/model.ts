/**
 * Berth's domain model: the shapes of engine objects as Berth shows them, as zod schemas with the
 * TypeScript types inferred from them. Both sides import these; nothing here touches Node or the DOM.
 *
 * Field names follow the Docker Engine API's concepts (image, container, digest, tag) in camelCase.
 * Times are milliseconds since the Unix epoch; sizes are bytes.
 */
import { z } from 'zod';

/** Container states as the Engine API reports them (`State` in `GET /containers/json`). */
export const ContainerState = z.enum(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
export type ContainerState = z.infer<typeof ContainerState>;

/** One published or exposed port of a container (`Ports[]` in `GET /containers/json`). */
export const PortBinding = z.object({
  /** Port inside the container. */
  privatePort: z.number().int(),
  /** Port on the host, when published. */
  publicPort: z.number().int().optional(),
  /** Host address the port is bound to, when published. */
  ip: z.string().optional(),
  /** `tcp`, `udp` or `sctp`. */
  type: z.string(),
});
export type PortBinding = z.infer<typeof PortBinding>;

/** A container as listed by `docker ps -a`. */
/** The Podman pod a container belongs to (libpod's `Pod`, `PodName`, `IsInfra`). */
export const ContainerPod = z.object({
  /** The pod's full ID. */
  id: z.string(),
  name: z.string(),
  /** True for the pod's infra container (the one holding its namespaces, `<pod id>-infra`). */
  infra: z.boolean(),
});
export type ContainerPod = z.infer<typeof ContainerPod>;

export const ContainerSummary = z.object({
  /** Full 64-hex container ID. */
  id: z.string(),
  /** Primary name without the leading slash. */
  name: z.string(),
  /** Image reference the container was created from, as the user gave it. */
  image: z.string(),
  /** ID (`sha256:…`) of the image the container runs. */
  imageId: z.string(),
  /** Command line, as the engine summarises it. */
  command: z.string(),
  /** Creation time, ms since the epoch. */
  created: z.number(),
  state: ContainerState,
  /**
   * Status text as `docker ps` words it (`Up 5 minutes`, `Exited (3) 2 seconds ago`), as of when the Node side
   * last refreshed this container; it does not age. Views derive a live one from the times below with
   * `containerStatusText` (shared/container-status.ts) and fall back to this while they are null.
   */
  status: z.string(),
  /** When the current (or last) run started, ms since the epoch; null when never started or not yet inspected. */
  startedAt: z.number().nullable(),
  /** When the last run ended, ms since the epoch; null while running, never run, or not yet inspected. */
  finishedAt: z.number().nullable(),
  /** Exit code of the last run; null when never run or not known yet. */
  exitCode: z.number().int().nullable(),
  /** Health-check status (`starting`, `healthy`, `unhealthy`); null without a health check or not known yet. */
  health: z.string().nullable(),
  ports: z.array(PortBinding),
  labels: z.record(z.string(), z.string()),
  /** Podman only: the pod the container is in; null or absent when in none (always on Docker). */
  pod: ContainerPod.nullable().optional(),
});
export type ContainerSummary = z.infer<typeof ContainerSummary>;

/** An image as listed by `docker images` (one entry per image ID, with all its tags). */
export const ImageSummary = z.object({
  /** Image ID, `sha256:<64 hex>`. */
  id: z.string(),
  /** `repository:tag` references; empty for a dangling image. */
  repoTags: z.array(z.string()),
  /** `repository@sha256:…` digests known for this image. */
  repoDigests: z.array(z.string()),
  /** Total size in bytes, shared layers included. */
  size: z.number(),
  /** Creation time, ms since the epoch. */
  created: z.number(),
  labels: z.record(z.string(), z.string()),
});
export type ImageSummary = z.infer<typeof ImageSummary>;

/** Which engine Berth talks to and what it says of itself. */
export const EngineInfo = z.object({
  /** `docker` for Docker Engine, `podman` for Podman's Docker-compatible API. */
  kind: z.enum(['docker', 'podman']),
  /** Engine version, e.g. `20.10.24`. */
  version: z.string(),
  /** Engine API version, e.g. `1.41`. */
  apiVersion: z.string(),
  os: z.string(),
  arch: z.string(),
  /** Where the engine is, as Berth reached it: `unix:///var/run/docker.sock`, `tcp://host:2376`. */
  host: z.string(),
  /** Runs without root (`name=rootless` in `/info` SecurityOptions); absent when `/info` did not answer. */
  rootless: z.boolean().optional(),
});
export type EngineInfo = z.infer<typeof EngineInfo>;

/** The connection to the engine, as the status bar shows it. */
export const EngineStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('connecting'), host: z.string() }),
  z.object({ state: z.literal('connected'), host: z.string(), info: EngineInfo }),
  z.object({
    state: z.literal('unreachable'),
    host: z.string(),
    /** Readable reason, e.g. `connect ENOENT /var/run/docker.sock`. */
    error: z.string(),
    /** Delay before the next attempt, ms. */
    retryInMs: z.number(),
  }),
]);
export type EngineStatus = z.infer<typeof EngineStatus>;

/**
 * A change to a live list: a full snapshot (on subscribe, connect and reconnect), or one object inserted or
 * updated, or one object removed by ID. Clients apply deltas to the list they hold.
 */
export function listDelta<T extends z.ZodType>(item: T) {
  return z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('snapshot'), items: z.array(item) }),
    z.object({ kind: z.literal('upsert'), item }),
    z.object({ kind: z.literal('remove'), id: z.string() }),
  ]);
}
export type ListDelta<T> = { kind: 'snapshot'; items: T[] } | { kind: 'upsert'; item: T } | { kind: 'remove'; id: string };
