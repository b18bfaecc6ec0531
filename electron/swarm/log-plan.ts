/**
 * What a swarm service's merged log needs from the manager before it streams (issue #16): the service's ID and
 * TTY, and each task's prefix `name.slot@node` (`name.nodeID@node` for a global service: the task's name in
 * `docker service ps`), as docker/cli `cli/command/service/logs.go` resolves a line's `com.docker.swarm.task.id`
 * and `node.id` (logs/service-logs.ts reads them off each line).
 */
import type { Engine } from '../engine/engine';
import type { ServiceLogPlan } from '../logs/service';
import { toSwarmTask, type RawNode, type RawService, type RawTask } from './summary';

/** The prefix of a task's lines: `name.slot@hostname` (`name.nodeID@hostname` for a global service). */
export function taskPrefix(task: Pick<ReturnType<typeof toSwarmTask>, 'name' | 'nodeHostname' | 'nodeId'>): string {
  return `${task.name}@${task.nodeHostname || task.nodeId || '?'}`;
}

/**
 * Inspect the service (ID or name) and list its tasks and the swarm's nodes, for the prefixes.
 * @throws BerthError `NotFound` for an unknown service; `EngineError` (503) when this engine is not a manager.
 */
export async function planServiceLog(engine: Engine, service: string): Promise<ServiceLogPlan> {
  const s = (await engine.call((d) => d.getService(service).inspect())) as RawService & { Spec?: { TaskTemplate?: { ContainerSpec?: { TTY?: boolean } } } };
  const name = s.Spec?.Name ?? s.ID;
  const names = new Map([[s.ID, name]]);
  const nodes = new Map<string, string>();
  const loadNodes = async () => {
    for (const n of (await engine.call((d) => d.listNodes())) as RawNode[]) nodes.set(n.ID, n.Description?.Hostname ?? '');
  };
  const [tasks] = await Promise.all([engine.call((d) => d.listTasks({ filters: { service: [s.ID] } })) as Promise<RawTask[]>, loadNodes()]);
  return {
    id: s.ID,
    name,
    tty: Boolean(s.Spec?.TaskTemplate?.ContainerSpec?.TTY),
    // Only tasks already on a known node: one not yet assigned (a service just created) is looked up at its first line.
    prefixes: new Map(tasks.filter((t) => t.NodeID && nodes.has(t.NodeID)).map((t) => [t.ID, taskPrefix(toSwarmTask(t, names, nodes))])),
    lookup: async (taskId, nodeId) => {
      if (nodeId && !nodes.has(nodeId)) await loadNodes();
      const t = (await engine.call((d) => d.getTask(taskId).inspect())) as RawTask;
      return taskPrefix(toSwarmTask(t, names, nodes));
    },
  };
}

/** Whether service `id` still exists on the manager (false once `GET /services/{id}` answers 404). @throws what the engine throws otherwise. */
export async function serviceExists(engine: Engine, id: string): Promise<boolean> {
  try {
    await engine.call((d) => d.getService(id).inspect());
    return true;
  } catch (err) {
    if ((err as { name?: string }).name === 'NotFound') return false;
    throw err;
  }
}
