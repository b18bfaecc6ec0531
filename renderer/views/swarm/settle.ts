/**
 * When the Swarm view asks again without an event. The engine sends events for services, nodes, secrets and
 * configs but none for tasks (moby has no task event type): after a scale, one `service update` event comes and
 * the tasks then move from `pending` to `running` in silence. So after a change, while some task is still on its
 * way to the state its orchestrator wants, the lists are fetched again on a backoff; once every task has arrived
 * (or none has moved for two minutes: a task that cannot be scheduled stays pending) nothing is fetched until the next event.
 * The backoff starts again whenever a follow-up finds the tasks moved ({@link tasksMoved}): a scale to 20 on a
 * busy machine takes longer than the whole backoff, and the view must follow it to the end, as the CLI's
 * `docker service scale` (without --detach) follows its tasks until they converge.
 */
import type { SwarmService, SwarmTask } from '../../../shared/swarm';

/**
 * ms after a change (or after the previous follow-up) for each follow-up fetch; then every last one. While tasks
 * keep moving the backoff starts over, so the first step bounds how late the view shows the last task arriving
 * (bench/swarm.ts, scale 2 → 20: a step of 250 ms gave p95 597 ms at a load average of ~40). Each fetch is one
 * `swarm.overview` (four engine requests), so a scale that takes 3 s costs ~20 of them.
 */
export const SETTLE_DELAYS_MS = [150, 300, 600, 1200, 2400, 4000] as const;

/**
 * How long follow-ups go on while tasks are on their way but none moved, ms: a task that cannot be scheduled stays
 * pending for good, while one whose health check has not passed yet stays `starting` for its start period
 * (which may be minutes); two minutes covers the second without asking forever for the first.
 */
export const SETTLE_STALL_MS = 120_000;

/**
 * The delay before follow-up number `step` (0 first), ms, or null when none is due: when no task is on its way,
 * or when none has moved for {@link SETTLE_STALL_MS} (`sinceMoveMs`: since the last event or the last fetch that
 * found tasks moved).
 */
export function followUpDelay(step: number, tasks: readonly SwarmTask[], sinceMoveMs: number): number | null {
  if (!tasks.some(inTransit) || sinceMoveMs >= SETTLE_STALL_MS) return null;
  return SETTLE_DELAYS_MS[Math.min(step, SETTLE_DELAYS_MS.length - 1)]!;
}

const ENDED = new Set(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);

/** True when a task is not yet in the state its orchestrator wants: starting up, or still running while told to stop. */
export function inTransit(t: SwarmTask): boolean {
  // Running (a service's task, or a job's until it completes): on its way while neither running nor ended.
  if (t.desiredState === 'running' || t.desiredState === 'complete') return t.state !== 'running' && !ENDED.has(t.state);
  // Told to stop or go: on its way until it has ended.
  return !ENDED.has(t.state);
}

/** A task's identity and state, in the view's terms: what must change for the view to look different. */
export function tasksSignature(tasks: readonly SwarmTask[]): string {
  return tasks
    .map((t) => `${t.id}:${t.desiredState}:${t.state}`)
    .sort()
    .join(',');
}

/** True when the tasks of a fetch differ from the previous one's (`signature` of {@link tasksSignature}): work is moving. */
export function tasksMoved(previous: string | null, tasks: readonly SwarmTask[]): boolean {
  return previous !== null && previous !== tasksSignature(tasks);
}

/**
 * ms between fetches while some service's rolling update or rollback runs (UpdateStatus `updating` /
 * `rollback_started`): between two batches (`--update-delay`) no task is on its way and the engine sends no event
 * (swarmkit's updater writes the service only when the update starts, pauses or ends; tasks have no events), so
 * without this the progress (`updating: 1 of 3 on v2`) would stay as it was until the update ended.
 */
export const ROLLING_FOLLOW_MS = 2000;

/** {@link ROLLING_FOLLOW_MS} while a service of `services` is updating or rolling back, else null. */
export function rollingFollowUp(services: readonly SwarmService[]): number | null {
  return services.some((s) => s.updateStatus?.state === 'updating' || s.updateStatus?.state === 'rollback_started') ? ROLLING_FOLLOW_MS : null;
}
