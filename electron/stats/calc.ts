/**
 * `docker stats` figures from the Engine API's stats JSON, with the Docker CLI's formulas
 * (docker/cli cli/command/container/stats_helpers.go: calculateCPUPercentUnix, calculateMemUsageUnixNoCache,
 * calculateNetwork, calculateBlockIO). Podman's compatible API leaves `precpu_stats` empty and has no cache
 * fields (docs/ARCHITECTURE.md): the previous reading of the same stream stands in for `precpu_stats`.
 */
import type { StatsSample } from '../../shared/stats';

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** The parts of `GET /containers/{id}/stats` Berth reads. */
export interface EngineStats {
  read?: string;
  name?: string;
  id?: string;
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op: string; value: number }[] | null };
  pids_stats?: { current?: number };
}

/** CPU %: (container CPU delta / system CPU delta) × online CPUs × 100; null without a usable delta. */
export function cpuPercent(cur: CpuStats | undefined, pre: CpuStats | undefined): number | null {
  const total = cur?.cpu_usage?.total_usage;
  const preTotal = pre?.cpu_usage?.total_usage;
  const system = cur?.system_cpu_usage;
  const preSystem = pre?.system_cpu_usage;
  if (total === undefined || preTotal === undefined || !system || !preSystem) return null;
  const cpuDelta = total - preTotal;
  const systemDelta = system - preSystem;
  const online = cur?.online_cpus || cur?.cpu_usage?.percpu_usage?.length || 1;
  if (systemDelta <= 0 || cpuDelta < 0) return null;
  return (cpuDelta / systemDelta) * online * 100;
}

/** Memory in use without the inactive file cache (cgroup v1 `total_inactive_file`, v2 `inactive_file`). */
export function memoryUsed(m: EngineStats['memory_stats']): number {
  const usage = m?.usage ?? 0;
  const s = m?.stats ?? {};
  const inactive = s.total_inactive_file ?? s.inactive_file;
  return inactive !== undefined && inactive < usage ? usage - inactive : usage;
}

/**
 * One sample from a stats reading; `previous` (the last reading of the same stream) stands in when the
 * engine gives no `precpu_stats`.
 */
export function toSample(s: EngineStats, id: string, name: string, previous?: EngineStats): StatsSample {
  const pre = s.precpu_stats?.system_cpu_usage ? s.precpu_stats : previous?.cpu_stats;
  const used = memoryUsed(s.memory_stats);
  const limit = s.memory_stats?.limit ?? 0;
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(s.networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  let read = 0;
  let write = 0;
  for (const e of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = e.op.toLowerCase();
    if (op === 'read') read += e.value;
    else if (op === 'write') write += e.value;
  }
  const time = s.read ? Date.parse(s.read) : NaN;
  return {
    id,
    name,
    time: Number.isNaN(time) || time <= 0 ? Date.now() : time,
    cpuPercent: cpuPercent(s.cpu_stats, pre),
    memoryUsed: used,
    memoryLimit: limit,
    memoryPercent: limit > 0 ? (used / limit) * 100 : 0,
    netRx: rx,
    netTx: tx,
    blockRead: read,
    blockWrite: write,
    pids: s.pids_stats?.current ?? 0,
  };
}
