/**
 * Keeps Berth's picture of one engine current: connection status, and live lists of containers and images
 * that follow the engine's `/events` stream. On every (re)connect it subscribes to events first, then
 * lists everything (a full resync), so nothing that happens in between is missed. When the engine goes
 * away it reports `unreachable` and retries with exponential backoff.
 *
 * Subscribers get the current state first (status or snapshot), then deltas, in order.
 */
import { EventEmitter } from 'node:events';
import type { TopicName, TopicPayload } from '../../shared/api';
import type { ContainerSummary, EngineStatus, ImageSummary } from '../../shared/model';
import type { ContainersService } from '../containers/service';
import type { ImagesService } from '../images/service';
import type { Engine } from './engine';
import { subscribeEvents, type EngineEvent, type EventSubscription } from './events';
import { LiveList } from './live-list';

/** Reconnect delays: 500 ms doubling to at most 5 s. */
export const BACKOFF = { initialMs: 500, maxMs: 5_000 } as const;

/** The topics the monitor serves. */
export type MonitorTopic = Exclude<TopicName, 'layers.progress'>;

export function backoffDelay(attempt: number, b: { initialMs: number; maxMs: number } = BACKOFF): number {
  return Math.min(b.maxMs, b.initialMs * 2 ** Math.min(attempt, 20));
}

export class EngineMonitor {
  private status: EngineStatus;
  private readonly containers = new LiveList<ContainerSummary>((c) => c.id);
  private readonly images = new LiveList<ImageSummary>((i) => i.id);
  private readonly emitter = new EventEmitter();
  private readonly dirtyContainers = new Set<string>();
  private imagesDirty = false;
  private flushing: Promise<void> | null = null;
  private events: EventSubscription | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly services: { containers: ContainersService; images: ImagesService },
    private readonly backoff = BACKOFF,
  ) {
    this.emitter.setMaxListeners(0);
    this.status = { state: 'connecting', host: engine.host.display };
  }

  /** Start connecting; safe to call once. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Stop following the engine and close the event stream. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.events?.close();
    this.wake?.();
    await this.loop;
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

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        const info = await this.engine.identify();
        this.events = await subscribeEvents(this.engine, (e) => this.onEvent(e));
        await this.resync();
        attempt = 0;
        this.setStatus({ state: 'connected', host: this.engine.host.display, info });
        await this.events.done;
        if (!this.stopped) throw new Error(`engine unreachable: ${this.engine.host.display} (event stream ended)`);
      } catch (err) {
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

  /** Full resync: list everything and send snapshots. */
  private async resync(): Promise<void> {
    const [containers, images] = await Promise.all([this.services.containers.list(), this.services.images.list()]);
    this.dirtyContainers.clear();
    this.imagesDirty = false;
    this.emit('containers', this.containers.replaceAll(containers));
    this.emit('images', this.images.replaceAll(images));
  }

  private onEvent(e: EngineEvent): void {
    if (e.Type === 'container') {
      const id = e.Actor?.ID ?? e.id;
      if (id) this.dirtyContainers.add(id);
      // A commit makes an image; Podman 4.3 sends no image event for it (Docker sends `tag`).
      if (e.Action === 'commit') this.imagesDirty = true;
    } else if (e.Type === 'image') {
      this.imagesDirty = true;
    }
    this.scheduleFlush();
  }

  /** Refresh what events touched, one batch at a time, so deltas go out in the order things happened. */
  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = (async () => {
      try {
        while (!this.stopped && (this.dirtyContainers.size > 0 || this.imagesDirty)) {
          await this.flushOnce();
        }
      } catch {
        // The engine went away mid-refresh; the reconnect loop resyncs everything.
      } finally {
        this.flushing = null;
      }
    })();
  }

  private async flushOnce(): Promise<void> {
    if (this.dirtyContainers.size > 0) {
      const ids = [...this.dirtyContainers];
      this.dirtyContainers.clear();
      const found = await this.services.containers.list(ids);
      for (const d of this.containers.reconcile(ids, found.filter((c) => ids.includes(c.id)))) this.emit('containers', d);
    }
    if (this.imagesDirty) {
      this.imagesDirty = false;
      const all = await this.services.images.list();
      for (const d of this.images.diffAll(all)) this.emit('images', d);
    }
  }
}
