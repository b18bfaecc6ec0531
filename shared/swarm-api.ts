/**
 * The contract's Swarm methods (issue #16), spread into shared/api.ts `methods`: `{ args, result }` schemas, names
 * in shared/names.ts `SWARM_METHOD_NAMES`. Every one but `swarm.info` needs the engine to be a swarm manager.
 */
import { z } from 'zod';
import { SwarmInfo, SwarmNode, SwarmService, SwarmTask, SwarmTasksArgs } from './swarm';

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
} as const;
