/**
 * Podman pods (`podman pod …`, libpod API `/libpod/pods/…`) and Kubernetes YAML (`podman kube play` /
 * `kube generate`, `/libpod/play/kube` and `/libpod/generate/kube`). Docker has no pods: on a Docker engine
 * every method answers `Unsupported`, saying pods need Podman.
 */
import { z } from 'zod';
import { RESTRICTED_NAME, HEX_ID } from './refs';

/** A pod: its ID (full or any prefix) or its name (Podman's names follow the container name pattern). */
export const PodRef = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => HEX_ID.test(s) || RESTRICTED_NAME.test(s), 'not a pod ID or name: use letters, digits, _ . - and start with a letter or digit');

/** A pod's container as the pod list names it. */
export const PodContainer = z.object({
  id: z.string(),
  name: z.string(),
  /** Podman's state word: `running`, `exited`, `created`, `paused`, … */
  state: z.string(),
  /** True for the pod's infra container (holds the namespaces; Debian's catatonit). */
  infra: z.boolean(),
});
export type PodContainer = z.infer<typeof PodContainer>;

export const PodSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** Podman's pod status: `Running`, `Degraded` (some containers stopped), `Exited`, `Created`, `Paused`, … */
  status: z.string(),
  /** ms since the epoch. */
  created: z.number(),
  /** The infra container's ID, empty for a pod without one. */
  infraId: z.string(),
  containers: z.array(PodContainer),
  networks: z.array(z.string()),
  /** Published ports of the infra container, as `docker ps` prints them: `0.0.0.0:8080->80/tcp`. */
  ports: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
});
export type PodSummary = z.infer<typeof PodSummary>;

/** Kubernetes YAML, as text: 1 MiB at most (a pod file is a few KiB). */
export const KubeYaml = z.string().min(1).max(1024 * 1024);

/** What `kube play` made: pods with their containers, and the engine's per-container errors. */
export const PlayResult = z.object({
  pods: z.array(z.object({ id: z.string(), containers: z.array(z.string()), errors: z.array(z.string()) })),
});
export type PlayResult = z.infer<typeof PlayResult>;
