/**
 * The `swarm.changes` topic's source for one engine: the engine's own `service`, `node`, `secret` and
 * `config` events (`GET /events?filters={"type":[…]}`), each told as `{ type, action, id }` so the Swarm view
 * fetches its lists again. The stream is opened only while someone listens, and opened again with a backoff
 * (0.25 s doubling to 10 s) when it ends or fails. Podman (no swarm mode) and engines in no swarm stay silent:
 * Podman is never asked, a Docker engine outside a swarm simply sends no such events.
 */
import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SwarmChange } from '../../shared/swarm';
import type { Engine } from '../engine/engine';
import { subscribeEvents, type EngineEvent, type EventSubscription } from '../engine/events';

const TYPES = ['service', 'node', 'secret', 'config'] as const;
const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 10_000;

/** An engine event as a swarm change, or null when it is none (another type, no ID). */
export function toSwarmChange(e: EngineEvent): SwarmChange | null {
  const type = (TYPES as readonly string[]).includes(e.Type ?? '') ? (e.Type as SwarmChange['type']) : null;
  const id = e.Actor?.ID;
  if (!type || !id) return null;
  return { type, action: e.Action ?? '', id };
}

export class SwarmChanges {
  private readonly emitter = new EventEmitter();
  private running: AbortController | null = null;
  private closed = false;

  constructor(private readonly engine: Engine) {
    this.emitter.setMaxListeners(0);
  }

  /**
   * Follow the swarm's changes; the first listener opens the engine's event stream, the last one leaving closes
   * it. Nothing is replayed: a change is news (the lists themselves come from `swarm.*` calls).
   * @returns a function that unsubscribes.
   */
  subscribe(listener: (c: SwarmChange) => void): () => void {
    this.emitter.on('change', listener);
    if (!this.running && !this.closed) this.start();
    return () => {
      this.emitter.off('change', listener);
      if (this.emitter.listenerCount('change') === 0) this.stop();
    };
  }

  /** Stop for good (the engine's services are closing). */
  close(): void {
    this.closed = true;
    this.stop();
    this.emitter.removeAllListeners();
  }

  private stop(): void {
    this.running?.abort();
    this.running = null;
  }

  private start(): void {
    const ctl = new AbortController();
    this.running = ctl;
    void this.follow(ctl.signal);
  }

  /** Subscribe, wait for the stream's end, wait the backoff, again; until `signal` aborts. */
  private async follow(signal: AbortSignal): Promise<void> {
    if ((await this.engine.kind().catch(() => null)) === 'podman') return;
    let delay = FIRST_RETRY_MS;
    while (!signal.aborted) {
      let sub: EventSubscription | null = null;
      const onAbort = () => sub?.close();
      try {
        sub = await subscribeEvents(
          this.engine,
          (e) => {
            const c = toSwarmChange(e);
            if (c) this.emitter.emit('change', c);
          },
          signal,
          TYPES,
        );
        signal.addEventListener('abort', onAbort, { once: true });
        const opened = Date.now();
        await sub.done.catch(() => undefined);
        // A stream that lived a while was a working one: start the backoff over.
        if (Date.now() - opened > LAST_RETRY_MS) delay = FIRST_RETRY_MS;
      } catch {
        // The engine is unreachable (or the request was aborted): wait, then try again.
      } finally {
        signal.removeEventListener('abort', onAbort);
        sub?.close();
      }
      if (signal.aborted) return;
      await sleep(delay, undefined, { signal }).catch(() => undefined);
      delay = Math.min(delay * 2, LAST_RETRY_MS);
    }
  }
}
