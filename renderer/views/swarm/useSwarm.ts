/**
 * The Swarm view's data: `swarm.info`, and on a manager the nodes, services and every task, in one call (`swarm.overview`).
 * Fetched again 150 ms after the last of a burst of `swarm.changes` (the engine's service/node/secret/config
 * events) or an engine (re)connect, then on the settle backoff while tasks are on their way (settle.ts: up to every 4 s, until none moved for two minutes),
 * for a minute after a fetch found a task newly failed, the backoff not restarted meanwhile (a crash loop makes new tasks in silence),
 * and every 2 s while a rolling update or rollback runs (settle.ts rollingFollowUp: no event comes between its batches);
 * and otherwise every 10 s while the page is visible (settle.ts SWARM_WATCH_MS: no task event tells of a task that
 * fails later; a page shown again reads at once when its last read is older than that).
 * The last answer stays shown while the next is fetched.
 */
import { useEffect, useRef, useState } from 'react';
import type { SwarmInfo, SwarmNode, SwarmService, SwarmTask } from '../../../shared/swarm';
import { client } from '../../client/client';
import { useEngine } from '../../stores/stores';
import { readSwarm, takeEarly } from './early';
import { FAILURE_FOLLOW_MS, failedTaskIds, followUpDelay, newlyFailed, rollingFollowUp, SWARM_WATCH_MS, tasksMoved, tasksSignature } from './settle';

export interface SwarmData {
  info?: SwarmInfo;
  nodes: SwarmNode[];
  services: SwarmService[];
  tasks: SwarmTask[];
  error?: Error;
  loaded: boolean;
}

const DEBOUNCE_MS = 150;

export function useSwarm(): SwarmData {
  const [data, setData] = useState<SwarmData>({ nodes: [], services: [], tasks: [], loaded: false });
  const [version, setVersion] = useState(0);
  /** Which settle step the next follow-up is (reset by every event, and by a follow-up that finds tasks moved). */
  const step = useRef(0);
  /** The tasks of the last fetch (settle.ts tasksSignature); null before the first. */
  const lastTasks = useRef<string | null>(null);
  /** When the last event came or the last fetch found tasks moved (Date.now(), ms); 0 until the first fetch. */
  const lastMove = useRef(0);
  /** The failed tasks of the last fetch (settle.ts failedTaskIds), and when a fetch last found a new one (Date.now(), ms; 0: never). */
  const lastFailed = useRef<Set<string> | null>(null);
  const lastFailure = useRef(0);
  /** When the last read answered (Date.now(), ms; 0: not yet). */
  const lastRead = useRef(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        step.current = 0;
        lastMove.current = Date.now();
        setVersion((v) => v + 1);
      }, DEBOUNCE_MS);
    };
    const off = client().on('swarm.changes', again);
    // Shown again after a while hidden (no watch read runs then): read at once if the last read is old.
    const onVisible = () => {
      if (document.visibilityState === 'visible' && lastRead.current && Date.now() - lastRead.current >= SWARM_WATCH_MS) setVersion((v) => v + 1);
    };
    document.addEventListener('visibilitychange', onVisible);
    // An engine (re)connected or switched: what the swarm holds may have changed with no event seen here.
    const offEngine = useEngine.subscribe((s, prev) => {
      if (s.status?.state === 'connected' && (prev.status?.state !== 'connected' || prev.status.host !== s.status.host)) again();
    });
    return () => {
      clearTimeout(timer);
      off();
      offEngine();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  useEffect(() => {
    let live = true;
    let followUp: ReturnType<typeof setTimeout> | undefined;
    const read = takeEarly() ?? readSwarm();
    read.then(
      (d) => {
        if (!live) return;
        setData({ ...d, loaded: true });
        // While tasks keep failing (a crash loop: each new task starts, fails and is replaced), their moves are no
        // progress: they do not restart the backoff, which then reads at most every 4 s for as long as it loops.
        if (newlyFailed(lastFailed.current, d.tasks)) lastFailure.current = Date.now();
        lastFailed.current = failedTaskIds(d.tasks);
        const sinceFailure = lastFailure.current ? Date.now() - lastFailure.current : Infinity;
        if (lastMove.current === 0 || tasksMoved(lastTasks.current, d.tasks)) {
          if (sinceFailure >= FAILURE_FOLLOW_MS) step.current = 0;
          lastMove.current = Date.now();
        }
        lastTasks.current = tasksSignature(d.tasks);
        lastRead.current = Date.now();
        const delay = followUpDelay(step.current, d.tasks, Date.now() - lastMove.current, sinceFailure) ?? rollingFollowUp(d.services);
        if (delay !== null) step.current += 1;
        // Only on a manager: elsewhere there are no tasks to watch (and each read is refused in the engine's log).
        const next = delay ?? (d.info.role === 'manager' && document.visibilityState === 'visible' ? SWARM_WATCH_MS : null);
        if (next !== null) followUp = setTimeout(() => setVersion((v) => v + 1), next);
      },
      (error: Error) => live && setData((p) => ({ ...p, error, loaded: true })),
    );
    return () => {
      live = false;
      clearTimeout(followUp);
    };
  }, [version]);
  return data;
}
