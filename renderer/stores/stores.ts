/**
 * The app's stores, one per resource, fed by the client's topics. `connectStores` subscribes each store
 * to its topic once, at start-up.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { LinkState } from '../client/link';
import type { Client } from '../client/client';
import type { ContainerSummary, EngineStatus, ImageSummary } from '../../shared/model';
import type { NetworkSummary, VolumeSummary } from '../../shared/resources';
import { client as currentClient } from '../client/client';
import { useLayerProgress } from './layers';
import { createListStore } from './list-store';
import { dispatchLog } from './feeds';
import { useSessions } from './sessions';
import { useTasks } from './tasks';
import { applySettings } from './settings';

export const useContainers = createListStore<ContainerSummary>((c) => c.id);
export const useImages = createListStore<ImageSummary>((i) => i.id);
/** Volumes and networks: followed only while a view shows them (`useFollow`), their listing costs more. */
export const useVolumes = createListStore<VolumeSummary>((v) => v.name);
export const useNetworks = createListStore<NetworkSummary>((n) => n.id);

const followed = { volumes: useVolumes, networks: useNetworks } as const;
const follows = new Map<keyof typeof followed, { count: number; off: () => void }>();

/**
 * Keep `topic`'s store current while the calling component is mounted: the first caller subscribes, the
 * last one to unmount unsubscribes and empties the store (so a later view shows "Loading…", not stale rows).
 */
export function useFollow(topic: keyof typeof followed): void {
  useEffect(() => {
    const f = follows.get(topic);
    if (f) f.count++;
    else follows.set(topic, { count: 1, off: currentClient().on(topic, (d) => followed[topic].getState().apply(d as never)) });
    return () => {
      const g = follows.get(topic);
      if (!g || --g.count > 0) return;
      g.off();
      follows.delete(topic);
      followed[topic].getState().reset();
    };
  }, [topic]);
}

export interface EngineState {
  /** Connection to the engine, as the Node side sees it. Null until it first reports. */
  status: EngineStatus | null;
  /** Connection from this window to the Node side (always open in Electron). */
  link: LinkState;
  /** The hosts this window has seen connected (so that what is shown of one is a last known state, not nothing). */
  reached: ReadonlySet<string>;
}
export const useEngine = create<EngineState>(() => ({ status: null, link: 'closed', reached: new Set() }));

export function connectStores(client: Client): () => void {
  const offs = [
    client.onLinkState((link) => useEngine.setState({ link })),
    client.on('engine.status', (status) =>
      useEngine.setState((s) => ({ status, ...(status.state === 'connected' && !s.reached.has(status.host) ? { reached: new Set([...s.reached, status.host]) } : {}) })),
    ),
    client.on('containers', (d) => useContainers.getState().apply(d)),
    client.on('images', (d) => useImages.getState().apply(d)),
    client.on('layers.progress', (p) => useLayerProgress.getState().apply(p)),
    client.on('tasks', (e) => useTasks.getState().apply(e)),
    client.on('sessions', (e) => useSessions.getState().apply(e)),
    client.on('logs', dispatchLog),
    client.on('settings', applySettings),
  ];
  return () => offs.forEach((off) => off());
}
