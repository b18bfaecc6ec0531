/**
 * Engine answers about a swarm (`/info` Swarm, `/nodes`, `/services`, `/tasks`, Engine API 1.41) turned into
 * the contract's shapes (shared/swarm.ts). Pure: no engine access, so these are unit-tested on the engine's
 * own JSON. Field names are moby's `api/types/swarm`; counting follows docker/cli's `service ls`.
 */
import type { SwarmInfo, SwarmNode, SwarmPort, SwarmService, SwarmTask, SwarmTaskState, SwarmUpdateStatus, UpdateSettings } from '../../shared/swarm';
import { SwarmState, SwarmTaskState as TaskStates } from '../../shared/swarm';
import { engineTime } from '../engine/time';
import { pausedTaskError, runningImages, splitDigest } from './rollout';

export { splitDigest };

/** `/info`'s `Swarm`, as much as Berth reads. */
export interface RawSwarmInfo {
  NodeID?: string;
  NodeAddr?: string;
  LocalNodeState?: string;
  ControlAvailable?: boolean;
  Error?: string;
  RemoteManagers?: { NodeID?: string; Addr?: string }[] | null;
  Nodes?: number;
  Managers?: number;
  Cluster?: { ID?: string } | null;
}

type Labels = Record<string, string> | null | undefined;

/** One `/nodes` entry. */
export interface RawNode {
  ID: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Labels };
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string; Labels?: Labels } };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
}

interface RawPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

/** One `/services` entry. */
export interface RawService {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: {
    Name?: string;
    Labels?: Labels;
    TaskTemplate?: { ContainerSpec?: { Image?: string } };
    Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number }; GlobalJob?: object };
    EndpointSpec?: { Ports?: RawPort[] | null };
    UpdateConfig?: { Parallelism?: number; Delay?: number; FailureAction?: string; Order?: string } | null;
  };
  PreviousSpec?: { Name?: string; TaskTemplate?: { ContainerSpec?: { Image?: string } } } | null;
  Endpoint?: { Ports?: RawPort[] | null };
  UpdateStatus?: { State?: string; StartedAt?: string; CompletedAt?: string; Message?: string } | null;
}

/** One `/tasks` entry. */
export interface RawTask {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: { Timestamp?: string; State?: string; Message?: string; Err?: string; ContainerStatus?: { ContainerID?: string; ExitCode?: number } };
}

const labels = (l: Labels): Record<string, string> => ({ ...(l ?? {}) });
const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

/** `/info`'s Swarm as {@link SwarmInfo}; a missing Swarm (an engine without swarm mode) reads as inactive. */
export function toSwarmInfo(raw: RawSwarmInfo | undefined, unsupported: string | null = null): SwarmInfo {
  const state = oneOf(raw?.LocalNodeState, SwarmState.options, 'inactive');
  const inSwarm = state !== 'inactive' && Boolean(raw?.NodeID);
  const manager = inSwarm && raw?.ControlAvailable === true;
  return {
    state,
    role: manager ? 'manager' : state === 'active' ? 'worker' : 'none',
    nodeId: inSwarm ? raw!.NodeID! : null,
    nodeAddress: inSwarm && raw?.NodeAddr ? raw.NodeAddr : null,
    clusterId: manager ? (raw?.Cluster?.ID ?? null) : null,
    managers: manager ? (raw?.Managers ?? null) : null,
    nodes: manager ? (raw?.Nodes ?? null) : null,
    remoteManagers: (raw?.RemoteManagers ?? []).filter((m) => m.NodeID && m.Addr).map((m) => ({ nodeId: m.NodeID!, address: m.Addr! })),
    error: raw?.Error ? raw.Error : null,
    unsupported,
  };
}

/** A `/nodes` entry as {@link SwarmNode}; `selfId` is this engine's node ID (from `/info`). */
export function toSwarmNode(n: RawNode, selfId: string | null): SwarmNode {
  const manager = n.Spec?.Role === 'manager';
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? '',
    role: manager ? 'manager' : 'worker',
    availability: oneOf(n.Spec?.Availability, ['active', 'pause', 'drain'] as const, 'active'),
    status: oneOf(n.Status?.State, ['unknown', 'down', 'ready', 'disconnected'] as const, 'unknown'),
    statusMessage: n.Status?.Message ?? '',
    engineVersion: n.Description?.Engine?.EngineVersion ?? '',
    address: n.Status?.Addr ?? '',
    reachability: n.ManagerStatus ? oneOf(n.ManagerStatus.Reachability, ['unknown', 'unreachable', 'reachable'] as const, 'unknown') : null,
    leader: n.ManagerStatus?.Leader === true,
    self: n.ID === selfId,
    labels: labels(n.Spec?.Labels),
    engineLabels: labels(n.Description?.Engine?.Labels),
  };
}

function toPorts(raw: RawPort[] | null | undefined): SwarmPort[] {
  return (raw ?? []).map((p) => ({
    protocol: oneOf(p.Protocol, ['tcp', 'udp', 'sctp'] as const, 'tcp'),
    targetPort: p.TargetPort ?? 0,
    publishedPort: p.PublishedPort ? p.PublishedPort : null,
    publishMode: oneOf(p.PublishMode, ['ingress', 'host'] as const, 'ingress'),
  }));
}

/** `UpdateStatus` as {@link SwarmUpdateStatus}; `tasks` are the service's own (a paused one's reason is read from them). */
function toUpdateStatus(u: RawService['UpdateStatus'], tasks: readonly RawTask[]): SwarmUpdateStatus | null {
  if (!u?.State) return null;
  const states = ['updating', 'paused', 'completed', 'rollback_started', 'rollback_paused', 'rollback_completed'] as const;
  if (!states.includes(u.State as (typeof states)[number])) return null;
  const state = u.State as (typeof states)[number];
  const startedAt = engineTime(u.StartedAt);
  const message = u.Message ?? '';
  const taskError = state === 'paused' || state === 'rollback_paused' ? pausedTaskError(message, tasks, startedAt ?? 0) : null;
  return { state, startedAt, completedAt: engineTime(u.CompletedAt), message, taskError };
}

/** `Spec.UpdateConfig` as {@link UpdateSettings}, the CLI's defaults (1, 0s, pause, stop-first) where unset. */
function toUpdateConfig(u: NonNullable<RawService['Spec']>['UpdateConfig']): UpdateSettings {
  return {
    parallelism: u?.Parallelism ?? 1,
    delayNs: u?.Delay ?? 0,
    failureAction: oneOf(u?.FailureAction, ['pause', 'continue', 'rollback'] as const, 'pause'),
    order: oneOf(u?.Order, ['stop-first', 'start-first'] as const, 'stop-first'),
  };
}

/**
 * The error of the task whose status changed last, among tasks that have one (`Status.Err`) and changed
 * at or after `since` (ms; the service's last update: errors of an older spec, kept in the task history,
 * no longer say why); null when none has.
 */
function newestError(tasks: readonly RawTask[], since: number): string | null {
  let best: { at: number; err: string } | null = null;
  for (const t of tasks) {
    const err = t.Status?.Err;
    const at = Date.parse(t.Status?.Timestamp ?? '') || 0;
    if (!err || at < since) continue;
    if (!best || at > best.at) best = { at, err };
  }
  return best?.err ?? null;
}

/**
 * A `/services` entry as {@link SwarmService}, its replicas counted from `tasks` (any tasks: those of other
 * services are ignored). Running = current state `running` whatever the desired state, as moby counts
 * `ServiceStatus.RunningTasks` for `docker service ls` (a task still stopping after a scale-down counts:
 * the CLI shows 5/1 until it has stopped); `stopping` = those of them no longer desired running. Desired =
 * the replica count (replicated), the nodes holding a task meant to run (global, as docker/cli counts
 * them), the total completions (replicated job) or the nodes given a task (global job). `problem` = the
 * newest task error (`Status.Err`) while fewer tasks meant to run are running than desired.
 */
export function toSwarmService(s: RawService, tasks: readonly RawTask[]): SwarmService {
  const mine = tasks.filter((t) => t.ServiceID === s.ID);
  const mode = s.Spec?.Mode ?? {};
  const kind: SwarmService['mode'] = mode.Global ? 'global' : mode.ReplicatedJob ? 'replicated-job' : mode.GlobalJob ? 'global-job' : 'replicated';
  const running = mine.filter((t) => t.Status?.State === 'running').length;
  const stopping = mine.filter((t) => t.Status?.State === 'running' && t.DesiredState !== 'running').length;
  const wantedRunning = running - stopping;
  const completed = kind.endsWith('job') ? mine.filter((t) => t.Status?.State === 'complete').length : 0;
  const nodesWanting = new Set(mine.filter((t) => t.DesiredState !== 'shutdown' && t.NodeID).map((t) => t.NodeID)).size;
  const desired =
    kind === 'replicated' ? (mode.Replicated?.Replicas ?? 0) : kind === 'replicated-job' ? (mode.ReplicatedJob?.TotalCompletions ?? mode.ReplicatedJob?.MaxConcurrent ?? 1) : nodesWanting;
  const specImage = s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '';
  const { image, digest } = splitDigest(specImage);
  return {
    id: s.ID,
    name: s.Spec?.Name ?? s.ID,
    mode: kind,
    replicas: { running, desired, stopping, completed },
    problem: !kind.endsWith('job') && wantedRunning < desired ? newestError(mine, Date.parse(s.UpdatedAt ?? '') || 0) : null,
    image,
    imageDigest: digest,
    runningImages: runningImages(specImage, mine),
    previousImage: s.PreviousSpec ? splitDigest(s.PreviousSpec.TaskTemplate?.ContainerSpec?.Image ?? '').image : null,
    ports: toPorts(s.Endpoint?.Ports?.length ? s.Endpoint.Ports : s.Spec?.EndpointSpec?.Ports),
    updateStatus: toUpdateStatus(s.UpdateStatus, mine),
    updateConfig: toUpdateConfig(s.Spec?.UpdateConfig),
    canRollback: Boolean(s.PreviousSpec),
    labels: labels(s.Spec?.Labels),
    createdAt: engineTime(s.CreatedAt),
    updatedAt: engineTime(s.UpdatedAt),
  };
}

/** States after which a task's container has ended, so its exit code means something. */
const ENDED: ReadonlySet<SwarmTaskState> = new Set(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);

/**
 * A `/tasks` entry as {@link SwarmTask}. `serviceNames` maps service IDs to names, `hostnames` node IDs to
 * hostnames (both from the same manager); the name is the CLI's `service.slot` (or `service.nodeID`).
 */
export function toSwarmTask(t: RawTask, serviceNames: ReadonlyMap<string, string>, hostnames: ReadonlyMap<string, string>): SwarmTask {
  const serviceId = t.ServiceID ?? '';
  const serviceName = serviceNames.get(serviceId) ?? serviceId;
  const slot = t.Slot ? t.Slot : null;
  const nodeId = t.NodeID ? t.NodeID : null;
  const state = oneOf(t.Status?.State, TaskStates.options, 'new');
  const container = t.Status?.ContainerStatus;
  return {
    id: t.ID,
    name: `${serviceName}.${slot ?? nodeId ?? t.ID}`,
    serviceId,
    serviceName,
    slot,
    nodeId,
    nodeHostname: nodeId ? (hostnames.get(nodeId) ?? null) : null,
    desiredState: oneOf(t.DesiredState, TaskStates.options, 'running'),
    state,
    message: t.Status?.Message ?? '',
    error: t.Status?.Err ? t.Status.Err : null,
    since: engineTime(t.Status?.Timestamp),
    containerId: container?.ContainerID ? container.ContainerID : null,
    exitCode: container?.ContainerID && ENDED.has(state) && typeof container.ExitCode === 'number' ? container.ExitCode : null,
    image: splitDigest(t.Spec?.ContainerSpec?.Image ?? '').image,
  };
}
