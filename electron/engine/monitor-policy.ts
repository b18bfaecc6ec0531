/**
 * The engine monitor's numbers and pure helpers (monitor.ts): reconnect backoff, resync period, batching, and
 * which events touch which whole list. No I/O here.
 */
import pLimit from 'p-limit';
import type { ContainerSummary } from '../../shared/model';

/** Reconnect (and refresh retry) delays: 500 ms doubling to at most 5 s. */
export const BACKOFF = { initialMs: 500, maxMs: 5_000 } as const;

/** Period of the safety-net resync, ms. */
export const RESYNC_MS = 60_000;
/**
 * Podman 4.3's Docker-compatible `/events` carries no network events (checked: `podman network create`
 * and `rm` are silent there): while someone follows networks on Podman, they are re-read this often, ms.
 */
export const PODMAN_NETWORKS_POLL_MS = 2_000;

/** Containers inspected at once during a refresh. */
export const INSPECT_CONCURRENCY = 8;
/** Containers refreshed per batch, so that later events are not held behind a very long first fill. */
export const BATCH = 256;
/** A batch changing more containers than this goes out as one snapshot instead of many upserts. */
export const SNAPSHOT_ABOVE = 50;

/** Container actions that change which containers use a volume / a network (or their addresses). */
export const VOLUME_ACTIONS = new Set(['create', 'destroy', 'remove']);
export const NETWORK_ACTIONS = new Set(['create', 'destroy', 'remove', 'rename', 'start', 'die']);

/** The delay before reconnect attempt `attempt` (0-based), ms: `initialMs` doubling, at most `maxMs`. */
export function backoffDelay(attempt: number, b: { initialMs: number; maxMs: number } = BACKOFF): number {
  return Math.min(b.maxMs, b.initialMs * 2 ** Math.min(attempt, 20));
}

/** The list fields a container's list entry and its inspect agree on: when these differ, inspect again. */
export function listFields(c: ContainerSummary): unknown[] {
  return [c.name, c.state, c.image, c.imageId, c.ports, c.labels];
}

/** Run `fn` over `items`, at most `limit` at a time (p-limit); never rejects (each outcome is settled, in order). */
export function settleAll<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const run = pLimit(limit);
  return Promise.allSettled(items.map((item) => run(() => fn(item))));
}
