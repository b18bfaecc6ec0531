/**
 * One list of the Swarm view's Secrets, Configs or Networks tab (`swarm.secrets`, `swarm.configs`,
 * `swarm.networks`): fetched when the tab opens, again 150 ms after the last of a burst of `swarm.changes`
 * (the engine's secret/config events) or `networks` changes, and after the tab's own actions (`reload`).
 * Never polled. The last answer stays shown while the next is fetched.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SwarmNetwork, SwarmObject } from '../../../shared/swarm-objects';
import { client } from '../../client/client';

interface Lists {
  'swarm.secrets': SwarmObject;
  'swarm.configs': SwarmObject;
  'swarm.networks': SwarmNetwork;
}
type ListMethod = keyof Lists;
type Item<M extends ListMethod> = Lists[M];

const DEBOUNCE_MS = 150;

function fetchList<M extends ListMethod>(method: M): Promise<Item<M>[]> {
  return (method === 'swarm.networks' ? client().call('swarm.networks', {}) : client().call(method as 'swarm.secrets', {})) as Promise<Item<M>[]>;
}

export interface SwarmList<T> {
  items: T[];
  error?: Error;
  loaded: boolean;
  /** Fetch again now (after an action of the tab's own). */
  reload(): void;
}

export function useSwarmList<M extends ListMethod>(method: M): SwarmList<Item<M>> {
  const [state, setState] = useState<{ items: Item<M>[]; error?: Error; loaded: boolean }>({ items: [], loaded: false });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const again = () => {
      clearTimeout(timer);
      timer = setTimeout(reload, DEBOUNCE_MS);
    };
    const offs = [client().on('swarm.changes', again), ...(method === 'swarm.networks' ? [client().on('networks', again)] : [])];
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [method, reload]);
  useEffect(() => {
    let live = true;
    fetchList(method).then(
      (items) => live && setState({ items: items as Item<M>[], loaded: true }),
      (error: Error) => live && setState((p) => ({ ...p, error, loaded: true })),
    );
    return () => {
      live = false;
    };
  }, [method, version]);
  return { ...state, reload };
}
