/**
 * Container summaries (shared/model.ts ContainerSummary) from the engine's two answers: the cheap list
 * (`GET /containers/json`, membership and state; no times) and the authoritative inspect
 * (`GET /containers/{id}/json`, with start/finish times, exit code and health).
 */
import type Docker from 'dockerode';
import type { ContainerInspectInfo } from 'dockerode';
import type { ContainerState, ContainerSummary, PortBinding } from '../../shared/model';
import { containerStatusText } from '../../shared/container-status';
import { familiarName } from '../../shared/reference';
import { engineTime } from '../engine/time';

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
/** Podman's compat API can report libpod states; map them onto Docker's. */
const PODMAN_STATES: Record<string, ContainerState> = { configured: 'created', initialized: 'created', stopped: 'exited', stopping: 'running', unknown: 'dead' };

export function normalizeState(raw: string | undefined): ContainerState {
  const s = (raw ?? '').toLowerCase();
  return (STATES as readonly string[]).includes(s) ? (s as ContainerState) : (PODMAN_STATES[s] ?? 'dead');
}

/** `(healthy)`, `(unhealthy)`, `(health: starting)` at the end of a list entry's Status text. */
function healthOfStatus(status: string): string | null {
  const m = /\((?:health: )?(starting|healthy|unhealthy)\)\s*$/.exec(status);
  return m ? m[1]! : null;
}

/**
 * Map one entry of `GET /containers/json?all=1`. `Created` is seconds there; ours is ms. The list has no
 * start/finish times: they are null until the container is inspected; the exit code is read from the
 * Status text (`Exited (3) …`).
 */
export function toContainerSummary(c: Docker.ContainerInfo): ContainerSummary {
  const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
  const status = c.Status ?? '';
  const exit = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(status);
  return {
    id: c.Id,
    name,
    image: familiarName(c.Image),
    imageId: c.ImageID,
    command: c.Command ?? '',
    created: (c.Created ?? 0) * 1000,
    state: normalizeState(c.State),
    status,
    startedAt: null,
    finishedAt: null,
    exitCode: exit ? Number(exit[1]) : null,
    health: healthOfStatus(status),
    ports: (c.Ports ?? []).map((p) => ({
      privatePort: p.PrivatePort,
      ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
      ...(p.IP ? { ip: p.IP } : {}),
      type: p.Type,
    })),
    labels: c.Labels ?? {},
  };
}

/** The engine's inspect state, with the fields dockerode's types leave out. */
type InspectState = ContainerInspectInfo['State'] & { Health?: { Status?: string }; Dead?: boolean; Restarting?: boolean };

/**
 * Map an inspect answer to a summary, worded like the list entry would be (command = path and arguments
 * joined by spaces, as the engine's list does; ports one entry per binding, or one unbound entry per exposed
 * port). `status` is the text as of `now` (ms).
 */
export function summaryFromInspect(raw: ContainerInspectInfo, now: number = Date.now()): ContainerSummary {
  const state = (raw.State ?? {}) as InspectState;
  const ports: PortBinding[] = [];
  for (const [key, bindings] of Object.entries(raw.NetworkSettings?.Ports ?? {})) {
    const [port, type = 'tcp'] = key.split('/');
    if (!bindings || bindings.length === 0) ports.push({ privatePort: Number(port), type });
    for (const b of bindings ?? []) {
      ports.push({ privatePort: Number(port), ...(b.HostPort ? { publicPort: Number(b.HostPort) } : {}), ...(b.HostIp ? { ip: b.HostIp } : {}), type });
    }
  }
  const startedAt = engineTime(state.StartedAt);
  const running = normalizeState(state.Status) === 'running' || normalizeState(state.Status) === 'paused';
  const summary: ContainerSummary = {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    image: familiarName(raw.Config?.Image ?? raw.Image),
    imageId: raw.Image,
    command: [raw.Path, ...(raw.Args ?? [])].filter((s) => s !== undefined && s !== '').join(' '),
    created: engineTime(raw.Created) ?? 0,
    state: normalizeState(state.Status),
    status: '',
    startedAt,
    finishedAt: running ? null : engineTime(state.FinishedAt),
    exitCode: startedAt === null ? null : (state.ExitCode ?? 0),
    health: state.Health?.Status && state.Health.Status !== 'none' ? state.Health.Status : null,
    ports,
    labels: raw.Config?.Labels ?? {},
  };
  summary.status = containerStatusText(summary, now);
  return summary;
}
