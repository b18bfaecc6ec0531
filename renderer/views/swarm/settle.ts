/**
 * When the Swarm view asks again without an event. The engine sends events for services, nodes, secrets and
 * configs but none for tasks (moby has no task event type): after a scale, one `service update` event comes and
 * the tasks then move from `pending` to `running` in silence. So after a change, while some task is still on its
 * way to the state its orchestrator wants, the lists are fetched again on a backoff; once every task has arrived
 * (or the backoff is spent: a task that cannot be scheduled stays pending) nothing is fetched until the next event.
 */
import type { SwarmTask } from '../../../shared/swarm';

/** ms after a change (or after the previous follow-up) for each follow-up fetch; then it stops. */
export const SETTLE_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000] as const;

const ENDED = new Set(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);

/** True when a task is not yet in the state its orchestrator wants: starting up, or still running while told to stop. */
export function inTransit(t: SwarmTask): boolean {
  // Running (a service's task, or a job's until it completes): on its way while neither running nor ended.
  if (t.desiredState === 'running' || t.desiredState === 'complete') return t.state !== 'running' && !ENDED.has(t.state);
  // Told to stop or go: on its way until it has ended.
  return !ENDED.has(t.state);
}
