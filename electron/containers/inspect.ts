/** `docker container inspect`, made readable (shared/containers.ts). */
import type { ContainerInspectInfo } from 'dockerode';
import type { ContainerDetails } from '../../shared/containers';
import type { RestartPolicy } from '../../shared/run';
import type { Engine } from '../engine/engine';
import { familiarName } from '../../shared/reference';
import { engineTime } from '../engine/time';


const RESTART_NAMES = new Set(['no', 'always', 'unless-stopped', 'on-failure']);

/** Map an inspect answer to ContainerDetails. Podman leaves some fields out: they become empty. */
export function toContainerDetails(raw: ContainerInspectInfo): ContainerDetails {
  const config = raw.Config ?? ({} as ContainerInspectInfo['Config']);
  const host = raw.HostConfig ?? {};
  const state = raw.State ?? ({} as ContainerInspectInfo['State']);
  const restartName = host.RestartPolicy?.Name || 'no';
  const restart: RestartPolicy = { name: (RESTART_NAMES.has(restartName) ? restartName : 'no') as RestartPolicy['name'] };
  if (restart.name === 'on-failure' && host.RestartPolicy?.MaximumRetryCount) restart.maximumRetryCount = host.RestartPolicy.MaximumRetryCount;
  const exposed = Object.keys(config.ExposedPorts ?? {});
  const bound = raw.NetworkSettings?.Ports ?? {};
  const portKeys = [...new Set([...exposed, ...Object.keys(bound)])];
  const health = (state as { Health?: { Status: string; FailingStreak: number; Log?: { Start: string; ExitCode: number; Output: string }[] } }).Health;
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    image: familiarName(config.Image ?? ''),
    imageId: raw.Image,
    created: engineTime(raw.Created),
    status: state.Status ?? '',
    running: Boolean(state.Running),
    exitCode: state.ExitCode ?? 0,
    startedAt: engineTime(state.StartedAt),
    finishedAt: engineTime(state.FinishedAt),
    error: (state as { Error?: string }).Error ?? '',
    command: [raw.Path, ...(raw.Args ?? [])].filter((s) => s !== undefined && s !== ''),
    entrypoint: toList(config.Entrypoint),
    cmd: toList(config.Cmd),
    workdir: config.WorkingDir ?? '',
    user: config.User ?? '',
    tty: Boolean(config.Tty),
    openStdin: Boolean(config.OpenStdin),
    env: config.Env ?? [],
    mounts: (raw.Mounts ?? []).map((m) => ({
      type: m.Type ?? '',
      source: (m.Type === 'volume' ? m.Name : m.Source) ?? m.Source ?? '',
      destination: m.Destination,
      readOnly: !m.RW,
    })),
    ports: portKeys.map((key) => {
      const [port, protocol = 'tcp'] = key.split('/');
      return {
        containerPort: Number(port),
        protocol,
        bindings: (bound[key] ?? []).map((b) => ({ hostIp: b.HostIp ?? '', hostPort: b.HostPort ?? '' })),
      };
    }),
    networks: Object.entries(raw.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
      name,
      ipAddress: n.IPAddress ?? '',
      gateway: n.Gateway ?? '',
      macAddress: n.MacAddress ?? '',
    })),
    networkMode: host.NetworkMode ?? '',
    restart,
    autoRemove: Boolean((host as { AutoRemove?: boolean }).AutoRemove),
    health: health
      ? {
          status: health.Status,
          failingStreak: health.FailingStreak ?? 0,
          log: (health.Log ?? []).map((l) => ({ start: engineTime(l.Start), exitCode: l.ExitCode, output: l.Output })),
        }
      : null,
    labels: config.Labels ?? {},
    raw: JSON.stringify(raw, null, 2),
  };
}

function toList(v: string | string[] | undefined | null): string[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/**
 * Inspect one container.
 * @throws BerthError `NotFound`.
 */
export async function inspectContainer(engine: Engine, id: string): Promise<ContainerDetails> {
  return toContainerDetails(await engine.call((d) => d.getContainer(id).inspect()));
}
