/**
 * What a new service did after the manager accepted it, said once (review finding 6 of issue #16): the
 * manager answers a create at once, even for a service that can never run, so "Created" alone would claim
 * success. As `docker service create` (not detached) follows the first convergence, the Swarm view watches a
 * service created from Berth's dialog until all its wanted tasks run ("web: all 3 tasks running") or the
 * engine gives a reason none can ("web: its tasks do not run: No such image: …"), then forgets it. A service
 * that does neither within WATCH_MS is forgotten without a word (the Services row still shows its state).
 */
import { create } from 'zustand';
import type { SwarmService } from '../../../shared/swarm';
import { useNotices } from '../../stores/notices';

/** How long a created service is watched (ms). */
export const WATCH_MS = 5 * 60_000;

/** Watched services: name → when to stop watching (Date.now() ms). */
const useWatched = create<Record<string, number>>(() => ({}));

/** Watch service `name` (just created) until it converges or fails (see the module's comment). */
export function watchConvergence(name: string, now = Date.now()): void {
  useWatched.setState({ [name]: now + WATCH_MS });
}

/**
 * The notice a watched service's state gives, or null while it is on its way. Pure.
 * Jobs are left alone (they converge by finishing); a service wanting 0 tasks has nothing to wait for.
 */
export function convergenceNotice(s: Pick<SwarmService, 'name' | 'mode' | 'replicas' | 'problem'>): { kind: 'info' | 'error'; text: string } | null {
  if (s.mode === 'replicated-job' || s.mode === 'global-job') return null;
  const { running, desired } = s.replicas;
  if (desired === 0) return { kind: 'info', text: `${s.name} wants no task (0 replicas)` };
  if (running >= desired) return { kind: 'info', text: `${s.name}: ${desired === 1 ? 'its task is' : `all ${desired} tasks`} running` };
  if (s.problem) return { kind: 'error', text: `${s.name}: ${running === 0 ? 'no task runs' : `${running} of ${desired} tasks run`}: ${s.problem}` };
  return null;
}

/** Say what each watched service in `services` came to, and stop watching those (and expired ones). */
export function reportConvergence(services: readonly SwarmService[], now = Date.now()): void {
  const watched = useWatched.getState();
  const names = Object.keys(watched);
  if (!names.length) return;
  const done: string[] = names.filter((n) => watched[n]! < now);
  for (const s of services) {
    if (!(s.name in watched) || done.includes(s.name)) continue;
    const notice = convergenceNotice(s);
    if (!notice) continue;
    useNotices.getState().push(notice.kind, notice.text);
    done.push(s.name);
  }
  if (done.length) useWatched.setState(Object.fromEntries(Object.entries(watched).filter(([n]) => !done.includes(n))), true);
}
