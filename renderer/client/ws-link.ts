/**
 * The serve-mode link: one WebSocket to `/ws` on the page's own origin, carrying `ClientMessage`s and
 * `ServerMessage`s (shared/api.ts). Its first message is `{t:'auth', token}`; calls and subscriptions
 * wait (queued) until the server answers `{t:'ready'}`. A close with UNAUTHORIZED_CLOSE (no, a wrong or a
 * late token) makes the link `unauthorized` for good. Otherwise it reconnects with backoff when the server
 * goes away, re-subscribes every topic (which makes the server resend current state: a full resync), and
 * fails calls in flight. Calls time out and can be aborted (call-guard.ts); topics keep listener sets
 * (topics.ts), as in the IPC link.
 */
import type { ClientMessage, Envelope, ServerMessage } from '../../shared/api';
import { SERVE_MESSAGE_MAX_BYTES, UNAUTHORIZED_CLOSE } from '../../shared/serve-limits';
import { guardCall } from './call-guard';
import type { Link, LinkState } from './link';
import { createTopics } from './topics';

const RETRY_MS = { initial: 250, max: 4000 };

/** The message's size in bytes as JSON when it is over SERVE_MESSAGE_MAX_BYTES, else 0. */
function tooBig(m: ClientMessage): number {
  const json = JSON.stringify(m);
  if (json.length * 3 <= SERVE_MESSAGE_MAX_BYTES) return 0;
  const bytes = new TextEncoder().encode(json).length;
  return bytes > SERVE_MESSAGE_MAX_BYTES ? bytes : 0;
}

/** `token`: serve mode's token ('' when the page has none: the link is `unauthorized` at once). */
export function wsLink(url: string, token: string): Link {
  let ws: WebSocket | null = null;
  let ready = false;
  let nextId = 1;
  let attempt = 0;
  const pending = new Map<number, (e: Envelope) => void>();
  /** Calls and signals made while the socket was connecting or authenticating, sent on `ready`. */
  let queued: ClientMessage[] = [];
  const stateListeners = new Set<(s: LinkState) => void>();
  let state: LinkState = token ? 'closed' : 'unauthorized';

  const setState = (s: LinkState) => {
    state = s;
    for (const l of stateListeners) l(s);
  };
  const send = (m: ClientMessage) => {
    if (ready && ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
  };
  const topics = createTopics((topic) => {
    send({ t: 'sub', topic });
    return () => send({ t: 'unsub', topic });
  });

  const onReady = () => {
    ready = true;
    attempt = 0;
    setState('open');
    for (const topic of topics.names()) send({ t: 'sub', topic });
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
        topics.emit(msg.topic, msg.payload);
      }
    };
    socket.onclose = (ev: CloseEvent) => {
      if (ws !== socket) return;
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
    invoke(method, args, opts = {}) {
      if (!ws) {
        if (state === 'unauthorized') return Promise.resolve({ ok: false, error: { name: 'Unauthorized', message: 'no valid serve-mode token' } });
        return Promise.resolve({ ok: false, error: { name: 'Disconnected', message: 'not connected to the Berth server' } });
      }
      const id = nextId++;
      // The server closes the socket on a message over its limit: say so here instead, and keep the connection.
      const size = tooBig({ t: 'call', id, method, args } as ClientMessage);
      if (size) return Promise.resolve({ ok: false, error: { name: 'ValidationError', message: `too large to send to the Berth server: ${(size / 2 ** 20).toFixed(1)} MiB (at most ${SERVE_MESSAGE_MAX_BYTES / 2 ** 20} MiB a call)` } });
      const forget = () => {
        pending.delete(id);
        queued = queued.filter((m) => !(m.t === 'call' && m.id === id));
      };
      return guardCall(method, args, opts, () =>
        new Promise<Envelope>((resolve) => {
          pending.set(id, resolve);
          const m: ClientMessage = { t: 'call', id, method, args };
          if (ready) send(m);
          else queued.push(m);
        }),
        forget,
      );
    },
    signal(name, args) {
      const m: ClientMessage = { t: 'signal', name, args };
      if (ready) send(m);
      else if (ws) queued.push(m);
    },
    subscribe: (topic, listener) => topics.subscribe(topic, listener),
    onState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}
