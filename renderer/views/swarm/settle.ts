/**
 * When the Swarm view asks again without an event. The engine sends events for services, nodes, secrets and
 * configs but none for tasks (moby has no task event type): after a scale, one `service update` event comes and
 * the tasks then move from `pending` to `running` in silence. So after a change, while some task is still on its
 * way to the state its orchestrator wants, the lists are fetched again on a backoff; once every task has arrived
 * (or none has moved for two minutes: a task that cannot be scheduled stays pending) only the slow watch read
 * ({@link SWARM_WATCH_MS}) remains until the next event.
 * The backoff starts again whenever a follow-up finds the tasks moved ({@link tasksMoved}): a scale to 20 on a
 * busy machine takes longer than the whole backoff, and the view must follow it to the end, as the CLI's
 * `docker service scale` (without --detach) follows its tasks until they converge. Failures are the exception
 * ({@link FAILURE_FOLLOW_MS}): a crash loop moves forever and is followed at the backoff's slowest pace.
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
 * How long follow-ups go on after a fetch found a task newly failed or rejected, ms (this page's clock: when the
 * failure was seen, not the engine's time). A crash-looping service (its task exits, swarmkit starts another after
 * its restart delay, 5 s by default) makes new tasks in silence. Stopping when a fetch happened to catch every task
 * running left "2/2" shown for a service that `docker service ls` showed at 0/2 (review 27, F1). And restarting the
 * backoff at every new task read it 2–3 times a second for as long as it looped: within this time of a new failure
 * moves do not restart it (useSwarm.ts), so a loop is followed at the backoff's pace, up to 4 s.
 */
export const FAILURE_FOLLOW_MS = 60_000;

/**
 * The delay before follow-up number `step` (0 first), ms, or null when none is due: when no task is on its way and
 * no failure was seen for {@link FAILURE_FOLLOW_MS} (`sinceFailureMs`: since a fetch last found a task newly
 * failed), or when none has moved for {@link SETTLE_STALL_MS} (`sinceMoveMs`: since the last event or the last
 * fetch that found tasks moved).
 */
export function followUpDelay(step: number, tasks: readonly SwarmTask[], sinceMoveMs: number, sinceFailureMs = Infinity): number | null {
  if ((!tasks.some(inTransit) && sinceFailureMs >= FAILURE_FOLLOW_MS) || sinceMoveMs >= SETTLE_STALL_MS) return null;
  return SETTLE_DELAYS_MS[Math.min(step, SETTLE_DELAYS_MS.length - 1)]!;
}

/**
 * The longest the Swarm view goes without a read while the page is visible, ms. moby sends no task events, so a task
 * that fails after the view's last read (a crash loop whose tasks all happened to be running then, a service that
 * fails an hour later, on a node whose events Berth does not see) stayed shown as running until the next service or
 * node event: `docker service ls` said 0/2 while the view said 2/2 (review 27, F1). One `swarm.overview` (four
 * engine requests) per 10 s bounds that, as `watch docker service ls` would (every 2 s). Not while the page is hidden.
 */
export const SWARM_WATCH_MS = 10_000;

/** The IDs of the tasks that failed or were rejected (the engine keeps a few per slot: `--task-history-limit`). */
export function failedTaskIds(tasks: readonly SwarmTask[]): Set<string> {
  return new Set(tasks.filter((t) => t.state === 'failed' || t.state === 'rejected').map((t) => t.id));
}

/** True when `tasks` hold a failed or rejected task that the previous fetch's `previous` ({@link failedTaskIds}) did not; false for the first fetch. */
export function newlyFailed(previous: ReadonlySet<string> | null, tasks: readonly SwarmTask[]): boolean {
  if (!previous) return false;
  for (const id of failedTaskIds(tasks)) if (!previous.has(id)) return true;
  return false;
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
