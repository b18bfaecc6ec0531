/**
 * The contract's Swarm methods (issue #16), spread into shared/api.ts `methods`: `{ args, result }` schemas, names
 * in shared/names.ts `SWARM_METHOD_NAMES`. Every one but `swarm.info` needs the engine to be a swarm manager.
 */
import { z } from 'zod';
import { SavedLogResult } from './logs';
import { SwarmInfo, SwarmNode, SwarmOverview, SwarmService, SwarmTask, SwarmTasksArgs } from './swarm';
import { ServiceLogsArgs, ServiceLogsSaveArgs, SwarmInitArgs, SwarmJoinArgs, SwarmJoinTokens, SwarmLeaveArgs, TaskShellArgs, TaskShellResult } from './swarm-ops';
import { ServiceCreateArgs, ServiceImageArgs, ServiceRefArgs, ServiceScaleArgs, ServiceWriteResult } from './swarm-service-spec';
import { SwarmNetwork, SwarmNetworkCreateArgs, SwarmNodeRemoveArgs, SwarmNodeUpdateArgs, SwarmObject, SwarmObjectCreateArgs, SwarmObjectRemoveArgs } from './swarm-objects';

const none = z.object({}).strict();

/** Swarm method name → `{ args, result }` schemas. */
export const swarmMethods = {
  /**
   * This engine's place in a Docker Swarm (`/info` Swarm): state, role (manager/worker/none), node and cluster
   * IDs, manager and node counts (managers only). Not in a swarm: state `inactive`; Podman: `unsupported` says why.
   */
  'swarm.info': { args: none, result: SwarmInfo },
  /** The swarm's nodes (`docker node ls`). @throws `Unsupported` unless this engine is a swarm manager. */
  'swarm.nodes': { args: none, result: z.array(SwarmNode) },
  /** The swarm's services (`docker service ls`), replicas counted from their tasks. @throws `Unsupported` unless a manager. */
  'swarm.services': { args: none, result: z.array(SwarmService) },
  /**
   * Tasks (`docker service ps` / `docker node ps`), all or of one service and/or node (ID or name).
   * @throws `NotFound` for an unknown service or node, `Unsupported` unless a manager.
   */
  'swarm.tasks': { args: SwarmTasksArgs, result: z.array(SwarmTask) },
  /**
   * The Swarm view's read in one call: `swarm.info` and, on a manager, every node, service and task (as the three
   * lists give them), each list read from the engine once. Not a manager: empty lists, `info` saying why.
   */
  'swarm.overview': { args: none, result: SwarmOverview },
  /**
   * `docker service logs [-f]`: every task's lines from every node in one stream on the `logs` topic (as
   * `logs.follow`), each with its `source` `name.slot@node`. @throws `NotFound`, `Unsupported` unless a manager.
   */
  'swarm.serviceLogs': { args: ServiceLogsArgs, result: z.object({ id: z.uuid(), tty: z.boolean() }) },
  /** `docker service logs SERVICE > PATH`, lines prefixed `name.slot@node | `. @throws `Conflict` when the file exists. */
  'swarm.saveServiceLogs': { args: ServiceLogsSaveArgs, result: SavedLogResult },
  /**
   * A shell (sh, TTY) in a running task's container, on its node's engine: the engine in use, or the known engine
   * (Engines) whose `/info` NodeID is the task's node; else which node to add. @throws `Conflict` when not running.
   */
  'swarm.taskShell': { args: TaskShellArgs, result: TaskShellResult },
  /** `docker swarm init`: this engine becomes the manager of a new swarm. @throws `Conflict` when already in one. */
  'swarm.init': { args: SwarmInitArgs, result: z.object({ nodeId: z.string() }) },
  /** `docker swarm join`: errors never carry the token. @throws `Conflict` when already in a swarm, `EngineError`. */
  'swarm.join': { args: SwarmJoinArgs, result: z.null() },
  /** `docker swarm leave [--force]` (a manager must force). @throws `Conflict` when in no swarm or a manager without force. */
  'swarm.leave': { args: SwarmLeaveArgs, result: z.null() },
  /** The worker and manager join tokens and this manager's address. @throws `Unsupported` unless a manager. */
  'swarm.joinTokens': { args: none, result: SwarmJoinTokens },
  /**
   * Change a node's role (promote/demote), availability (active/pause/drain) and labels, from its spec at its
   * current version (re-read and retried once when out of sequence).
   * @throws `NotFound`, `EngineError` with the engine's refusal (e.g. demoting the last manager), `Unsupported` unless a manager.
   */
  'swarm.updateNode': { args: SwarmNodeUpdateArgs, result: z.null() },
  /** Remove a node (`docker node rm [--force]`). @throws `EngineError` (not down without force; a manager), `NotFound`, `Unsupported`. */
  'swarm.removeNode': { args: SwarmNodeRemoveArgs, result: z.null() },
  /** The swarm's secrets, never their data. @throws `Unsupported` unless a manager. */
  'swarm.secrets': { args: none, result: z.array(SwarmObject) },
  /** Create a secret from base64 data (< 500 KiB). @throws `Conflict` "a secret named X already exists", `ValidationError`, `Unsupported`. */
  'swarm.createSecret': { args: SwarmObjectCreateArgs, result: z.object({ id: z.string() }) },
  /** Remove a secret. @throws `EngineError` when a service uses it (the engine names it), `NotFound`, `Unsupported`. */
  'swarm.removeSecret': { args: SwarmObjectRemoveArgs, result: z.null() },
  /** The swarm's configs, never their data. @throws `Unsupported` unless a manager. */
  'swarm.configs': { args: none, result: z.array(SwarmObject) },
  /** Create a config from base64 data (< 1000 KiB). @throws `Conflict` "a config named X already exists", `ValidationError`, `Unsupported`. */
  'swarm.createConfig': { args: SwarmObjectCreateArgs, result: z.object({ id: z.string() }) },
  /** Remove a config. @throws `EngineError` when a service uses it, `NotFound`, `Unsupported`. */
  'swarm.removeConfig': { args: SwarmObjectRemoveArgs, result: z.null() },
  /** Swarm-scope networks (overlay, the ingress marked). Removed with `networks.remove`. @throws `Unsupported` unless a manager. */
  'swarm.networks': { args: none, result: z.array(SwarmNetwork) },
  /** Create an overlay network (attachable, internal, subnet/gateway optional). @throws `Conflict`, `EngineError`, `Unsupported`. */
  /** `allocated` false: created, but the swarm has not allocated it (see SwarmNetwork.allocated). */
  'swarm.createNetwork': { args: SwarmNetworkCreateArgs, result: z.object({ id: z.string(), allocated: z.boolean() }) },
  /**
   * `docker service create`: a replicated or global service from the dialog's fields (shared/swarm-service-spec.ts),
   * with the image registry's stored credentials in X-Registry-Auth when Berth holds some. Resolves once the manager
   * accepted it (the tasks start on the swarm's time). @throws `Conflict` (the name is taken), `EngineError` with the
   * engine's refusal (an image reference, network or constraint it cannot use), `Unsupported` unless a manager.
   */
  'swarm.createService': { args: ServiceCreateArgs, result: ServiceWriteResult },
  /** `docker service scale NAME=N`, at the service's current version (re-read and retried, up to 4 tries, when out of sequence). @throws `Conflict` for a global service, `NotFound`, `Unsupported`. */
  'swarm.scaleService': { args: ServiceScaleArgs, result: ServiceWriteResult },
  /** `docker service update --image I --update-parallelism --update-delay --update-failure-action --update-order`, at the current version (re-read and retried, up to 4 tries, when out of sequence). @throws `NotFound`, `EngineError`, `Unsupported`. */
  'swarm.updateServiceImage': { args: ServiceImageArgs, result: ServiceWriteResult },
  /** `docker service rollback`: back to the previous spec. @throws `Conflict` when there is none (never updated), `NotFound`, `Unsupported`. */
  'swarm.rollbackService': { args: ServiceRefArgs, result: ServiceWriteResult },
  /**
   * Resume a paused update or rollback: `docker service update SERVICE` with no change (the spec written back at its
   * version, re-read and retried up to 4 tries when out of sequence); the engine then updates the tasks not yet on the
   * spec, and its previous spec becomes the current one. @throws `Conflict` when nothing is paused, `NotFound`, `Unsupported`.
   */
  'swarm.resumeServiceUpdate': { args: ServiceRefArgs, result: ServiceWriteResult },
  /** `docker service rm`. @throws `NotFound`, `Unsupported` unless a manager. */
  'swarm.removeService': { args: ServiceRefArgs, result: z.null() },
} as const;
