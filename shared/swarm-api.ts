/**
 * The contract's Swarm methods (issue #16), spread into shared/api.ts `methods`: `{ args, result }` schemas, names
 * in shared/names.ts `SWARM_METHOD_NAMES`. Every one but `swarm.info` needs the engine to be a swarm manager.
 */
import { z } from 'zod';
import { SwarmInfo, SwarmNode, SwarmService, SwarmTask, SwarmTasksArgs } from './swarm';
import { ServiceLogsArgs, ServiceLogsSaveArgs, SwarmInitArgs, SwarmJoinArgs, SwarmJoinTokens, SwarmLeaveArgs, TaskShellArgs, TaskShellResult } from './swarm-ops';

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
   * `docker service logs [-f]`: every task's lines from every node in one stream on the `logs` topic (as
   * `logs.follow`), each with its `source` `name.slot@node`. @throws `NotFound`, `Unsupported` unless a manager.
   */
  'swarm.serviceLogs': { args: ServiceLogsArgs, result: z.object({ id: z.uuid(), tty: z.boolean() }) },
  /** `docker service logs SERVICE > PATH`, lines prefixed `name.slot@node | `. @throws `Conflict` when the file exists. */
  'swarm.saveServiceLogs': { args: ServiceLogsSaveArgs, result: z.object({ lines: z.number(), bytes: z.number() }) },
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
} as const;
