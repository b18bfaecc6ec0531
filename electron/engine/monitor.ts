/**
 * Keeps Berth's picture of one engine current: connection status, and live lists that follow the engine's
 * `/events` stream. On every (re)connect it subscribes to events first, then lists everything (a full
 * resync), so nothing that happens in between is missed. When the engine goes away it reports
 * `unreachable` and retries with exponential backoff.
 *
 * Containers are refreshed one by one with inspect, never with the list: Docker logs `die` before it updates
 * the view its list reads (moby daemon/monitor.go, handleContainerExit: the event, then `CheckpointTo`), so
 * a list right after `die` still says "running" and no later event corrects it; inspect waits for the
 * container's lock and sees the exit. A container whose refresh fails stays dirty and is retried, a full
 * resync follows any failure, and a cheap resync (one list, inspect only what differs) runs every
 * RESYNC_MS as a safety net for lost events.
 *
 * What to list and inspect is injected (MonitorSources): the engine layer imports no feature.
 * Subscribers get the current state first (status or snapshot), then deltas, in order.
 */
import { EventEmitter } from 'node:events';
import { isDeepStrictEqual } from 'node:util';
import type { TopicName, TopicPayload } from '../../shared/api';
import type { ContainerSummary, EngineStatus, ImageSummary, ListDelta } from '../../shared/model';
import type { Engine } from './engine';
import { subscribeEvents, type EngineEvent, type EventSubscription } from './events';
import { LiveList } from './live-list';

/** Reconnect (and refresh retry) delays: 500 ms doubling to at most 5 s. */
export const BACKOFF = { initialMs: 500, maxMs: 5_000 } as const;

/** Period of the safety-net resync, ms. */
export const RESYNC_MS = 60_000;

/** Containers inspected at once during a refresh. */
const INSPECT_CONCURRENCY = 8;
/** Containers refreshed per batch, so that later events are not held behind a very long first fill. */
const BATCH = 256;
/** A batch changing more containers than this goes out as one snapshot instead of many upserts. */
const SNAPSHOT_ABOVE = 50;

/** The topics the monitor serves. */
export type MonitorTopic = 'engine.status' | 'containers' | 'images';

/** What the monitor reads from the engine; wired in services.ts from the features' services. */
export interface MonitorSources {
  /** Every container as the cheap list reports it (`docker ps -a`): times may be null. */
  listContainers(): Promise<ContainerSummary[]>;
  /** One container as inspect reports it; null when it no longer exists. @throws on any other failure. */
  inspectContainer(id: string): Promise<ContainerSummary | null>;
  /** Every image. */
  listImages(): Promise<ImageSummary[]>;
}

export function backoffDelay(attempt: number, b: { initialMs: number; maxMs: number } = BACKOFF): number {
  return Math.min(b.maxMs, b.initialMs * 2 ** Math.min(attempt, 20));
}

/** The list fields a container's list entry and its inspect agree on: when these differ, inspect again. */
function listFields(c: ContainerSummary): unknown[] {
  return [c.name, c.state, c.image, c.imageId, c.ports, c.labels];
}

/** Run `fn` over `items`, at most `limit` at a time; never rejects (each outcome is settled). */
async function settleAll<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const out: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = { status: 'fulfilled', value: await fn(items[i]!) };
      } catch (reason) {
        out[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

export class EngineMonitor {
  private status: EngineStatus;
  private readonly containers = new LiveList<ContainerSummary>((c) => c.id);
  private readonly images = new LiveList<ImageSummary>((i) => i.id);
  private readonly emitter = new EventEmitter();
  /** Container IDs to refresh → the sequence number of the latest event for each. */
  private readonly dirty = new Map<string, number>();
  private sequence = 0;
  private imagesDirty = false;
  private resyncWanted = false;
  /** True between a successful first resync and the loss of the event stream. */
  private synced = false;
  private working: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private resyncTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private events: EventSubscription | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly sources: MonitorSources,
    private readonly options: { backoff?: { initialMs: number; maxMs: number }; resyncMs?: number } = {},
  ) {
    this.emitter.setMaxListeners(0);
    this.status = { state: 'connecting', host: engine.host.display };
  }

  private get backoff(): { initialMs: number; maxMs: number } {
    return this.options.backoff ?? BACKOFF;
  }

  /** Start connecting; safe to call once. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Stop following the engine and close the event stream. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    this.events?.close();
    this.wake?.();
    await this.loop;
    await this.working;
  }

  /** The connection status now. */
  currentStatus(): EngineStatus {
    return this.status;
  }

  /**
   * Listen to a topic. The listener is called at once with the current state, then with every change.
   * @returns a function that unsubscribes.
   */
  subscribe<T extends MonitorTopic>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void {
    const l = listener as (p: unknown) => void;
    this.emitter.on(topic, l);
    l(this.current(topic));
    return () => this.emitter.off(topic, l);
  }

  private current(topic: MonitorTopic): unknown {
    if (topic === 'engine.status') return this.status;
    if (topic === 'containers') return this.containers.snapshot();
    return this.images.snapshot();
  }

  private emit<T extends TopicName>(topic: T, payload: TopicPayload<T>): void {
    this.emitter.emit(topic, payload);
  }

  private setStatus(status: EngineStatus): void {
    this.status = status;
    this.emit('engine.status', status);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.retryTimer = this.resyncTimer = null;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        const info = await this.engine.identify();
        this.events = await subscribeEvents(this.engine, (e) => this.onEvent(e));
        // A refresh left over from the previous connection must not interleave with this resync.
        await this.working;
        await this.resync(true);
        attempt = 0;
        this.synced = true;
        this.resyncTimer = setInterval(() => this.requestResync(), this.options.resyncMs ?? RESYNC_MS);
        this.resyncTimer.unref();
        this.setStatus({ state: 'connected', host: this.engine.host.display, info });
        this.kick();
        await this.events.done;
        if (!this.stopped) throw new Error(`engine unreachable: ${this.engine.host.display} (event stream ended)`);
      } catch (err) {
        this.synced = false;
        this.clearTimers();
        this.events?.close();
        this.events = null;
        if (this.stopped) break;
        const retryInMs = backoffDelay(attempt++, this.backoff);
        const error = err instanceof Error ? err.message : String(err);
        this.setStatus({ state: 'unreachable', host: this.engine.host.display, error, retryInMs });
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, retryInMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = null;
      }
    }
  }

  private requestResync(): void {
    this.resyncWanted = true;
    this.kick();
  }

  /**
   * Full resync: one container list and one image list. Containers already held with the same list fields
   * keep their inspected details; the others are listed as the list says and marked for inspection.
   * @param snapshot send snapshots (on connect) instead of deltas (the periodic resync).
   */
  private async resync(snapshot: boolean): Promise<void> {
    const [listed, images] = await Promise.all([this.sources.listContainers(), this.sources.listImages()]);
    const items = listed.map((c) => {
      const held = this.containers.get(c.id);
      if (held && isDeepStrictEqual(listFields(held), listFields(c))) return held;
      this.markDirty(c.id);
      return held ?? c;
    });
    this.imagesDirty = false;
    if (snapshot) {
      this.emit('containers', this.containers.replaceAll(items));
      this.emit('images', this.images.replaceAll(images));
    } else {
      this.emitAll('containers', this.containers, this.containers.diffAll(items));
      this.emitAll('images', this.images, this.images.diffAll(images));
    }
  }

  private markDirty(id: string): void {
    this.dirty.set(id, ++this.sequence);
  }

  private onEvent(e: EngineEvent): void {
    if (e.Type === 'container') {
      const id = e.Actor?.ID ?? e.id;
      if (id) this.markDirty(id);
      // A commit makes an image; Podman 4.3 sends no image event for it (Docker sends `tag`).
      if (e.Action === 'commit') this.imagesDirty = true;
    } else if (e.Type === 'image') {
      this.imagesDirty = true;
    }
    this.kick();
  }

  private hasWork(): boolean {
    return this.resyncWanted || this.dirty.size > 0 || this.imagesDirty;
  }

  /**
   * Start the one worker that refreshes what events touched, one batch at a time, so deltas go out in the
   * order things happened. Nothing runs before the first resync, nor while a retry is pending.
   */
  private kick(): void {
    if (this.working || this.retryTimer || this.stopped || !this.synced) return;
    this.working = this.work().finally(() => {
      this.working = null;
      if (this.hasWork()) this.kick();
    });
  }

  private async work(): Promise<void> {
    while (!this.stopped && this.synced && this.hasWork()) {
      try {
        if (this.resyncWanted) {
          this.resyncWanted = false;
          await this.resync(false);
        } else {
          await this.flushOnce();
        }
        this.failures = 0;
      } catch {
        // Nothing is lost: failed containers stay dirty. Retry after a pause, with a full resync first.
        this.resyncWanted = true;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, backoffDelay(this.failures++, this.backoff));
        return;
      }
    }
  }

  /** Send deltas, or one snapshot when there are many (a client applies a snapshot at once). */
  private emitAll<T extends 'containers' | 'images'>(topic: T, list: { snapshot(): TopicPayload<T> }, deltas: TopicPayload<T>[]): void {
    if (deltas.length > SNAPSHOT_ABOVE) this.emit(topic, list.snapshot());
    else for (const d of deltas) this.emit(topic, d);
  }

  /** Refresh one batch of dirty containers (inspect), then the images if touched. @throws the first failure. */
  private async flushOnce(): Promise<void> {
    if (this.dirty.size > 0) {
      const batch = [...this.dirty].slice(0, BATCH);
      const results = await settleAll(batch, INSPECT_CONCURRENCY, ([id]) => this.sources.inspectContainer(id));
      const deltas: ListDelta<ContainerSummary>[] = [];
      let failure: unknown = null;
      batch.forEach(([id, seq], i) => {
        const r = results[i]!;
        if (r.status === 'rejected') {
          failure ??= r.reason;
          return;
        }
        // An event that arrived during the inspect asks for another look.
        if (this.dirty.get(id) === seq) this.dirty.delete(id);
        deltas.push(...this.containers.reconcile([id], r.value ? [r.value] : []));
      });
      this.emitAll('containers', this.containers, deltas);
      if (failure) throw failure;
    }
    if (this.imagesDirty) {
      this.imagesDirty = false;
      try {
        this.emitAll('images', this.images, this.images.diffAll(await this.sources.listImages()));
      } catch (err) {
        this.imagesDirty = true;
        throw err;
      }
    }
  }
}
