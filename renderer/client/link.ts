/**
 * A link carries contract calls and topic events between the renderer and the Node side. There are two:
 * Electron IPC through `window.berth` (ipc-link.ts), and the serve-mode WebSocket (ws-link.ts).
 */
import type { Envelope, MethodName, SignalName, TopicName } from '../../shared/api';
import type { CallOptions } from './call-guard';

/**
 * `open`: calls go through. `closed`: the link to Berth's own server is down and being retried.
 * `unauthorized`: serve mode without a valid token; not retried (the page says how to get in).
 */
export type LinkState = 'open' | 'closed' | 'unauthorized';

export interface Link {
  /**
   * One call. Never rejects: failures, a timeout (`Timeout`, per method, see call-guard.ts) and an abort
   * through `opts.signal` (`Aborted`) come back as error envelopes; a late result is dropped.
   */
  invoke(method: MethodName, args: unknown, opts?: CallOptions): Promise<Envelope>;
  /**
   * A one-way message (shared/api.ts `signals`), in order with the calls made before and after it; nothing
   * comes back. While the link is down it is dropped (as a call would fail with `Disconnected`); while
   * connecting it waits with the calls.
   */
  signal(name: SignalName, args: unknown): void;
  /** Any number of listeners per topic (topics.ts); the topic's current state comes first, again after a reconnect. */
  subscribe(topic: TopicName, listener: (payload: unknown) => void): () => void;
  onState(listener: (state: LinkState) => void): () => void;
}
