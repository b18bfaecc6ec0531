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
import type { NetworkSummary, VolumeSummary } from '../../shared/resources';
import type { Engine } from './engine';
import { subscribeEvents, type EngineEvent, type EventSubscription } from './events';
import { LiveList } from './live-list';

import { BACKOFF, BATCH, backoffDelay, INSPECT_CONCURRENCY, listFields, NETWORK_ACTIONS, PODMAN_NETWORKS_POLL_MS, RESYNC_MS, settleAll, SNAPSHOT_ABOVE, VOLUME_ACTIONS } from './monitor-policy';

export { BACKOFF, backoffDelay, PODMAN_NETWORKS_POLL_MS, RESYNC_MS } from './monitor-policy';

/** The topics the monitor serves. */
export type MonitorTopic = 'engine.status' | 'containers' | WholeTopic;

/** Lists refreshed whole (one list call) when an event touches them. */
type WholeTopic = 'images' | 'volumes' | 'networks';
type Item<T extends WholeTopic> = TopicPayload<T> extends ListDelta<infer I> ? I : never;
/** Followed only while someone listens: their listing is dearer (volumes read /system/df). */
const LAZY: ReadonlySet<WholeTopic> = new Set(['volumes', 'networks']);

/** What the monitor reads from the engine; wired in services.ts from the features' services. */
export interface MonitorSources {
  /** Every container as the cheap list reports it (`docker ps -a`): times may be null. */
  listContainers(): Promise<ContainerSummary[]>;
  /** One container as inspect reports it; null when it no longer exists. @throws on any other failure. */
  inspectContainer(id: string): Promise<ContainerSummary | null>;
  /** Every image. */
  listImages(): Promise<ImageSummary[]>;
  /** Every volume, with the containers using each. */
  listVolumes(): Promise<VolumeSummary[]>;
  /** Every network, with the containers attached to each. */
  listNetworks(): Promise<NetworkSummary[]>;
}

export class EngineMonitor {
  private status: EngineStatus;
  private readonly containers = new LiveList<ContainerSummary>((c) => c.id);
  /** `followed`: listed and kept current (images always; lazy lists while someone listens). `loaded`: listed since. */
  private readonly whole: { [T in WholeTopic]: { list: LiveList<Item<T>>; dirty: boolean; followed: boolean; loaded: boolean } } = {
    images: { list: new LiveList<ImageSummary>((i) => i.id), dirty: false, followed: true, loaded: false },
    volumes: { list: new LiveList<VolumeSummary>((v) => v.name), dirty: false, followed: false, loaded: false },
    networks: { list: new LiveList<NetworkSummary>((n) => n.id), dirty: false, followed: false, loaded: false },
  };

  private readonly emitter = new EventEmitter();
  /** Listeners of the raw event stream (onEngineEvent). */
  private readonly rawListeners = new Set<(e: EngineEvent) => void>();
  /** Container IDs to refresh → the sequence number of the latest event for each. */
  private readonly dirty = new Map<string, number>();
  private sequence = 0;
  private resyncWanted = false;
  /** True between a successful first resync and the loss of the event stream. */
  private synced = false;
  private working: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private resyncTimer: NodeJS.Timeout | null = null;
  private networksPoll: NodeJS.Timeout | null = null;
  private failures = 0;
  private events: EventSubscription | null = null;
  private stopped = false;
  /** Aborted by stop(): ends a pending event subscription and every wait of the connect loop at once. */
  private readonly stopping = new AbortController();
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

  /**
   * Stop following the engine and close the event stream. Resolves promptly whatever the loop awaits (an
   * event subscription still being made, an identify on a slow ssh:// link): those are abandoned, and the
   * pending `/events` request is aborted. A refresh in flight finishes on its own (bounded by the request
   * timeout) and emits nothing that matters: subscribers have left.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.clearTimers();
    this.events?.close();
    this.wake?.();
    await this.loop;
  }

  /** `p`, or a rejection as soon as stop() is called. */
  private guard<T>(p: Promise<T>): Promise<T> {
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.reject(new Error('stopped'));
    return new Promise<T>((resolve, reject) => {
      const onStop = () => reject(new Error('stopped'));
      signal.addEventListener('abort', onStop, { once: true });
      p.then(
        (v) => (signal.removeEventListener('abort', onStop), resolve(v)),
        (e: unknown) => (signal.removeEventListener('abort', onStop), reject(e)),
      );
    });
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
    const whole = topic === 'engine.status' || topic === 'containers' ? null : this.whole[topic as WholeTopic];
    if (!whole) l(this.current(topic));
    else if (whole.loaded) l(whole.list.snapshot());
    else if (!whole.followed) {
      // A lazy list nobody followed: listed now; its first snapshot goes to every listener.
      whole.followed = whole.dirty = true;
      this.kick();
    }
    return () => {
      this.emitter.off(topic, l);
      if (whole && LAZY.has(topic as WholeTopic) && this.emitter.listenerCount(topic) === 0) {
        Object.assign(whole, { followed: false, loaded: false, dirty: false });
        whole.list.replaceAll([]);
      }
    };
  }

  private current(topic: MonitorTopic): unknown {
    if (topic === 'engine.status') return this.status;
    if (topic === 'containers') return this.containers.snapshot();
    return this.whole[topic].list.snapshot();
  }

  private load(topic: WholeTopic): Promise<unknown[]> {
    if (topic === 'images') return this.sources.listImages();
    if (topic === 'volumes') return this.sources.listVolumes();
    return this.sources.listNetworks();
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
    if (this.networksPoll) clearInterval(this.networksPoll);
    this.retryTimer = this.resyncTimer = this.networksPoll = null;
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        const info = await this.guard(this.engine.identify());
        const events = await this.guard(subscribeEvents(this.engine, (e) => this.onEvent(e), this.stopping.signal));
        this.events = events;
        // A refresh left over from the previous connection must not interleave with this resync.
        await this.guard(this.working ?? Promise.resolve());
        await this.guard(this.resync(true));
        attempt = 0;
        this.synced = true;
        this.resyncTimer = setInterval(() => this.requestResync(), this.options.resyncMs ?? RESYNC_MS);
        this.resyncTimer.unref();
        if (info.kind === 'podman') {
          this.networksPoll = setInterval(() => this.refresh('networks'), PODMAN_NETWORKS_POLL_MS);
          this.networksPoll.unref();
        }
        this.setStatus({ state: 'connected', host: this.engine.host.display, info });
        this.kick();
        await this.guard(events.done);
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
    const topics = (Object.keys(this.whole) as WholeTopic[]).filter((t) => this.whole[t].followed);
    const [listed, ...lists] = await Promise.all([this.sources.listContainers(), ...topics.map((t) => this.load(t))]);
    const items = listed.map((c) => {
      const held = this.containers.get(c.id);
      if (held && isDeepStrictEqual(listFields(held), listFields(c))) return held;
      this.markDirty(c.id);
      return held ?? c;
    });
    if (snapshot) this.emit('containers', this.containers.replaceAll(items));
    else this.emitAll('containers', this.containers, this.containers.diffAll(items));
    topics.forEach((t, i) => this.applyWhole(t, lists[i]!, snapshot));
  }

  /** A fresh whole list: a snapshot the first time (or when asked), deltas after. */
  private applyWhole(topic: WholeTopic, items: unknown[], snapshot: boolean): void {
    const w = this.whole[topic] as { list: LiveList<unknown>; dirty: boolean; loaded: boolean };
    w.dirty = false;
    if (snapshot || !w.loaded) this.emit(topic, w.list.replaceAll(items) as never);
    else this.emitAll(topic, w.list as never, w.list.diffAll(items) as never);
    w.loaded = true;
  }

  private markDirty(id: string): void {
    this.dirty.set(id, ++this.sequence);
  }

  /**
   * Every event of the engine's stream as it arrives, before lists are refreshed (for notifications).
   * Events while the stream is down are missed: nothing is replayed. @returns a function that unsubscribes.
   */
  onEngineEvent(listener: (e: EngineEvent) => void): () => void {
    this.rawListeners.add(listener);
    return () => this.rawListeners.delete(listener);
  }

  private onEvent(e: EngineEvent): void {
    for (const l of this.rawListeners) l(e);
    if (e.Type === 'container') {
      const id = e.Actor?.ID ?? e.id;
      if (id) this.markDirty(id);
      // A commit makes an image; Podman 4.3 sends no image event for it (Docker sends `tag`).
      if (e.Action === 'commit') this.touch('images');
      const action = (e.Action ?? '').split(':')[0]!;
      if (VOLUME_ACTIONS.has(action)) this.touch('volumes');
      if (NETWORK_ACTIONS.has(action)) this.touch('networks');
    } else if (e.Type === 'image' || e.Type === 'volume' || e.Type === 'network') {
      this.touch(e.Type === 'image' ? 'images' : e.Type === 'volume' ? 'volumes' : 'networks');
    }
    this.kick();
  }

  /**
   * Refresh a whole list now, for changes the engine announces with no event (Docker 20.10 sends none when a
   * container that is not running is connected to or disconnected from a network).
   */
  refresh(topic: WholeTopic): void {
    this.touch(topic);
    this.kick();
  }

  private touch(topic: WholeTopic): void {
    if (this.whole[topic].followed) this.whole[topic].dirty = true;
  }

  private hasWork(): boolean {
    return this.resyncWanted || this.dirty.size > 0 || Object.values(this.whole).some((w) => w.dirty);
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
  private emitAll<T extends 'containers' | WholeTopic>(topic: T, list: { snapshot(): TopicPayload<T> }, deltas: TopicPayload<T>[]): void {
    if (deltas.length > SNAPSHOT_ABOVE) this.emit(topic, list.snapshot());
    else for (const d of deltas) this.emit(topic, d);
  }

  /** Refresh one batch of dirty containers (inspect), then the whole lists events touched. @throws the first failure. */
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
    for (const topic of Object.keys(this.whole) as WholeTopic[]) {
      const w = this.whole[topic];
      if (!w.dirty) continue;
      w.dirty = false;
      try {
        const items = await this.load(topic);
        // Unfollowed meanwhile (its last listener left): drop the answer.
        if (w.followed) this.applyWhole(topic, items, false);
      } catch (err) {
        if (w.followed) w.dirty = true;
        throw err;
      }
    }
  }
}
