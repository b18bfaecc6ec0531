/**
 * The Swarm view's whole read (`swarm.overview`), and its start before the view's chunk has arrived: for the view
 * the window opens on, views/lazy.ts `first` calls `prefetchSwarm` while it fetches the chunk, so the call leaves
 * with the link's `ready` and the engine answers while the view's script is still loading (bench/swarm.ts). This
 * module is in the page's first script: it holds nothing but the call.
 */
import type { SwarmOverview } from '../../../shared/swarm';
import { client } from '../../client/client';

/** Every list of the Swarm view in one call; on an engine that is not a manager, empty lists and `info` saying why. */
export const readSwarm = (): Promise<SwarmOverview> => client().call('swarm.overview', {});

/** The read `prefetchSwarm` started, until the view's first `useSwarm` takes it. */
let early: Promise<SwarmOverview> | undefined;

/** Start the view's first read now (once: a second call before `takeEarly` shares the first). */
export function prefetchSwarm(): void {
  early ??= readSwarm();
  early.catch(() => undefined);
}

/** The prefetched read, if one is waiting (taken once: a later view reads afresh). */
export function takeEarly(): Promise<SwarmOverview> | undefined {
  const e = early;
  early = undefined;
  return e;
}
