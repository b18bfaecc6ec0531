/**
 * A shell in a swarm task's container (issue #16). The manager knows where a task runs (its `NodeID` and
 * container ID), but the container lives on that node's engine, which only that engine can exec into. So the
 * shell opens on the engine in use when it is the task's node, else on one of Berth's known engines
 * (electron/engines/: contexts, DOCKER_HOST, added by hand) whose `/info` `Swarm.NodeID` is the task's node;
 * otherwise the answer says which node to add. The renderer names only a task: never a host.
 */
import type { MethodArgs } from '../../shared/api';
import type { TaskShellResult } from '../../shared/swarm-ops';
import { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import type { EngineHost } from '../engine/host';
import type { SessionManager } from '../sessions/manager';
import { taskPrefix } from './log-plan';
import { PODMAN_NO_SWARM } from './service';
import { toSwarmTask, type RawNode, type RawService, type RawTask } from './summary';

/** The shell a task gets: `sh`, which every image with a shell has (`docker exec -it … sh`). */
export const TASK_SHELL = ['sh'];

/**
 * Open a shell (sh, TTY) in task `a.task`'s container: on the engine in use when it is the task's node, else on
 * the known engine that is; else `addNode` says which node (hostname, address) to add in Engines, and how.
 * @param engineOfNode the known engine that is a node, or null (engines/node-engine.ts, given by the router).
 * @throws BerthError `NotFound` for an unknown task; `Conflict` when the task is not running; `Unsupported` on
 * Podman; the engine's refusal when this engine is not a manager.
 */
export async function taskShell(engine: Engine, sessions: SessionManager, a: MethodArgs<'swarm.taskShell'>, engineOfNode: (nodeId: string) => Promise<EngineHost | null>): Promise<TaskShellResult> {
  if ((await engine.kind()) === 'podman') throw new BerthError('Unsupported', PODMAN_NO_SWARM);
  const raw = (await engine.call((d) => d.getTask(a.task).inspect())) as RawTask & { NodeID?: string };
  const [service, node, self] = await Promise.all([
    engine.call((d) => d.getService(raw.ServiceID ?? '').inspect() as Promise<RawService>).catch(() => null),
    raw.NodeID ? (engine.call((d) => d.getNode(raw.NodeID!).inspect()) as Promise<RawNode>) : Promise.resolve(null),
    engine.call((d) => d.info() as Promise<{ Swarm?: { NodeID?: string } }>),
  ]);
  const task = toSwarmTask(raw, new Map(service ? [[service.ID, service.Spec?.Name ?? service.ID]] : []), new Map(node ? [[node.ID, node.Description?.Hostname ?? '']] : []));
  const title = taskPrefix(task);
  if (task.state !== 'running' || !task.containerId || !task.nodeId) throw new BerthError('Conflict', `task ${task.name} is ${task.state}: only a running task has a shell`);
  const args = { container: task.containerId, command: TASK_SHELL, size: a.size };
  if (task.nodeId === self.Swarm?.NodeID) return { session: await sessions.exec(args, engine, title), engine: engine.host.display };
  const otherHost = await engineOfNode(task.nodeId);
  const other = otherHost ? new Engine(otherHost) : null;
  if (other) return { session: await sessions.exec(args, other, title), engine: other.host.display };
  const hostname = task.nodeHostname || task.nodeId;
  const address = node?.Status?.Addr ?? '';
  return {
    addNode: {
      nodeId: task.nodeId,
      hostname,
      address,
      message:
        `${task.name} runs on node ${hostname}${address ? ` (${address})` : ''}, which is not one of Berth's engines. ` +
        `Add that node's engine in Engines → Add (ssh://user@${address || hostname} or tcp://${address || hostname}:2376 with its TLS files), then open the shell again.`,
    },
  };
}
