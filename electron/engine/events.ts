/**
 * The engine's `/events` stream as parsed messages. Docker and Podman send one JSON object per line;
 * `readline` reassembles lines split across chunks.
 */
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import type { Engine } from './engine';
import { toBerthError } from './errors';

/** The fields of an engine event Berth reads (`GET /events`). */
export interface EngineEvent {
  /** `container`, `image`, `volume`, `network`, … */
  Type?: string;
  /** `start`, `die`, `destroy` (Docker) / `remove` (Podman), `exec_start: sh`, `health_status: healthy`, … */
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  /** Podman's compat stream also sets `id`. */
  id?: string;
  timeNano?: number;
}

/** A subscription to `/events`: `done` settles when the stream ends (engine gone) or fails. */
export interface EventSubscription {
  done: Promise<void>;
  close(): void;
}

/** Event types `GET /events` filters on (Engine API 1.41). */
export type EventType = 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'service' | 'node' | 'secret' | 'config';

/** The event types the engine monitor follows. */
export const LIST_EVENT_TYPES: readonly EventType[] = ['container', 'image', 'volume', 'network'];

/**
 * Subscribe to the engine's events of `types` (default: container, image, volume and network; the swarm's
 * `service`, `node`, `secret`, `config` for electron/swarm/changes.ts). Resolves once the engine has accepted the request, so a list
 * fetched afterwards cannot miss a change.
 * @param signal aborts the request while it is still being made (and closes the stream after).
 * @throws BerthError when the engine cannot be reached or `signal` aborted the request.
 */
export async function subscribeEvents(engine: Engine, onEvent: (e: EngineEvent) => void, signal?: AbortSignal, types: readonly EventType[] = LIST_EVENT_TYPES): Promise<EventSubscription> {
  let stream: Readable;
  try {
    const filters = { type: [...types] };
    stream = (await engine.streams.getEvents({ filters, ...(signal ? { abortSignal: signal } : {}) })) as unknown as Readable;
  } catch (err) {
    throw toBerthError(err, engine.host.display);
  }
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  const done = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      if (!line.trim()) return;
      try {
        onEvent(JSON.parse(line) as EngineEvent);
      } catch {
        // A line that is not JSON is not an event; the next resync corrects anything it might have meant.
      }
    });
    const fail = (err: unknown) => reject(toBerthError(err, engine.host.display));
    lines.on('close', () => resolve());
    // readline re-emits its input's errors (e.g. ECONNRESET when the engine dies): both must be handled.
    lines.on('error', fail);
    stream.on('error', fail);
  });
  return {
    done,
    close: () => {
      lines.close();
      stream.destroy();
    },
  };
}
