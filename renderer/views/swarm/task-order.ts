/**
 * The Tasks table's order by name, as `docker service ps` lists tasks: by service, then slot (a global
 * service's tasks by node), and within a slot the current task (desired running) first, then its history
 * newest first. Source: docker/cli `cli/command/task/print.go` (tasks sorted by service, slot, then by
 * `Status.Timestamp` newest first; history rows printed as `\_ name` under the current one).
 */
import type { SwarmTask } from '../../../shared/swarm';

/**
 * A sort key giving that order under VirtualTable's compare (`localeCompare`, numeric, base sensitivity). Parts
 * are joined by a space: it sorts before every character of a name and, unlike a control character, the
 * collation does not ignore it. Pure.
 */
export function taskOrderKey(t: Pick<SwarmTask, 'serviceName' | 'slot' | 'nodeId' | 'desiredState' | 'since'>): string {
  const place = t.slot !== null ? String(t.slot).padStart(6, '0') : (t.nodeId ?? '');
  const current = t.desiredState === 'running' ? '0' : '1';
  // Newest first: the complement of the time (ms since the epoch, under 10^15).
  const age = String(1e15 - (t.since ?? 0)).padStart(16, '0');
  return `${t.serviceName} ${place} ${current} ${age}`;
}

