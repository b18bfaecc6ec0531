/**
 * Docker Swarm as Berth shows it (issue #16): the engine's own orchestrator, read from a manager's
 * `/info`, `/nodes`, `/services` and `/tasks` (Engine API 1.41, Docker 20.10). Times are ms since the
 * epoch (null where the engine says "never"), counts are plain numbers.
 *
 * Sources: moby `api/types/swarm` (node.go, service.go, task.go: the enums below are theirs),
 * docker/cli `cli/command/service/list.go` and `formatter` (replicas "running/desired", task names
 * `service.slot` or `service.nodeID` for global services).
 */
import { z } from 'zod';

/** `/info` `Swarm.LocalNodeState`. */
export const SwarmState = z.enum(['inactive', 'pending', 'active', 'error', 'locked']);
export type SwarmState = z.infer<typeof SwarmState>;

/**
 * What this engine is in a swarm: `manager` when it can answer cluster questions (`ControlAvailable`),
 * `worker` when it is an active member without control, `none` otherwise.
 */
export const SwarmRole = z.enum(['manager', 'worker', 'none']);
export type SwarmRole = z.infer<typeof SwarmRole>;

/** This engine's place in a swarm, from `GET /info` (`Swarm`). */
export const SwarmInfo = z.object({
  state: SwarmState,
  role: SwarmRole,
  /** This engine's node ID in the swarm; null when not in one. */
  nodeId: z.string().nullable(),
  /** The address this node advertises to the others (`NodeAddr`); null when not in a swarm. */
  nodeAddress: z.string().nullable(),
  /** The cluster's ID: managers only (workers do not know it), else null. */
  clusterId: z.string().nullable(),
  /** Number of managers and of nodes in the cluster: managers only, else null. */
  managers: z.number().int().nullable(),
  nodes: z.number().int().nullable(),
  /** Managers this node knows (`RemoteManagers`): where a worker's questions can go. */
  remoteManagers: z.array(z.object({ nodeId: z.string(), address: z.string() })),
  /** The engine's own error for state `error` (`Swarm.Error`), else null. */
  error: z.string().nullable(),
  /** Why this engine can never be in a swarm (Podman), else null. */
  unsupported: z.string().nullable(),
});
export type SwarmInfo = z.infer<typeof SwarmInfo>;

/** One node of the swarm (`docker node ls`, inspected). */
export const SwarmNode = z.object({
  id: z.string(),
  hostname: z.string(),
  role: z.enum(['manager', 'worker']),
  /** Whether the scheduler may place tasks on it (`Spec.Availability`). */
  availability: z.enum(['active', 'pause', 'drain']),
  /** `Status.State`. */
  status: z.enum(['unknown', 'down', 'ready', 'disconnected']),
  /** `Status.Message`, e.g. why a node is down; empty when none. */
  statusMessage: z.string(),
  /** The node's Docker Engine version (`Description.Engine.EngineVersion`); empty when unknown. */
  engineVersion: z.string(),
  /** The node's address as the managers see it (`Status.Addr`). */
  address: z.string(),
  /** Managers only: `reachable` / `unreachable` / `unknown` (`ManagerStatus.Reachability`); null for workers. */
  reachability: z.enum(['unknown', 'unreachable', 'reachable']).nullable(),
  /** True for the raft leader. */
  leader: z.boolean(),
  /** True for the node of the engine Berth talks to (the CLI's `*`). */
  self: z.boolean(),
  /** The node's labels set in the swarm (`Spec.Labels`, `docker node update --label-add`). */
  labels: z.record(z.string(), z.string()),
  /** The engine's own labels (`Description.Engine.Labels`, dockerd `--label`). */
  engineLabels: z.record(z.string(), z.string()),
});
export type SwarmNode = z.infer<typeof SwarmNode>;

/** A port a service publishes (`Endpoint.Ports`, else `Spec.EndpointSpec.Ports`). */
export const SwarmPort = z.object({
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  /** The port inside the tasks' containers. */
  targetPort: z.number().int(),
  /** The port published on the nodes; null when the engine chose none yet. */
  publishedPort: z.number().int().nullable(),
  /** `ingress` (the routing mesh, every node) or `host` (only the node running the task). */
  publishMode: z.enum(['ingress', 'host']),
});
export type SwarmPort = z.infer<typeof SwarmPort>;

/** A service's last rolling update or rollback (`UpdateStatus`); null when it never had one. */
export const SwarmUpdateStatus = z.object({
  state: z.enum(['updating', 'paused', 'completed', 'rollback_started', 'rollback_paused', 'rollback_completed']),
  startedAt: z.number().nullable(),
  completedAt: z.number().nullable(),
  message: z.string(),
  /**
   * A paused update or rollback: why, from the task the engine's message names (`update paused due to failure or
   * early termination of task ID`, swarmkit orchestrator/update/updater.go), as `task <state>: <error>` (e.g.
   * `task rejected: No such image: nope:1`), else the newest task error since the update started; null when the
   * engine's tasks say nothing more, and for every other state.
   */
  taskError: z.string().nullable(),
});
export type SwarmUpdateStatus = z.infer<typeof SwarmUpdateStatus>;

/**
 * `--update-parallelism`, `--update-delay`, `--update-failure-action`, `--update-order` (moby `UpdateConfig`; the
 * CLI's defaults: 1, 0s, pause, stop-first). The delay is in ns, the Engine API's unit.
 */
export const UpdateSettings = z
  .object({
    /** Tasks updated at once; 0 updates them all at once. */
    parallelism: z.number().int().min(0).max(10_000),
    /** Wait between two batches, ns. */
    delayNs: z.number().int().min(0).max(365 * 24 * 3600 * 1e9),
    failureAction: z.enum(['pause', 'continue', 'rollback']),
    order: z.enum(['stop-first', 'start-first']),
  })
  .strict();
export type UpdateSettings = z.infer<typeof UpdateSettings>;

/** One service (`docker service ls`, inspected, its replicas counted from its tasks). */
export const SwarmService = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.enum(['replicated', 'global', 'replicated-job', 'global-job']),
  /**
   * Tasks running (current state `running`, whatever their desired state: the Engine API's
   * `ServiceStatus.RunningTasks`, what `docker service ls` shows) and tasks wanted: the replica count for
   * `replicated`, the nodes given a task for `global`, the total completions for `replicated-job`;
   * `stopping` counts the running tasks the engine is stopping (desired state no longer `running`: a scale
   * down, an update, a drain); `completed` counts job tasks that finished (0 for services).
   */
  replicas: z.object({ running: z.number().int(), desired: z.number().int(), stopping: z.number().int(), completed: z.number().int() }),
  /**
   * Why fewer tasks run than wanted, when the engine says: the newest error of its tasks (a rejected
   * task's "No such image: …", a pending task's "no suitable node (…)"); null when all wanted tasks run.
   */
  problem: z.string().nullable(),
  /** The image as the service names it, without its digest, e.g. `nginx:1.25`. */
  image: z.string(),
  /** The pinned digest (`sha256:…`) when the service's image has one (`docker service create` resolves it), else null. */
  imageDigest: z.string().nullable(),
  /**
   * Running tasks (current state `running`) counted by the image their own spec names (task
   * `Spec.ContainerSpec.Image`, digest kept apart): during a rolling update or rollback the tasks of the old spec
   * run beside those of the new. `current` marks the service's own spec image (first, even at 0 running); the
   * others follow, most running first. Empty for a service with no tasks and no image.
   */
  runningImages: z.array(z.object({ image: z.string(), digest: z.string().nullable(), running: z.number().int(), current: z.boolean() })),
  /** The image of `PreviousSpec` (what a rollback goes back to, what an update comes from), without its digest; null when none. */
  previousImage: z.string().nullable(),
  ports: z.array(SwarmPort),
  updateStatus: SwarmUpdateStatus.nullable(),
  /** Its rolling-update settings (`Spec.UpdateConfig`, the CLI's defaults where the spec has none). */
  updateConfig: UpdateSettings,
  /** True when the engine kept a previous spec (`PreviousSpec`: the service was updated): `docker service rollback` can go back to it. */
  canRollback: z.boolean(),
  labels: z.record(z.string(), z.string()),
  createdAt: z.number().nullable(),
  updatedAt: z.number().nullable(),
});
export type SwarmService = z.infer<typeof SwarmService>;

/** `TaskState` of moby's swarm API, in the order a task goes through them. */
export const SwarmTaskState = z.enum([
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
]);
export type SwarmTaskState = z.infer<typeof SwarmTaskState>;

/** One task (`docker service ps`). */
export const SwarmTask = z.object({
  id: z.string(),
  /** As the CLI names it: `service.slot`, or `service.nodeID` for a global service's task. */
  name: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  /** Replicated services' slot (1…replicas); null for global services. */
  slot: z.number().int().nullable(),
  /** The node it was given to; null while unassigned (pending). */
  nodeId: z.string().nullable(),
  /** That node's hostname; null when unassigned or the node left. */
  nodeHostname: z.string().nullable(),
  desiredState: SwarmTaskState,
  state: SwarmTaskState,
  /** `Status.Message`, e.g. "started", or why a task is pending ("no suitable node …"). */
  message: z.string(),
  /** `Status.Err`, the failure the CLI shows under ERROR; null when none. */
  error: z.string().nullable(),
  /** When the task reached its current state. */
  since: z.number().nullable(),
  /** The task's container on its node (full ID); null before it has one. */
  containerId: z.string().nullable(),
  /** The container's exit code once it ended, else null. */
  exitCode: z.number().int().nullable(),
  image: z.string(),
});
export type SwarmTask = z.infer<typeof SwarmTask>;

/**
 * The Swarm view's whole read (`swarm.overview`): this engine's place in a swarm and, on a manager, every node,
 * service and task; on an engine that is not a manager the three lists are empty and `info` says why.
 */
export const SwarmOverview = z.object({ info: SwarmInfo, nodes: z.array(SwarmNode), services: z.array(SwarmService), tasks: z.array(SwarmTask) });
export type SwarmOverview = z.infer<typeof SwarmOverview>;

/**
 * A service or node as the contract accepts it: an ID or a name (service names follow moby's
 * `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, 63 characters at most; hostnames are similar). Used in list filters.
 */
export const SwarmRef = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'a service or node: its ID or name (letters, digits, _ . -, starting with a letter or digit)');

/** Arguments of `swarm.tasks`: every task, or those of one service and/or one node. */
export const SwarmTasksArgs = z.object({ service: SwarmRef.optional(), node: SwarmRef.optional() }).strict();
export type SwarmTasksArgs = z.infer<typeof SwarmTasksArgs>;

/**
 * One change in the swarm (`swarm.changes` topic), from the engine's `service`, `node`, `secret` and `config`
 * events: which kind of object, the engine's action (`create`, `update`, `remove`) and the object's ID.
 */
export const SwarmChange = z.object({
  type: z.enum(['service', 'node', 'secret', 'config']),
  action: z.string(),
  id: z.string(),
});
export type SwarmChange = z.infer<typeof SwarmChange>;
