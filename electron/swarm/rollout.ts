/**
 * A rolling update or rollback as the tasks show it (issue #16, review finding 11): which images the running
 * tasks run, and why a paused update stopped. Pure, on the engine's `/services` and `/tasks` JSON.
 *
 * Sources: swarmkit `manager/orchestrator/update/updater.go` (a task of the new spec is made from the service's
 * `Spec.Task`, so its own `Spec.ContainerSpec.Image` says which spec it belongs to; a failed one pauses the update
 * with `update paused due to failure or early termination of task ID`; Docker 20.10 words a paused rollback
 * (`rollback_paused`) the same, seen on the test swarm).
 */
import type { SwarmService } from '../../shared/swarm';

/** The parts of a `/tasks` entry read here. */
export interface RolloutTask {
  ID: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: { Timestamp?: string; State?: string; Err?: string; Message?: string };
}

/** `name:tag@sha256:…` → the reference without its digest, and the digest (null when none). */
export function splitDigest(image: string): { image: string; digest: string | null } {
  const at = image.indexOf('@');
  return at < 0 ? { image, digest: null } : { image: image.slice(0, at), digest: image.slice(at + 1) };
}

/**
 * The running tasks (current state `running`) counted by their spec's image, compared whole (digest included),
 * the service's own `specImage` first (at 0 when none runs it yet), the others most running first.
 * @param specImage the service's `Spec.TaskTemplate.ContainerSpec.Image`, as the engine keeps it.
 */
export function runningImages(specImage: string, tasks: readonly RolloutTask[]): SwarmService['runningImages'] {
  const counts = new Map<string, number>();
  for (const t of tasks) {
    if (t.Status?.State !== 'running') continue;
    const image = t.Spec?.ContainerSpec?.Image ?? '';
    counts.set(image, (counts.get(image) ?? 0) + 1);
  }
  const others = [...counts].filter(([image]) => image !== specImage).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const own = specImage ? [{ ...splitDigest(specImage), running: counts.get(specImage) ?? 0, current: true }] : [];
  return [...own, ...others.map(([image, running]) => ({ ...splitDigest(image), running, current: false }))];
}

/** The task ID an UpdateStatus message names (`… of task 9p7ith557h8ndf0ui9s0q951b`), or null. */
export function namedTask(message: string): string | null {
  return /\bof task ([a-z0-9]+)\s*$/i.exec(message)?.[1] ?? null;
}

/**
 * Why a paused update (or rollback) stopped, in the task's words: `task <state>: <Err>` of the task the engine's
 * message names (`task rejected: No such image: nope:1`, `task failed: task: non-zero exit (1)`); when that task is
 * gone from the history or says nothing, the newest task error (`Status.Err`) since the update started (`since`,
 * ms); null when no task says anything.
 */
export function pausedTaskError(message: string, tasks: readonly RolloutTask[], since: number): string | null {
  const id = namedTask(message);
  const named = id ? tasks.find((t) => t.ID === id || t.ID.startsWith(id)) : undefined;
  if (named?.Status?.Err) return `task ${named.Status.State ?? 'failed'}: ${named.Status.Err}`;
  let best: { at: number; text: string } | null = null;
  for (const t of tasks) {
    const err = t.Status?.Err;
    const at = Date.parse(t.Status?.Timestamp ?? '') || 0;
    if (!err || at < since) continue;
    if (!best || at > best.at) best = { at, text: `task ${t.Status?.State ?? 'failed'}: ${err}` };
  }
  return best?.text ?? null;
}
