/**
 * The Swarm view's data: `swarm.info`, and on a manager the nodes, services and every task, fetched together.
 * Fetched again 150 ms after the last of a burst of `swarm.changes` (the engine's service/node/secret/config
 * events) or an engine (re)connect, then on the settle backoff while tasks are on their way (settle.ts: up to every 4 s, until none moved for two minutes),
 * and every 2 s while a rolling update or rollback runs (settle.ts rollingFollowUp: no event comes between its batches);
 * never on a timer otherwise.
 * The last answer stays shown while the next is fetched.
 */
import { useEffect, useRef, useState } from 'react';
import type { SwarmInfo, SwarmNode, SwarmService, SwarmTask } from '../../../shared/swarm';
import { client } from '../../client/client';
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

/**
 * The four reads at once: on a manager (the only case with lists) they do not wait for `swarm.info`'s
 * round trip; on a worker or an engine in no swarm the engine refuses the lists, and those refusals are
 * dropped (`info` says why there is nothing to list).
 */
async function fetchAll(): Promise<Omit<SwarmData, 'loaded'>> {
  const lists = Promise.all([client().call('swarm.nodes', {}), client().call('swarm.services', {}), client().call('swarm.tasks', {})]);
  lists.catch(() => undefined);
  const info = await client().call('swarm.info', {});
  if (info.role !== 'manager') return { info, nodes: [], services: [], tasks: [] };
  const [nodes, services, tasks] = await lists;
  return { info, nodes, services, tasks };
}

/** The read `prefetch` started before the view mounted, until the view takes it. */
let early: ReturnType<typeof fetchAll> | undefined;

/**
 * Start the view's first read before React renders it (views/lazy.ts `first`, for the view the window opens
 * on): its four calls then wait in the link's queue and leave with the link's `ready`, instead of after the
 * first render (measured ~55 ms later on a 50-service swarm, bench/swarm.ts). The first `useSwarm` takes it.
 */
export function prefetch(): void {
  early ??= fetchAll();
  early.catch(() => undefined);
}

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
    const read = early ?? fetchAll();
    early = undefined;
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
