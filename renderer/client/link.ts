/**
 * A link carries contract calls and topic events between the renderer and the Node side. There are two:
 * Electron IPC through `window.berth` (ipc-link.ts), and the serve-mode WebSocket (ws-link.ts).
 */
import type { Envelope, MethodName, TopicName } from '../../shared/api';

/**
 * `open`: calls go through. `closed`: the link to Berth's own server is down and being retried.
 * `unauthorized`: serve mode without a valid token; not retried (the page says how to get in).
 */
export type LinkState = 'open' | 'closed' | 'unauthorized';

export interface Link {
  invoke(method: MethodName, args: unknown): Promise<Envelope>;
  /** One listener per topic; the link delivers the topic's current state first, again after a reconnect. */
  subscribe(topic: TopicName, listener: (payload: unknown) => void): () => void;
  onState(listener: (state: LinkState) => void): () => void;
}
