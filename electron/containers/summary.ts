/** Engine container listings (`GET /containers/json`) mapped to Berth's ContainerSummary. */
import type Docker from 'dockerode';
import type { ContainerState, ContainerSummary } from '../../shared/model';
import { familiarName } from '../../shared/reference';

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
/** Podman's compat API can report libpod states; map them onto Docker's. */
const PODMAN_STATES: Record<string, ContainerState> = { configured: 'created', initialized: 'created', stopped: 'exited', stopping: 'running', unknown: 'dead' };

export function normalizeState(raw: string | undefined): ContainerState {
  const s = (raw ?? '').toLowerCase();
  return (STATES as readonly string[]).includes(s) ? (s as ContainerState) : (PODMAN_STATES[s] ?? 'dead');
}

/** Map one entry of `GET /containers/json?all=1`. `Created` is seconds there; ours is ms. */
export function toContainerSummary(c: Docker.ContainerInfo): ContainerSummary {
  const name = (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');
  return {
    id: c.Id,
    name,
    image: familiarName(c.Image),
    imageId: c.ImageID,
    command: c.Command ?? '',
    created: (c.Created ?? 0) * 1000,
    state: normalizeState(c.State),
    status: c.Status ?? '',
    ports: (c.Ports ?? []).map((p) => ({
      privatePort: p.PrivatePort,
      ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
      ...(p.IP ? { ip: p.IP } : {}),
      type: p.Type,
    })),
    labels: c.Labels ?? {},
  };
}
