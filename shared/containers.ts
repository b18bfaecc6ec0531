/**
 * One container in detail (`docker container inspect`), readable first; `raw` is the inspect JSON.
 * Times are ms since the epoch (null when the engine reports its zero time); sizes bytes.
 */
import { z } from 'zod';
import { RestartPolicy } from './run';

export const ContainerMount = z.object({
  /** `bind`, `volume`, `tmpfs`, … */
  type: z.string(),
  /** Host path or volume name. */
  source: z.string(),
  destination: z.string(),
  readOnly: z.boolean(),
});

export const ContainerPort = z.object({
  containerPort: z.number().int(),
  protocol: z.string(),
  /** Published bindings; empty when only exposed. */
  bindings: z.array(z.object({ hostIp: z.string(), hostPort: z.string() })),
});

export const ContainerNetwork = z.object({ name: z.string(), ipAddress: z.string(), gateway: z.string(), macAddress: z.string() });

export const ContainerHealth = z.object({
  /** `starting`, `healthy`, `unhealthy`. */
  status: z.string(),
  failingStreak: z.number().int(),
  /** The last probes, oldest first. */
  log: z.array(z.object({ start: z.number().nullable(), exitCode: z.number().int(), output: z.string() })),
});

export const ContainerDetails = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  created: z.number().nullable(),
  status: z.string(),
  running: z.boolean(),
  exitCode: z.number().int(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  /** Why the engine could not run it, if it said. */
  error: z.string(),
  /** The process: entrypoint and arguments as the engine runs them. */
  command: z.array(z.string()),
  entrypoint: z.array(z.string()),
  cmd: z.array(z.string()),
  workdir: z.string(),
  user: z.string(),
  tty: z.boolean(),
  openStdin: z.boolean(),
  env: z.array(z.string()),
  mounts: z.array(ContainerMount),
  ports: z.array(ContainerPort),
  networks: z.array(ContainerNetwork),
  networkMode: z.string(),
  restart: RestartPolicy,
  autoRemove: z.boolean(),
  health: ContainerHealth.nullable(),
  labels: z.record(z.string(), z.string()),
  raw: z.string(),
});
export type ContainerDetails = z.infer<typeof ContainerDetails>;
