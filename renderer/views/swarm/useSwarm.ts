/**
 * The Swarm view's data: `swarm.info`, and on a manager the nodes, services and every task, in one call (`swarm.overview`).
 * Fetched again 150 ms after the last of a burst of `swarm.changes` (the engine's service/node/secret/config
 * events) or an engine (re)connect, then on the settle backoff while tasks are on their way (settle.ts: up to every 4 s, until none moved for two minutes),
 * and every 2 s while a rolling update or rollback runs (settle.ts rollingFollowUp: no event comes between its batches);
 * never on a timer otherwise.
 * The last answer stays shown while the next is fetched.
 */
import { useEffect, useRef, useState } from 'react';
import type { SwarmInfo, SwarmNode, SwarmService, SwarmTask } from '../../../shared/swarm';
import { client } from '../../client/client';
import { readSwarm, takeEarly } from './early';
import { useEngine } from '../../stores/stores';
import { followUpDelay, rollingFollowUp, tasksMoved, tasksSignature } from './settle';

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
    // An engine (re)connected or switched: what the swarm holds may have changed with no event seen here.
    const offEngine = useEngine.subscribe((s, prev) => {
      if (s.status?.state === 'connected' && (prev.status?.state !== 'connected' || prev.status.host !== s.status.host)) again();
    });
    return () => {
      clearTimeout(timer);
      off();
      offEngine();
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
        if (lastMove.current === 0 || tasksMoved(lastTasks.current, d.tasks)) {
          step.current = 0;
          lastMove.current = Date.now();
        }
        lastTasks.current = tasksSignature(d.tasks);
        const delay = followUpDelay(step.current, d.tasks, Date.now() - lastMove.current) ?? rollingFollowUp(d.services);
        if (delay !== null) {
          step.current += 1;
          followUp = setTimeout(() => setVersion((v) => v + 1), delay);
        }
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
