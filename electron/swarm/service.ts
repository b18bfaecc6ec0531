/**
 * Docker Swarm, read from the engine Berth talks to (issue #16): this engine's place in a swarm, and, on a
 * manager, the cluster's nodes, services and tasks. The engine's own orchestrator is the truth; Berth
 * orchestrates nothing itself.
 */
import type { SwarmInfo, SwarmNode, SwarmOverview, SwarmService as SwarmServiceSummary, SwarmTask, SwarmTasksArgs } from '../../shared/swarm';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { toSwarmInfo, toSwarmNode, toSwarmService, toSwarmTask, type RawNode, type RawService, type RawSwarmInfo, type RawTask } from './summary';

/** Why a Podman engine has no swarm (said by `swarm.info` and by the lists' `Unsupported` errors). */
export const PODMAN_NO_SWARM = 'Swarm needs Docker Engine: Podman has no swarm mode (it runs Kubernetes pods instead)';

/** What `overview` last found each engine to be: its lists are asked for before `/info` answers only on a manager. */
const lastRole = new WeakMap<Engine, 'manager' | 'not manager'>();

export class SwarmService {
  constructor(private readonly engine: Engine) {}

  /**
   * This engine's place in a swarm (`GET /info`, `Swarm`): state, role, node and cluster IDs, counts (managers
   * only). An engine in no swarm answers state `inactive`, role `none`; Podman too, with `unsupported` saying why.
   * @throws BerthError `EngineUnreachable` and other engine failures.
   */
  async info(): Promise<SwarmInfo> {
    if ((await this.engine.kind()) === 'podman') return toSwarmInfo(undefined, PODMAN_NO_SWARM);
    const raw = await this.engine.call((d) => d.info() as Promise<{ Swarm?: RawSwarmInfo }>);
    return toSwarmInfo(raw.Swarm);
  }

  /**
   * The swarm's nodes (`docker node ls`), this engine's own marked `self`.
   * @throws BerthError `Unsupported` when this engine is not a manager (not in a swarm, a worker, Podman).
   */
  async nodes(): Promise<SwarmNode[]> {
    const [raw, info] = await Promise.all([this.managerCall('nodes', (d) => d.listNodes() as Promise<RawNode[]>), this.info().catch(() => null)]);
    return raw.map((n) => toSwarmNode(n, info?.nodeId ?? null));
  }

  /**
   * The swarm's services (`docker service ls`), replicas counted from their tasks.
   * @throws BerthError `Unsupported` when this engine is not a manager.
   */
  async services(): Promise<SwarmServiceSummary[]> {
    const [services, tasks] = await this.managerCall('services', (d) =>
      Promise.all([d.listServices() as Promise<RawService[]>, d.listTasks() as Promise<RawTask[]>]),
    );
    return serviceSummaries(services, tasks);
  }

  /**
   * Tasks (`docker service ps`, `docker node ps`): every task, or those of one service and/or one node
   * (each by ID or name; the engine resolves them), in the engine's order, with every past task it keeps.
   * @throws BerthError `NotFound` for an unknown service or node, `Unsupported` when this engine is not a manager.
   */
  async tasks(a: SwarmTasksArgs = {}): Promise<SwarmTask[]> {
    const filters: Record<string, string[]> = {};
    if (a.service) filters.service = [a.service];
    if (a.node) filters.node = [a.node];
    const [tasks, services, nodes] = await this.managerCall('tasks', (d) =>
      Promise.all([
        d.listTasks(Object.keys(filters).length ? { filters } : {}) as Promise<RawTask[]>,
        d.listServices() as Promise<RawService[]>,
        d.listNodes() as Promise<RawNode[]>,
      ]),
    );
    return taskSummaries(tasks, services, nodes);
  }

  /**
   * What the Swarm view shows, in one call: `info` and, on a manager, every node, service and task, each list
   * read once (`GET /info`, `/nodes`, `/services`, `/tasks`, at once: four engine requests where `swarm.info`,
   * `swarm.nodes`, `swarm.services` and `swarm.tasks` together make nine, and the view reads again after every
   * burst of swarm events). Not a manager (in no swarm, a worker, Podman): the lists are empty and `info` says why.
   * @throws BerthError `EngineUnreachable` and other engine failures.
   */
  async overview(): Promise<SwarmOverview> {
    if ((await this.engine.kind()) === 'podman') return { info: toSwarmInfo(undefined, PODMAN_NO_SWARM), nodes: [], services: [], tasks: [] };
    const readLists = () =>
      [this.engine.call((d) => d.listNodes() as Promise<RawNode[]>), this.engine.call((d) => d.listServices() as Promise<RawService[]>), this.engine.call((d) => d.listTasks() as Promise<RawTask[]>)] as const;
    // The lists do not wait for /info's answer (the slowest of the four) unless this engine was last seen not to be
    // a manager: a worker refuses them, and logs each refusal at level=error (review 27, F8).
    const eager = lastRole.get(this.engine) !== 'not manager' ? readLists() : null;
    eager?.forEach((p) => p.catch(() => undefined));
    const info = await this.info();
    lastRole.set(this.engine, info.role === 'manager' ? 'manager' : 'not manager');
    if (info.role !== 'manager') {
      await Promise.allSettled(eager ?? []); // refused at once: no request of this call outlives it
      return { info, nodes: [], services: [], tasks: [] };
    }
    const [nodes, services, tasks] = await Promise.all(eager ?? readLists());
    return { info, nodes: nodes.map((n) => toSwarmNode(n, info.nodeId)), services: serviceSummaries(services, tasks), tasks: taskSummaries(tasks, services, nodes) };
  }

  /**
   * Run a call only a manager answers. Podman is refused before any request; a refusal by the engine (HTTP
   * 503 "not a swarm manager") becomes `Unsupported` saying what this engine is, from `/info`.
   */
  private async managerCall<T>(what: string, fn: (d: Engine['docker']) => Promise<T>): Promise<T> {
    if ((await this.engine.kind()) === 'podman') throw new BerthError('Unsupported', PODMAN_NO_SWARM);
    try {
      return await this.engine.call(fn);
    } catch (err) {
      if (err instanceof BerthError && err.name === 'EngineError' && /not a swarm manager/i.test(err.message)) throw await this.notManager(what);
      throw err;
    }
  }

  /** The `Unsupported` error for a list only a manager gives, saying what this engine is instead. */
  private async notManager(what: string): Promise<BerthError> {
    const info = await this.info().catch(() => null);
    if (!info || info.role === 'none') {
      const state = info && info.state !== 'inactive' ? ` (its swarm state is ${info.state}${info.error ? `: ${info.error}` : ''})` : '';
      return new BerthError('Unsupported', `this engine is not part of a swarm${state}: no ${what} to list`);
    }
    const managers = info.remoteManagers.map((m) => m.address).join(', ');
    return new BerthError('Unsupported', `only a manager lists ${what}: this engine is a swarm worker${managers ? ` (its managers: ${managers})` : ''}`);
  }
}

/** Services as `docker service ls` lists them, by name, replicas counted from `tasks`. */
function serviceSummaries(services: RawService[], tasks: RawTask[]): SwarmServiceSummary[] {
  return services.map((s) => toSwarmService(s, tasks)).sort((a, b) => a.name.localeCompare(b.name));
}

/** Tasks in the engine's order, with their service's name and their node's hostname. */
function taskSummaries(tasks: RawTask[], services: RawService[], nodes: RawNode[]): SwarmTask[] {
  const serviceNames = new Map(services.map((s) => [s.ID, s.Spec?.Name ?? s.ID]));
  const hostnames = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? '']));
  return tasks.map((t) => toSwarmTask(t, serviceNames, hostnames));
}
