/**
 * The serve-mode link: one WebSocket to `/ws` on the page's own origin, carrying `ClientMessage`s and
 * `ServerMessage`s (shared/api.ts). Its first message is `{t:'auth', token}`; calls and subscriptions
 * wait (queued) until the server answers `{t:'ready'}`. A close with UNAUTHORIZED_CLOSE (no, a wrong or a
 * late token) makes the link `unauthorized` for good. Otherwise it reconnects with backoff when the server
 * goes away, re-subscribes every topic (which makes the server resend current state: a full resync), and
 * fails calls in flight.
 */
import { UNAUTHORIZED_CLOSE, type ClientMessage, type Envelope, type ServerMessage, type TopicName } from '../../shared/api';
import type { Link, LinkState } from './link';

const RETRY_MS = { initial: 250, max: 4000 };

/** `token`: serve mode's token ('' when the page has none: the link is `unauthorized` at once). */
export function wsLink(url: string, token: string): Link {
  let ws: WebSocket | null = null;
  let ready = false;
  let nextId = 1;
  let attempt = 0;
  const pending = new Map<number, (e: Envelope) => void>();
  /** Calls made while the socket was connecting or authenticating, sent on `ready`. */
  let queued: ClientMessage[] = [];
  const topics = new Map<TopicName, (payload: unknown) => void>();
  const stateListeners = new Set<(s: LinkState) => void>();
  let state: LinkState = token ? 'closed' : 'unauthorized';

  const setState = (s: LinkState) => {
    state = s;
    for (const l of stateListeners) l(s);
  };
  const send = (m: ClientMessage) => {
    if (ready && ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
  };

  const onReady = () => {
    ready = true;
    attempt = 0;
    setState('open');
    for (const topic of topics.keys()) send({ t: 'sub', topic });
    const calls = queued;
    queued = [];
    for (const m of calls) send(m);
  };

  const connect = () => {
    const socket = new WebSocket(url);
    ws = socket;
    socket.onopen = () => socket.send(JSON.stringify({ t: 'auth', token } satisfies ClientMessage));
    socket.onmessage = (ev: MessageEvent<string>) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      if (msg.t === 'ready') {
        onReady();
      } else if (msg.t === 'result') {
        pending.get(msg.id)?.(msg.envelope);
        pending.delete(msg.id);
      } else {
        topics.get(msg.topic)?.(msg.payload);
      }
    };
    socket.onclose = (ev: CloseEvent) => {
      ws = null;
      ready = false;
      queued = [];
      for (const resolve of pending.values()) {
        resolve({ ok: false, error: { name: 'Disconnected', message: 'lost the connection to the Berth server' } });
      }
      pending.clear();
      if (ev.code === UNAUTHORIZED_CLOSE) return setState('unauthorized');
      setState('closed');
      const delay = Math.min(RETRY_MS.max, RETRY_MS.initial * 2 ** attempt++);
      setTimeout(connect, delay);
    };
  };
  if (token) connect();

  return {
    invoke(method, args) {
      if (!ws) {
        if (state === 'unauthorized') return Promise.resolve({ ok: false, error: { name: 'Unauthorized', message: 'no valid serve-mode token' } });
        return Promise.resolve({ ok: false, error: { name: 'Disconnected', message: 'not connected to the Berth server' } });
      }
      const id = nextId++;
      return new Promise<Envelope>((resolve) => {
        pending.set(id, resolve);
        const m: ClientMessage = { t: 'call', id, method, args };
        if (ready) send(m);
        else queued.push(m);
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
