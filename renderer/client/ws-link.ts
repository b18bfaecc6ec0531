/**
 * The serve-mode link: one WebSocket to `/ws` on the page's own origin, carrying `ClientMessage`s and
 * `ServerMessage`s (shared/api.ts). It reconnects with backoff when the server goes away, re-subscribes
 * every topic (which makes the server resend current state: a full resync), and fails calls in flight.
 */
import type { ClientMessage, Envelope, ServerMessage, TopicName } from '../../shared/api';
import type { Link, LinkState } from './link';

const RETRY_MS = { initial: 250, max: 4000 };

export function wsLink(url: string): Link {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  const pending = new Map<number, (e: Envelope) => void>();
  const topics = new Map<TopicName, (payload: unknown) => void>();
  const stateListeners = new Set<(s: LinkState) => void>();
  let state: LinkState = 'closed';

  const setState = (s: LinkState) => {
    state = s;
    for (const l of stateListeners) l(s);
  };
  const send = (m: ClientMessage) => {
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
  };

  const connect = () => {
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => {
      attempt = 0;
      setState('open');
      for (const topic of topics.keys()) send({ t: 'sub', topic });
    };
    socket.onmessage = (ev: MessageEvent<string>) => {
      const msg = JSON.parse(ev.data) as ServerMessage;
      if (msg.t === 'result') {
        pending.get(msg.id)?.(msg.envelope);
        pending.delete(msg.id);
      } else {
        topics.get(msg.topic)?.(msg.payload);
      }
    };
    socket.onclose = () => {
      ws = null;
      for (const resolve of pending.values()) {
        resolve({ ok: false, error: { name: 'Disconnected', message: 'lost the connection to the Berth server' } });
      }
      pending.clear();
      setState('closed');
      const delay = Math.min(RETRY_MS.max, RETRY_MS.initial * 2 ** attempt++);
      setTimeout(connect, delay);
    };
  };
  connect();

  return {
    invoke(method, args) {
      if (ws?.readyState !== WebSocket.OPEN) {
        return Promise.resolve({ ok: false, error: { name: 'Disconnected', message: 'not connected to the Berth server' } });
      }
      const id = nextId++;
      return new Promise<Envelope>((resolve) => {
        pending.set(id, resolve);
        send({ t: 'call', id, method, args });
      });
    },
    subscribe(topic, listener) {
      topics.set(topic, listener);
      send({ t: 'sub', topic });
      return () => {
        topics.delete(topic);
        send({ t: 'unsub', topic });
      };
    },
    onState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}
